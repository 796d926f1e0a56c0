-- The reports known on a date: for each target the newest report with a reporting date on or before it (a user's
-- real fact wins over an example one), with the series the target belongs to.
-- fact_asof(as_of): a report dated after the as-of day (the end of a later month, quarter or year) does not
-- exist yet on that day. passport_ids (a list; null: every passport) narrows it to those passports first.
create or replace macro fact_asof(as_of, passport_ids := null) as table
with reports as (
    select f.*, t.series
    from stg_fact f
    left join fact_target t using (passport_id, kind, section, code, measure, year)
    where f.reporting_date <= cast(as_of as date)
        and (passport_ids is null or list_contains(passport_ids::varchar[], f.passport_id))
),
ranked as (
    select *, row_number() over (
        partition by passport_id, kind, section, code, measure, year
        order by is_example asc, reporting_date desc, entered_at desc) as rn
    from reports
),
final as (
    select passport_id, kind, section, code, measure, year, fact_value, fact_date, fact_status, comment,
           source, is_example, entered_by, entered_at, reporting_date, first_entered_at, reason, measures, series
    from ranked where rn = 1
)
select * from final;
