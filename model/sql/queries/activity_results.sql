-- The results (top-level rows) of a passport's plan of activities: code and name, in document order.
-- $passport_id
select result_code, any_value(name order by seq) as result_name, min(seq) as seq
from activity
where passport_id = $passport_id and kind = 'result'
group by all order by seq
