-- Plan against fact as of a date, with thresholds (percent) for «достигнут» and «риск».
-- plan_fact_asof(as_of, achieved_pct, risk_pct): null thresholds take metric_settings.
create or replace macro plan_fact_asof(as_of, achieved_pct, risk_pct) as table
with settings as (
    select coalesce(achieved_pct, s.achieved_pct) as ok_pct, coalesce(risk_pct, s.risk_pct) as risk_pct_,
           cast(as_of as date) as as_of_date
    from metric_settings s
),
plans as (
    select passport_id, kind, section, code, measure, name, unit, year, plan_value, direction, is_cumulative, seq
    from fact_target where kind in ('indicator', 'result', 'funding')
),
-- facts for years after the as-of year cannot exist yet on that day
facts as (
    select f.* from fact f, settings s where f.year <= year(s.as_of_date)
),
joined as (
    select p.*, f.fact_value, f.is_example, f.source as fact_source, s.*,
        make_date(p.year, 12, 31) as year_end_date,
        year(s.as_of_date) = p.year as is_year_in_progress,
        -- share of the year elapsed on the as-of day (for the year-end forecast)
        (datediff('day', make_date(p.year, 1, 1), s.as_of_date) + 1)
            / (datediff('day', make_date(p.year, 1, 1), make_date(p.year, 12, 31)) + 1) as year_elapsed
    from plans p
    cross join settings s
    left join facts f
        on f.passport_id = p.passport_id and f.kind = p.kind and f.section = p.section
        and f.code = p.code and f.measure = p.measure and f.year = p.year
),
previous as (
    -- the level a year started from: last year's fact (or base value for indicators)
    select j.*,
        coalesce(lag(j.fact_value) over (
            partition by j.passport_id, j.kind, j.section, j.code, j.measure order by j.year),
            case when j.kind = 'indicator' then (
                select i.base_value from indicator i
                where i.passport_id = j.passport_id and i.indicator_code = j.code) end,
            0) as start_level
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
        -- linear forecast to year end: money is a flow, indicators and targets are levels
        case when not is_year_in_progress or fact_value is null then null
             when kind = 'funding' then fact_value / year_elapsed
             else start_level + (fact_value - start_level) / year_elapsed end as forecast_value
    from previous
),
final as (
    select passport_id, kind, section, code, measure, year, plan_value, fact_value,
        round(achievement_pct, 1) as achievement_pct, deviation,
        case
            when fact_value is null and as_of_date > year_end_date then 'нет данных'
            when fact_value is null then 'в работе'
            when meets_plan or achievement_pct >= ok_pct then 'достигнут'
            when is_year_in_progress then 'в работе'
            when achievement_pct >= risk_pct_ then 'риск'
            else 'не достигнут'
        end as status,
        name, unit, direction, is_cumulative, is_example, fact_source, is_year_in_progress,
        -- a level cannot fall below zero nor a share rise above 100 %
        round(case when forecast_value is null then null
                   when unit ilike 'процент%' or measure like '%_pct' then least(100, greatest(0, forecast_value))
                   else greatest(0, forecast_value) end, 2) as forecast_value,
        case when forecast_value is null then null
             when direction = 'down' then forecast_value > plan_value
             else forecast_value < plan_value end as forecast_short,
        as_of_date, seq
    from scored
)
select * from final;

-- Plan against fact as of today with the default thresholds.
create or replace view plan_fact as
select * from plan_fact_asof(current_date, null, null);
