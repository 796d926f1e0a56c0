-- Plan against fact of the quantitative result targets, one row per passport, measure and year, as of a date.
-- measure_plan_fact_asof(as_of): own targets (target_level 'own', with facts and status from plan_fact_asof)
-- and the targets of the level above quoted beside them (target_level 'federal' / 'regional', no facts).
create or replace macro measure_plan_fact_asof(as_of) as table
with plan_facts as (
    select * from plan_fact_asof(as_of, null, null) where kind = 'result'
),
quotes as (
    select passport_id, result_code, measure, year, min_by(quote, seq) as quote from result_target group by all
),
-- a measure may be targeted by two results in the same year (Tomsk 2024: results 1 and 1.25, both 100 %):
-- all their codes are listed, and the line shown is the one with a fact, else the highest target
codes as (
    select passport_id, measure, year, string_agg(code, ', ' order by seq) as result_codes
    from plan_facts group by all
),
ranked as (
    select pf.*, q.quote,
        row_number() over (partition by pf.passport_id, pf.measure, pf.year
                           order by pf.fact_value is null, pf.plan_value desc, pf.seq) as rn
    from plan_facts pf
    left join quotes q on q.passport_id = pf.passport_id and q.result_code = pf.code and q.measure = pf.measure
        and q.year = pf.year
),
own as (
    select r.passport_id, r.measure, r.measure as base_measure, 'own' as target_level, r.year, r.plan_value,
           r.fact_value, r.achievement_pct, r.deviation, r.status, r.is_cumulative, r.is_example,
           c.result_codes, r.quote, r.is_year_in_progress, r.forecast_value
    from ranked r join codes c using (passport_id, measure, year)
    where r.rn = 1
),
-- federal_* / regional_*: the level above's target, shown for comparison only
quoted as (
    select passport_id, measure, regexp_replace(measure, '^(federal|regional)_', '') as base_measure,
           case when measure like 'federal\_%' escape '\' then 'federal' else 'regional' end as target_level,
           year, max(target_value) as plan_value, cast(null as double) as fact_value,
           cast(null as double) as achievement_pct, cast(null as double) as deviation, cast(null as varchar) as status,
           bool_or(is_cumulative) as is_cumulative, cast(null as boolean) as is_example,
           string_agg(result_code, ', ' order by seq) as result_codes, min_by(quote, seq) as quote,
           cast(null as boolean) as is_year_in_progress, cast(null as double) as forecast_value
    from result_target
    where measure like 'federal\_%' escape '\' or measure like 'regional\_%' escape '\'
    group by passport_id, measure, year
),
final as (
    select * from own
    union all
    select * from quoted
)
select * from final;
