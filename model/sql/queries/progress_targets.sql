-- Indicators and result targets of one passport for one year as of a date (the last day of a reporting period):
-- the year's plan against the newest report on or before that day, with the reason and measures given for it.
-- $passport_id, $year, $as_of
with pf as (
    select * from plan_fact_asof(cast($as_of as date), null, null, passport_ids := [$passport_id])
    where passport_id = $passport_id and year = $year and kind in ('indicator', 'result') and plan_value is not null
),
final as (
    select pf.kind, pf.code, pf.measure, pf.seq, pf.unit, pf.plan_value, pf.fact_value, pf.achievement_pct,
           pf.deviation, pf.status_code, pf.status, pf.reporting_date, pf.fact_source, pf.fact_comment,
           pf.fact_reason, pf.fact_measures, coalesce(pf.is_example, false) as is_example, pf.forecast_value,
           pf.forecast_short, pf.is_year_in_progress, pf.direction, pf.series,
           coalesce(i.code_printed, pf.code) as code_printed,
           case when pf.kind = 'indicator' then coalesce(i.full_name, pf.name) else pf.name end as name,
           m.label as measure_label
    from pf
    left join indicator i on pf.kind = 'indicator' and i.passport_id = pf.passport_id and i.indicator_code = pf.code
    left join vocab_measure m on pf.kind = 'result' and m.measure = pf.measure
)
select * from final order by kind, seq, measure
