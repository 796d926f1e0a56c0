-- Mart: everything a user can enter a fact for, with its plan — one row per key of the facts store.
-- kind: indicator (by printed year), result (target by measure and year),
-- funding (line × source × year, млн руб.), control_point (every row of the plan of activities).
create or replace view fact_target as
with indicator_plans as (
    select passport_id, 'indicator' as kind, '' as section, indicator_code as code, '' as measure, year,
           plan_value, cast(null as date) as plan_date, indicator_name as name, unit, direction,
           false as is_cumulative, indicator_seq as seq
    from indicator_plan where plan_value is not null
),
result_plans as (
    select passport_id, 'result', '', result_code, measure, year, target_value, null, result_text, null, 'up',
           is_cumulative, seq
    -- federal_* and regional_* are targets of the level above, quoted for comparison: no facts of ours
    from result_target where measure not like 'federal\_%' escape '\' and measure not like 'regional\_%' escape '\'
    -- a result printing two values for one measure and year (Amur 24.1: 13000 in the text, 18300 in the
    -- characteristic) is planned by the first one; the quality report names the contradiction
    qualify row_number() over (partition by passport_id, result_code, measure, year order by seq) = 1
),
-- money planned per funding line, source and year (source rows only; totals are not plans of their own)
funding_plans as (
    select passport_id, 'funding', section, budget_line_code, source, year, sum(amount_mln_rub), null,
           any_value(line_name), 'млн руб.', 'up', false, min(seq)
    from funding
    where source <> 'total' and year is not null
    group by passport_id, section, budget_line_code, source, year
),
control_points as (
    select passport_id, 'control_point', '', activity_key, '', coalesce(year(end_date), 0), null, end_date,
           name, null, 'up', false, seq
    from activity
),
final as (
    select * from indicator_plans
    union all select * from result_plans
    union all select * from funding_plans
    union all select * from control_points
)
select * from final;
