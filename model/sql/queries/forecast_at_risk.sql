-- Series of the year in progress whose year-end forecast falls short of plan, per chosen passport: what is
-- «под риском» as of a date. $as_of, $passport_ids
select passport_id, kind, code, measure, series, name, unit, year, plan_value, fact_value, forecast_value
from plan_fact_asof($as_of, null, null, passport_ids := $passport_ids)
where list_contains($passport_ids, passport_id) and kind in ('indicator', 'result') and forecast_short
order by passport_id, kind, seq
