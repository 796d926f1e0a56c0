-- One line per chosen passport: period, level and how much it holds (passport_summary). $passport_ids
select * from passport_summary where list_contains($passport_ids, passport_id) order by passport_id
