-- How many plan lines (indicator or result target × year) of each chosen passport are in each status as of a
-- date, for the years of the range that have begun by then. $as_of, $passport_ids, $kinds, $year_from, $year_to
select passport_id, status_code, count(*) as n
from plan_fact_asof($as_of, null, null, passport_ids := $passport_ids)
where list_contains($kinds, kind) and list_contains($passport_ids, passport_id)
  and year between $year_from and least($year_to, year($as_of::date))
group by all order by all
