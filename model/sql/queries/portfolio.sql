-- The portfolio: every passport (of one region, or all when $region is null) in one row, computed set-based over
-- all passports at once (never a query per passport), as of a date for the years of the range:
-- indicator and result targets by status (years begun by the as-of date), money planned in the years and spent
-- (facts of kind funding), overdue rows of the plan of activities, the last report date of real facts, quality
-- errors of the document, open and high risks, the report of the period just due (its state and days late) and how
-- many reports are late; only the passports of $allowed when it is not null (a viewer's list).
-- $as_of, $year_from, $year_to, $region, $allowed
with chosen as (
    select passport_id, territory, region, region_code, level from passport
    where ($region is null or region = $region)
      and ($allowed is null or list_contains($allowed::varchar[], passport_id))
),
targets as (
    select passport_id,
        count(*) filter (where status_code = 'achieved') as achieved,
        count(*) filter (where status_code = 'at_risk') as at_risk,
        count(*) filter (where status_code = 'not_achieved') as not_achieved,
        count(*) filter (where status_code = 'no_data') as no_data,
        count(*) filter (where status_code = 'in_progress') as in_progress,
        count(*) filter (where fact_value is not null and is_example) as example_facts
    from plan_fact_asof(cast($as_of as date), null, null)
    where kind in ('indicator', 'result') and year between $year_from and least($year_to, year(cast($as_of as date)))
    group by passport_id
),
money as (
    select passport_id, sum(plan_value) as planned_mln_rub, sum(fact_value) as spent_mln_rub,
           sum(plan_value) filter (where fact_value is not null) as planned_reported_mln_rub,
           count(*) filter (where fact_value is not null and is_example) as example_money
    from plan_fact_asof(cast($as_of as date), null, null)
    where kind = 'funding' and year between $year_from and $year_to
    group by passport_id
),
plan as (
    select passport_id, count(*) filter (where is_overdue) as overdue, max(overdue_days) as max_overdue_days
    from activity_status_asof(cast($as_of as date))
    group by passport_id
),
reports as (
    select passport_id, max(reporting_date) as last_report_date
    from stg_fact where not is_example and reporting_date <= cast($as_of as date)
    group by passport_id
),
quality as (
    select passport_id, count(*) filter (where severity = 'error') as quality_errors
    from quality_finding_all group by passport_id
),
risks as (
    select passport_id, count(*) filter (where is_open) as open_risks,
           count(*) filter (where is_open and rating = 'high') as high_risks
    from risk group by passport_id
),
calendar as (
    select * from report_calendar_asof(cast($as_of as date), (select list(passport_id) from chosen))
),
due_report as (
    select passport_id, period_label as report_period, state as report_state, days_late as report_days_late
    from calendar where deadline <= cast($as_of as date)
    qualify row_number() over (partition by passport_id order by deadline desc, period_end desc,
        case period_kind when 'year' then 0 when 'quarter' then 1 else 2 end) = 1
),
late_reports as (
    select passport_id, count(*) filter (where mark = 'late') as late_reports from calendar group by passport_id
),
final as (
    select c.passport_id, c.territory, c.region, c.region_code, c.level,
        coalesce(t.achieved, 0) as achieved, coalesce(t.at_risk, 0) as at_risk,
        coalesce(t.not_achieved, 0) as not_achieved, coalesce(t.no_data, 0) as no_data,
        coalesce(t.in_progress, 0) as in_progress,
        case when coalesce(t.achieved + t.at_risk + t.not_achieved + t.no_data, 0) > 0
             then t.achieved * 100.0 / (t.achieved + t.at_risk + t.not_achieved + t.no_data) end as achieved_pct,
        m.planned_mln_rub, m.spent_mln_rub,
        case when m.planned_reported_mln_rub > 0 then m.spent_mln_rub / m.planned_reported_mln_rub * 100 end
            as execution_pct,
        coalesce(p.overdue, 0) as overdue, p.max_overdue_days, r.last_report_date,
        coalesce(q.quality_errors, 0) as quality_errors, coalesce(k.open_risks, 0) as open_risks,
        coalesce(k.high_risks, 0) as high_risks,
        d.report_period, d.report_state, s.label as report_state_label, d.report_days_late,
        coalesce(l.late_reports, 0) as late_reports,
        coalesce(t.example_facts, 0) + coalesce(m.example_money, 0) > 0 as has_examples
    from chosen c
    left join targets t using (passport_id)
    left join money m using (passport_id)
    left join plan p using (passport_id)
    left join reports r using (passport_id)
    left join quality q using (passport_id)
    left join risks k using (passport_id)
    left join due_report d using (passport_id)
    left join late_reports l using (passport_id)
    left join vocab_term s on s.vocabulary = 'report_state' and s.code = d.report_state
)
select * from final order by region, level = 'municipal', territory
