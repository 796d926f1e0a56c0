-- How many methodology rows (Приложение № 2 or footnotes) a passport prints. $passport_id
select count(*) as n from methodology where passport_id = $passport_id
