-- How many rows of each chosen passport's plan are overdue as of a date, and the longest delay in days.
-- $as_of, $passport_ids
select passport_id, count(*) filter (where is_overdue) as overdue, max(overdue_days) as max_overdue_days,
       count(*) as rows_total
from activity_status_asof($as_of)
where list_contains($passport_ids, passport_id)
group by passport_id order by passport_id
