-- Data quality, part 2 of 5: Приложение № 1 (plan of activities) — dates and numbering.
create or replace view quality_activity as
with activities as (select * from activity),
passports as (select * from passport),
-- the row kind in words and the printed code split into numbers: "16.1.2" -> top 16, prefix "16.1", last 2
parsed as (
    select a.*,
        case a.kind when 'result' then 'Результат' when 'control_point' then 'Контрольная точка'
            else 'Мероприятие' end as kind_ru,
        try_cast(string_split(a.code, '.')[1] as integer) as top_no,
        try_cast(string_split(a.code, '.')[-1] as integer) as last_no,
        array_to_string(string_split(a.code, '.')[1:-2], '.') as prefix,
        try_cast(a.result_code as integer) as result_no
    from activities a
),
-- a printed cell that is not a date: an impossible date (31.02.2020) is an error, other text a warning
bad_dates as (
    select passport_id,
        case when printed similar to '\s*\d{1,2}\.\d{1,2}\.\d{4}.*' then 'error' else 'warning' end as severity,
        'activity_date_invalid' as check_id, code, cast(null as integer) as year,
        kind_ru || ' ' || code || ': ' || what || ' «' || printed || '» — не дата' as message, line, [line] as lines
    from (
        select *, start_printed as printed, 'дата начала' as what from parsed
        where start_printed is not null and start_date is null
        union all
        select *, end_printed, 'дата окончания' from parsed where end_printed is not null and end_date is null
    )
),
end_before_start as (
    select passport_id, 'error' as severity, 'activity_end_before_start' as check_id, code,
        year(end_date) as year,
        kind_ru || ' ' || code || ': окончание ' || quality_date(end_date) || ' раньше начала '
            || quality_date(start_date) as message, line, [line] as lines
    from parsed where end_date < start_date
),
-- a start before the project's start or an end after its end (each reported on its own)
outside_period as (
    select a.passport_id, 'warning' as severity, 'activity_outside_period' as check_id, a.code,
        year(a.start_date) as year,
        a.kind_ru || ' ' || a.code || ': начало ' || quality_date(a.start_date) || ' раньше начала проекта '
            || quality_date(p.start_date) as message, a.line, [a.line] as lines
    from parsed a join passports p using (passport_id)
    where a.start_date < p.start_date
    union all
    select a.passport_id, 'warning', 'activity_outside_period', a.code, year(a.end_date),
        a.kind_ru || ' ' || a.code || ': окончание ' || quality_date(a.end_date) || ' позже окончания проекта '
            || quality_date(p.end_date), a.line, [a.line]
    from parsed a join passports p using (passport_id)
    where a.end_date > p.end_date
),
-- what a row must finish by: an activity — the next control point of its result (else the result),
-- a control point — its result
parents as (
    select a.*,
        coalesce(case when a.kind = 'activity' then (
                select min(c.seq) from parsed c where c.passport_id = a.passport_id and c.kind = 'control_point'
                  and c.result_code = a.result_code and c.seq > a.seq) end,
            (select min(r.seq) from parsed r where r.passport_id = a.passport_id and r.kind = 'result'
                and r.result_code = a.result_code)) as parent_seq
    from parsed a where a.kind in ('activity', 'control_point')
),
after_parent as (
    select a.passport_id, 'warning' as severity, 'activity_after_parent' as check_id, a.code,
        year(a.end_date) as year,
        a.kind_ru || ' ' || a.code || ': окончание ' || quality_date(a.end_date) || ' позже срока '
            || case when p.kind = 'result' then 'результата ' else 'контрольной точки ' end || p.code
            || ' (' || quality_date(p.end_date) || ')' as message, a.line, [a.line, p.line] as lines
    from parents a join parsed p on p.passport_id = a.passport_id and p.seq = a.parent_seq
    where a.end_date > p.end_date
),
duplicates as (
    select passport_id, 'error' as severity, 'duplicate_code' as check_id, code, cast(null as integer) as year,
        'Код ' || code || ' напечатан ' || count(*) || case when count(*) < 5 then ' раза' else ' раз' end
            || ': строки ' || string_agg(cast(line as varchar), ', ' order by seq) || ' ('
            || string_agg('«' || left(name, 50) || case when length(name) > 50 then '…' else '' end || '»', ', '
                          order by seq) || ')' as message,
        min(line) as line, list(line order by seq) as lines
    from parsed group by passport_id, code having count(*) > 1
),
-- results must go 1, 2, 3 … in the order printed
result_order as (
    select *, lag(top_no) over (partition by passport_id order by seq) as prev_no
    from parsed where kind = 'result'
),
result_breaks as (
    select * from result_order
    where (prev_no is null and top_no <> 1)
       or (prev_no is not null and top_no <> prev_no + 1 and top_no <> prev_no)
),
-- activities and control points whose number does not start with their result's number
misnumbered as (
    select passport_id, result_code, result_no, top_no, min_by(code, seq) as code, count(*) as n,
        string_agg(code, ', ' order by seq) as codes, min(line) as line, max(line) as last_line,
        list(line order by seq) as lines
    from parsed
    where kind <> 'result' and top_no is distinct from result_no and result_no is not null
    group by passport_id, result_code, result_no, top_no
),
-- a result missing from the numbering whose number its predecessor's rows carry (Tomsk: under result 15 stand
-- 16.1.1–16.1 and the next result is 17) is one break printed once: the rows under 15 are numbered 16
break_explained as (
    select b.passport_id, b.seq as break_seq, b.code as break_code, b.line as break_line, b.prev_no
    from result_breaks b
    join misnumbered m
        on m.passport_id = b.passport_id and m.result_no = b.prev_no
        and m.top_no between b.prev_no + 1 and b.top_no - 1
    group by all
    having count(distinct m.top_no) = any_value(b.top_no) - b.prev_no - 1
),
result_gaps as (
    select passport_id, 'warning' as severity, 'activity_numbering' as check_id, code,
        cast(null as integer) as year,
        case when prev_no is null then 'План начинается с результата ' || code
             when top_no > prev_no + 1 then 'После результата ' || prev_no || ' идёт ' || code || ': нет '
                 || case when top_no = prev_no + 2 then 'результата ' || (prev_no + 1)
                         else 'результатов ' || (prev_no + 1) || '–' || (top_no - 1) end
             else 'Результат ' || code || ' стоит после результата ' || prev_no || ' (порядок нарушен)' end
            as message, line, [line] as lines
    from result_breaks b
    where not exists (select 1 from break_explained e where e.passport_id = b.passport_id and e.break_seq = b.seq)
),
wrong_parent as (
    select m.passport_id, 'warning' as severity, 'activity_numbering' as check_id, m.code,
        cast(null as integer) as year,
        'Под результатом ' || m.result_code
            || case when m.n = 1 then ' стоит строка с номером ' else ' стоят строки с номером ' end
            || coalesce(m.top_no::varchar, '?') || ': ' || m.codes
            || case when m.n = 1 then ' (строка ' || m.line else ' (строки ' || m.line || '–' || m.last_line end
            || ')'
            || coalesce(', а результата ' || m.top_no || ' в плане нет: после ' || e.prev_no || ' идёт '
                        || e.break_code || ' (строка ' || e.break_line || ')', '') as message,
        m.line, list_sort(list_distinct(m.lines || coalesce([e.break_line], []))) as lines
    from misnumbered m
    left join break_explained e on e.passport_id = m.passport_id and e.prev_no = m.result_no
),
-- activities under one prefix ("7.1") must go 1, 2, 3 … in the order printed
activity_order as (
    select *, lag(last_no) over (partition by passport_id, result_code, prefix order by seq) as prev_no
    from parsed where kind = 'activity'
),
activity_gaps as (
    select passport_id, 'warning' as severity, 'activity_numbering' as check_id, code,
        cast(null as integer) as year,
        case when prev_no is null then 'Мероприятия результата ' || result_code || ' начинаются с ' || code
                 || ': нет ' || prefix || '.1'
                 || case when last_no > 2 then '–' || prefix || '.' || (last_no - 1) else '' end
             when last_no > prev_no + 1 then 'После ' || prefix || '.' || prev_no || ' идёт ' || code
                 || ': нет ' || prefix || '.' || (prev_no + 1)
                 || case when last_no > prev_no + 2 then '–' || prefix || '.' || (last_no - 1) else '' end
             else 'Мероприятие ' || code || ' стоит после ' || prefix || '.' || prev_no || ' (порядок нарушен)'
        end as message, line, [line] as lines
    from activity_order
    where (prev_no is null and last_no <> 1)
       or (prev_no is not null and last_no <> prev_no + 1 and last_no <> prev_no)
),
no_control_point as (
    select r.passport_id, 'warning' as severity, 'activity_no_control_point' as check_id, r.code,
        year(r.end_date) as year, 'Результат ' || r.code || ': в плане нет контрольной точки' as message, r.line,
        [r.line] as lines
    from parsed r
    where r.kind = 'result' and not exists (
        select 1 from parsed c where c.passport_id = r.passport_id and c.kind = 'control_point'
          and c.result_code = r.result_code)
),
findings as (
    select * from bad_dates
    union all select * from end_before_start
    union all select * from outside_period
    union all select * from after_parent
    union all select * from duplicates
    union all select * from result_gaps
    union all select * from wrong_parent
    union all select * from activity_gaps
    union all select * from no_control_point
),
final as (
    select passport_id, severity, 'activities' as section, check_id, code, year, message, line, lines from findings
)
select * from final;
