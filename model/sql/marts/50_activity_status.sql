-- Mart: every printed row of the plan of activities with its status as of a date.
-- activity_status_asof(as_of): one row per activity_key (results, activities and control points).
-- status_code: done | done_late | overdue | in_progress | not_started | cancelled | no_deadline (vocabulary
-- activity_status); status: its Russian label.
create or replace macro activity_status_asof(as_of) as table
with settings as (
    select cast(as_of as date) as as_of_date
),
activities as (
    select * from activity
),
people as (
    select passport_id, activity_key, string_agg(person, ', ' order by person) as responsible_persons,
           list(person order by person) as person_list
    from activity_person group by all
),
results as (
    select passport_id, result_code, any_value(name order by seq) as result_name
    from activity where kind = 'result' group by all
),
-- a completion fact is keyed by activity_key and the year of the planned end (see fact_target);
-- a fact dated after the as-of day was not known on that day, and one given without a date (a status only)
-- counts from the day it was first entered, never before
facts as (
    select f.passport_id, f.code as activity_key, f.year, f.fact_date, f.fact_status, f.comment as fact_comment,
           f.is_example
    from fact f, settings s
    where f.kind = 'control_point'
      and coalesce(f.fact_date, cast(f.first_entered_at as date)) <= s.as_of_date
),
joined as (
    select a.*, r.result_name, p.responsible_persons, coalesce(p.person_list, []) as person_list,
           f.fact_date, f.fact_status, f.fact_comment, coalesce(f.is_example, false) as is_example, s.as_of_date,
           -- a fact «выполнено», or a date without a status, means the row is done
           (f.fact_status = 'done' or (f.fact_status is null and f.fact_date is not null)) as is_done,
           -- a row printed without a start (Tomsk's control points) is a milestone on its end date
           coalesce(a.start_date, a.end_date) as effective_start_date
    from activities a
    cross join settings s
    left join results r on r.passport_id = a.passport_id and r.result_code = a.result_code
    left join people p on p.passport_id = a.passport_id and p.activity_key = a.activity_key
    left join facts f
        on f.passport_id = a.passport_id and f.activity_key = a.activity_key
        and f.year = coalesce(year(a.end_date), 0)
),
classified as (
    select *,
        case
            when fact_status = 'cancelled' then 'cancelled'
            when is_done and (fact_date is null or end_date is null or fact_date <= end_date) then 'done'
            when is_done then 'done_late'
            when end_date is null then 'no_deadline'
            when end_date < as_of_date then 'overdue'
            when effective_start_date <= as_of_date then 'in_progress'
            else 'not_started'
        end as status_code,
        -- dates the document prints but the loader could not read, and printed dates that contradict
        case
            when start_date is null and start_printed is not null then 'начало «' || start_printed || '» не распознано'
            when end_date is null and end_printed is not null then 'окончание «' || end_printed || '» не распознано'
            when end_date is null then 'срок окончания не указан'
            when start_date > end_date then 'окончание ' || strftime(end_date, '%d.%m.%Y') || ' раньше начала '
                || strftime(start_date, '%d.%m.%Y')
        end as date_problem
    from joined
),
final as (
    select c.passport_id, c.activity_key, c.code, c.kind, c.result_code, c.result_name, c.name, c.start_date,
        c.end_date, c.start_printed, c.end_printed, c.control_level, c.responsible, c.responsible_persons,
        c.person_list, t.label as status, c.status_code = 'overdue' as is_overdue,
        -- days of slippage: completion date minus planned end (negative: early), or days past the end
        -- while not done; unknown (null) for a completion reported without its date
        case when c.status_code in ('done', 'done_late') then datediff('day', c.end_date, c.fact_date)
             when c.status_code = 'overdue' then datediff('day', c.end_date, c.as_of_date)
        end as slip_days,
        case when c.status_code = 'overdue' then datediff('day', c.end_date, c.as_of_date) end as overdue_days,
        c.fact_date, c.fact_status, c.fact_comment, c.is_example, c.date_problem,
        c.start_date is null and c.end_date is not null as is_milestone,
        coalesce(year(c.effective_start_date), year(c.end_date)) as start_year, year(c.end_date) as end_year,
        c.as_of_date, c.seq, c.line, c.status_code
    from classified c
    left join vocab_term t on t.vocabulary = 'activity_status' and t.code = c.status_code
)
select * from final;
