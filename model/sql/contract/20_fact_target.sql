-- Mart: everything a user can enter a fact for, with its plan — one row per target of the facts store.
-- kind: indicator (by printed year), result (target by measure and year),
-- funding (line × source × year, млн руб.), control_point (every row of the plan of activities),
-- user_measure (a measure of the user's own, every year of the passport; no plan: its target is the user's, kept
-- in user_measure and never shown as a plan of the passport).
-- series: what the values of several codes and years form one line of (the forecast starts a year from the
-- series' last fact); accumulates: level (a share, a running total) or flow (counted per year, money) — both
-- as the passport files say; topic and role: what the target is about.
create or replace view fact_target as
with indicator_plans as (
    select p.passport_id, 'indicator' as kind, '' as section, p.indicator_code as code, '' as measure, p.year,
           p.plan_value, cast(null as date) as plan_date, p.indicator_name as name, p.unit, p.direction,
           false as is_cumulative, p.indicator_seq as seq, 'indicator:' || p.series as series,
           p.accumulates, i.base_value, p.topic, p.role
    from indicator_plan p
    join indicator i using (passport_id, indicator_code)
    where p.plan_value is not null
),
result_plans as (
    select t.passport_id, 'result', '', t.result_code, t.measure, t.year, t.target_value, null, t.result_text,
           t.unit, 'up', t.is_cumulative, t.seq, 'result:' || t.series, t.accumulates, null, t.topic, t.role
    from result_target t
    -- targets of the level above are quoted for comparison: no facts of ours
    where t.quoted_level is null
    -- a result printing two values for one measure and year (Amur 24.1: 13000 in the text, 18300 in the
    -- characteristic) is planned by the first one; the quality report names the contradiction
    qualify row_number() over (partition by t.passport_id, t.result_code, t.measure, t.year order by t.seq) = 1
),
-- money planned per funding line, source and year (source rows only; totals are not plans of their own)
funding_plans as (
    select passport_id, 'funding', section, budget_line_code, source, year, sum(amount_mln_rub), null,
           any_value(line_name), 'млн руб.', 'up', false, min(seq),
           'funding:' || section || ':' || budget_line_code || ':' || source, 'flow', null, 'funding', null
    from funding
    where source <> 'total' and year is not null
    group by passport_id, section, budget_line_code, source, year
),
control_points as (
    select passport_id, 'control_point', '', activity_key, '', coalesce(year(end_date), 0), null, end_date,
           name, null, 'up', false, seq, 'control_point:' || activity_key, 'level', null, null, null
    from activity
),
user_measures as (
    select m.passport_id, 'user_measure', '', m.code, '', y.year, null, null, m.name, m.unit, m.direction,
           m.accumulates = 'level', m.seq, 'user_measure:' || m.code, m.accumulates, null, m.topic, null
    from user_measure m
    join passport p using (passport_id)
    cross join lateral (select unnest(range(year(p.start_date), year(p.end_date) + 1)) as year) y
),
final as (
    select * from indicator_plans
    union all select * from result_plans
    union all select * from funding_plans
    union all select * from control_points
    union all select * from user_measures
)
select * from final;
