-- Macro: the report calendar as of a day — every passport (of $passport_ids, or all when null) × every period of its
-- term (months, quarters, years; report_deadline from domain/monitoring.py on the working-day calendar) with its
-- kind, deadline and state, how it stands (mark: done once submitted or approved, future before the period ends,
-- late after the deadline, soon from soon_from on, else open) and the calendar days it is late (null unless late).
create or replace macro report_calendar_asof(as_of, passport_ids) as table
with chosen as (
    select passport_id, territory, start_date, end_date from passport
    where passport_ids is null or list_contains(passport_ids, passport_id)
),
periods as (
    select c.passport_id, c.territory, d.kind, d.period_code, d.period_kind, d.period_label, d.period_start,
           d.period_end, d.deadline, d.soon_from
    from chosen c join report_deadline d on d.period_end >= c.start_date and d.period_start <= c.end_date
),
stated as (
    select p.*, coalesce(s.state, 'draft') as state, s.submitted_by, s.submitted_at, s.decided_by, s.decided_at,
           s.comment
    from periods p left join report_state s using (passport_id, period_code)
),
final as (
    select *,
        case when state in ('submitted', 'approved') then 'done'
             when cast(as_of as date) <= period_end then 'future'
             when cast(as_of as date) > deadline then 'late'
             when cast(as_of as date) >= soon_from then 'soon'
             else 'open' end as mark,
        case when state not in ('submitted', 'approved') and cast(as_of as date) > deadline
             then date_diff('day', deadline, cast(as_of as date)) end as days_late
    from stated
)
select * from final;
