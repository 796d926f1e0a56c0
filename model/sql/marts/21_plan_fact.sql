-- Plan against fact as of a date, with thresholds (percent) for «достигнут» and «риск».
-- plan_fact_asof(as_of, achieved_pct, risk_pct[, passport_ids]): null thresholds take metric_settings; a list of
-- passport ids narrows everything to those passports before any window or join (null: every passport) — a page
-- of one passport among 2 000 reads that passport's rows only.
-- Values keep full precision; rounding is for display only.
create or replace macro plan_fact_asof(as_of, achieved_pct, risk_pct, passport_ids := null) as table
with settings as (
    select coalesce(achieved_pct, s.achieved_pct) as ok_pct, coalesce(risk_pct, s.risk_pct) as risk_pct_,
           cast(as_of as date) as as_of_date
    from metric_settings s
),
plans as (
    select passport_id, kind, section, code, measure, name, unit, year, plan_value, direction, is_cumulative, seq,
           series, accumulates, base_value, topic, role
    from fact_target where kind in ('indicator', 'result', 'funding')
        and (passport_ids is null or list_contains(passport_ids::varchar[], passport_id))
),
-- the reports known on the as-of day (reporting date on or before it)
facts as (
    select f.* from settings s, fact_asof(s.as_of_date, passport_ids := passport_ids) f
),
-- one report per series and year: a series planned under two codes in one year (Tomsk 2024: results 1 and 1.25)
-- is reported once, and that report serves both; the newest report wins, a real one over an example
series_facts as (
    select * from facts
    qualify row_number() over (partition by passport_id, kind, series, year
                               order by is_example asc, reporting_date desc, entered_at desc) = 1
),
joined as (
    select p.*, f.fact_value, f.is_example, f.source as fact_source, f.comment as fact_comment,
        f.reason as fact_reason, f.measures as fact_measures,
        f.reporting_date, f.code as fact_code, s.*,
        make_date(p.year, 12, 31) as year_end_date,
        -- the year is over on its last day: a report as of 31.12 is the year's result, not a year in progress
        year(s.as_of_date) = p.year and s.as_of_date < make_date(p.year, 12, 31) as is_year_in_progress,
        -- share of the year elapsed on the day the report is true for (for the year-end forecast)
        (datediff('day', make_date(p.year, 1, 1), coalesce(least(f.reporting_date, s.as_of_date), s.as_of_date))
             + 1)
            / (datediff('day', make_date(p.year, 1, 1), make_date(p.year, 12, 31)) + 1) as year_elapsed
    from plans p
    cross join settings s
    left join series_facts f
        on f.passport_id = p.passport_id and f.kind = p.kind and f.series = p.series and f.year = p.year
),
-- one value per series and year (a measure planned under two codes in one year has one fact that counts)
series_years as (
    select passport_id, kind, series, year, max(fact_value) as fact_value
    from joined where fact_value is not null group by all
),
previous as (
    -- the level a year starts from: the series' last fact of an earlier year (whatever code it was planned
    -- under), else the indicator's base value, else zero
    select j.*,
        coalesce((select arg_max(y.fact_value, y.year) from series_years y
                  where y.passport_id = j.passport_id and y.kind = j.kind and y.series = j.series
                    and y.year < j.year),
                 j.base_value, 0) as start_level
    from joined j
),
scored as (
    select *,
        case when fact_value is null or plan_value is null then null
             when direction = 'down' then case when fact_value = 0 then null else plan_value / fact_value * 100 end
             else case when plan_value = 0 then null else fact_value / plan_value * 100 end
        end as achievement_pct,
        fact_value - plan_value as deviation,
        case when fact_value is null then null
             when direction = 'down' then fact_value <= plan_value
             else fact_value >= plan_value end as meets_plan,
        -- linear forecast to the year end: a flow grows from zero, a level from where the year started
        case when not is_year_in_progress or fact_value is null then null
             when accumulates = 'flow' then fact_value / year_elapsed
             else start_level + (fact_value - start_level) / year_elapsed end as raw_forecast
    from previous
),
coded as (
    select *,
        case
            -- the year is over on its last day: a year-end report without a fact has no data
            when fact_value is null and as_of_date >= year_end_date then 'no_data'
            when fact_value is null then 'in_progress'
            when meets_plan or achievement_pct >= ok_pct then 'achieved'
            when is_year_in_progress then 'in_progress'
            when achievement_pct >= risk_pct_ then 'at_risk'
            else 'not_achieved'
        end as status_code,
        -- a level cannot fall below zero nor a share rise above 100 %
        case when raw_forecast is null then null
             when unit ilike 'процент%' or unit = '%' then least(100, greatest(0, raw_forecast))
             else greatest(0, raw_forecast) end as forecast_value
    from scored
),
final as (
    select c.passport_id, c.kind, c.section, c.code, c.measure, c.year, c.plan_value, c.fact_value,
        c.achievement_pct, c.deviation, t.label as status,
        c.name, c.unit, c.direction, c.is_cumulative, c.is_example, c.fact_source, c.is_year_in_progress,
        c.forecast_value,
        case when c.forecast_value is null then null
             when c.direction = 'down' then c.forecast_value > c.plan_value
             else c.forecast_value < c.plan_value end as forecast_short,
        c.as_of_date, c.seq, c.status_code, c.series, c.accumulates, c.start_level, c.fact_comment, c.topic, c.role,
        c.reporting_date, c.fact_code, c.fact_reason, c.fact_measures
    from coded c
    left join vocab_term t on t.vocabulary = 'plan_status' and t.code = c.status_code
)
select * from final;
