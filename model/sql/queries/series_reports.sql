-- Every report of the series a target belongs to, up to the as-of day, with the plan of the report's year: the
-- quarterly (monthly) running values of a year against the year's plan. A real report hides an example one of
-- the same reporting date.
-- $passport_id, $kind, $code, $as_of, $year_from, $year_to
with target as (
    select distinct series from fact_target where passport_id = $passport_id and kind = $kind and code = $code
),
plans as (
    select t.year, max(t.plan_value) as plan_value, any_value(t.unit) as unit
    from fact_target t join target using (series)
    where t.passport_id = $passport_id and t.kind = $kind
    group by t.year
),
reports as (
    select f.*, t.series from stg_fact f
    join fact_target t using (passport_id, kind, section, code, measure, year)
    join target s on s.series = t.series
    where f.passport_id = $passport_id and f.kind = $kind and f.reporting_date <= cast($as_of as date)
      and f.year between $year_from and $year_to
    qualify row_number() over (partition by f.year, f.reporting_date order by f.is_example, f.entered_at desc) = 1
),
final as (
    select r.year, r.reporting_date, r.fact_value, r.is_example, r.source, r.comment, r.reason, r.measures,
           r.code, p.plan_value, p.unit,
           r.reporting_date = make_date(r.year, 12, 31) as is_year_end,
           case when p.plan_value > 0 then r.fact_value / p.plan_value * 100 end as achievement_pct
    from reports r left join plans p using (year)
)
select * from final order by reporting_date
