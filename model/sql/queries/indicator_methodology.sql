-- The methodology row matched to one indicator by name (its own or that of the row it details).
-- $passport_id, $indicator_code
select * from indicator_methodology where passport_id = $passport_id and indicator_code = $indicator_code
