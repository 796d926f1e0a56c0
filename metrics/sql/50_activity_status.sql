-- Mart: every printed row of the plan of activities with its status as of a date.
-- activity_status_asof(as_of): one row per activity_key (results, activities and control points).
-- status: выполнено | выполнено с опозданием | просрочено | в работе | не начато | отменено | нет срока
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
-- a fact dated after the as-of day was not known on that day
facts as (
    select f.passport_id, f.code as activity_key, f.year, f.fact_date, f.fact_status, f.comment as fact_comment,
           f.is_example
    from fact f, settings s
    where f.kind = 'control_point' and (f.fact_date is null or f.fact_date <= s.as_of_date)
),
joined as (
    select a.*, r.result_name, p.responsible_persons, coalesce(p.person_list, []) as person_list,
           f.fact_date, f.fact_status, f.fact_comment, coalesce(f.is_example, false) as is_example, s.as_of_date,
           -- a fact «выполнено», or a date without a status, means the row is done
           (f.fact_status = 'выполнено' or (f.fact_status is null and f.fact_date is not null)) as is_done,
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
            when fact_status = 'отменено' then 'отменено'
            when is_done and (fact_date is null or end_date is null or fact_date <= end_date) then 'выполнено'
            when is_done then 'выполнено с опозданием'
            when end_date is null then 'нет срока'
            when end_date < as_of_date then 'просрочено'
            when effective_start_date <= as_of_date then 'в работе'
            else 'не начато'
        end as status,
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
    select passport_id, activity_key, code, kind, result_code, result_name, name, start_date, end_date,
        start_printed, end_printed, control_level, responsible, responsible_persons, person_list,
        status, status = 'просрочено' as is_overdue,
        -- days of slippage: completion date minus planned end (negative: early), or days past the end
        -- while not done
        case when status in ('выполнено', 'выполнено с опозданием') then datediff('day', end_date, fact_date)
             when status = 'просрочено' then datediff('day', end_date, as_of_date)
        end as slip_days,
        case when status = 'просрочено' then datediff('day', end_date, as_of_date) end as overdue_days,
        fact_date, fact_status, fact_comment, is_example, date_problem,
        start_date is null and end_date is not null as is_milestone,
        coalesce(year(effective_start_date), year(end_date)) as start_year, year(end_date) as end_year,
        as_of_date, seq, line
    from classified
)
select * from final;

-- The plan of activities as of today.
create or replace view activity_status as
select * from activity_status_asof(current_date);
