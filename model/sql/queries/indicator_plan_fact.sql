-- Plan and fact of each indicator of the chosen passports by printed year, with achievement, status and forecast
-- as of a date; one row per passport, indicator and year in the range ($codes null: every indicator).
-- A cell printed as text keeps it in plan_printed. $as_of, $passport_ids, $year_from, $year_to, $codes
with plans as (select * from indicator_plan),
plan_facts as (select * from plan_fact_asof($as_of, null, null, passport_ids := $passport_ids) where kind = 'indicator'),
final as (
    select p.passport_id, p.indicator_code, i.code_printed, i.parent_code, p.indicator_name, i.full_name, p.unit,
           p.indicator_type, p.direction, p.year, p.plan_value, p.plan_printed, pf.fact_value, pf.achievement_pct,
           pf.deviation, coalesce(pf.status_code, 'no_plan') as status_code,
           coalesce(pf.status, (select label from vocab_term where vocabulary = 'plan_status' and code = 'no_plan'))
               as status,
           coalesce(pf.is_example, false) as is_example, pf.fact_source, pf.fact_comment, pf.forecast_value,
           pf.forecast_short, i.base_value, p.indicator_seq as seq, i.topic, i.role
    from plans p
    join indicator i using (passport_id, indicator_code)
    left join plan_facts pf on pf.passport_id = p.passport_id and pf.code = p.indicator_code and pf.year = p.year
    where list_contains($passport_ids, p.passport_id) and p.year between $year_from and $year_to
      and ($codes::varchar[] is null or list_contains($codes::varchar[], p.indicator_code))
)
select * from final order by passport_id, seq, year
