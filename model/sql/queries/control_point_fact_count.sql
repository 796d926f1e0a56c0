-- How many completion facts (kind control_point) a passport has, whatever their date. $passport_id
select count(*) as n from fact where passport_id = $passport_id and kind = 'control_point'
