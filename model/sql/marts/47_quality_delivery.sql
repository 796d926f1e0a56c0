-- Data quality, part 7: the plan of activities against section 3 through the blocks' `delivers:` lists (made by
-- hand from the wording) — a block whose deadline differs from the deadline of the results it delivers, a result
-- that no block delivers, a block that delivers none (or does not say), a link to a result that is not printed.
create or replace view quality_delivery as
with activities as (select * from activity),
delivers as (select * from activity_delivers),
results as (select * from result),
settings as (select * from metric_settings),
blocks as (
    select * from activities where kind = 'result'
),
-- the results a block delivers, with their deadlines (a code printed twice is matched by each row)
linked as (
    select d.passport_id, d.block_code, d.activity_key, d.result_code, d.result_line, d.ord, d.block_line,
        r.deadline, r.line as printed_line
    from delivers d
    left join results r using (passport_id, result_code)
),
unknown as (
    select passport_id, 'error' as severity, 'activities' as section, 'plan_delivers_unknown' as check_id,
        block_code as code, cast(null as integer) as year,
        'Блок ' || block_code || ' плана мероприятий ссылается на результат ' || result_code || ' (строка '
            || result_line || '), '
            || case when bool_or(printed_line is not null)
                    then 'а он напечатан на строке ' || string_agg(printed_line::varchar, ', ' order by printed_line)
                    else 'которого нет в разделе 3' end as message,
        block_line as line, [block_line, result_line] as lines
    from linked
    group by passport_id, block_code, block_line, result_code, result_line
    having not bool_or(printed_line is not distinct from result_line)
),
-- the last deadline of the results a block delivers: the block must end by it, and not much before
block_deadlines as (
    select passport_id, activity_key, max(deadline) as deadline,
        string_agg(distinct result_code, ', ' order by result_code) as result_codes,
        list(distinct printed_line) as result_lines, count(distinct result_code) as n_results
    from linked where deadline is not null
    group by passport_id, activity_key
),
dated as (
    select b.*, d.deadline, d.result_codes, d.result_lines, d.n_results,
        date_diff('day', b.end_date, d.deadline) as days_early
    from blocks b
    join block_deadlines d using (passport_id, activity_key)
    cross join settings s
    where b.end_date is not null
      and (b.end_date > d.deadline or date_diff('day', b.end_date, d.deadline) > s.block_deadline_lead_days)
),
-- rows of such a block that end after it but by the results' deadline (Amur: control point 7.1 of 2020 under
-- block 7 of 2019 that delivers 8.1 of 2020): their «later than the block» follows from the block's own date
-- and is named here instead (quality_finding drops their activity_after_parent)
followers as (
    select d.passport_id, d.activity_key,
        string_agg(case a.kind when 'control_point' then 'контрольная точка ' else 'мероприятие ' end || a.code
                   || ' — ' || quality_date(a.end_date), ', ' order by a.seq) as rows_ru,
        list(a.line order by a.seq) as lines
    from dated d
    join activities a
        on a.passport_id = d.passport_id and a.result_code = d.result_code and a.kind <> 'result'
        and a.end_date > d.end_date and a.end_date <= d.deadline
    -- a row checked against the block, not against a control point after it
    where a.kind = 'control_point' or not exists (
        select 1 from activities c where c.passport_id = a.passport_id and c.result_code = a.result_code
          and c.kind = 'control_point' and c.seq > a.seq)
    group by d.passport_id, d.activity_key
),
deadline_differs as (
    select d.passport_id, 'warning' as severity, 'activities' as section, 'plan_block_deadline' as check_id,
        d.code, year(d.end_date) as year,
        'Блок ' || d.code || ' плана мероприятий кончается ' || quality_date(d.end_date) || ', а '
            || case when d.n_results = 1 then 'результат ' else 'результаты ' end || d.result_codes
            || ' раздела 3, ' || case when d.n_results = 1 then 'который он даёт, — ' else 'которые он даёт, — ' end
            || quality_date(d.deadline)
            || case when d.end_date > d.deadline
                    then ': блок позже срока на ' || date_diff('day', d.deadline, d.end_date) || ' дн.'
                    else ': блок раньше срока на ' || d.days_early || ' дн.' end
            || coalesce('; позже блока, но в срок результата кончаются: ' || f.rows_ru, '') as message,
        d.line, [d.line] || d.result_lines || coalesce(f.lines, []) as lines
    from dated d
    left join followers f using (passport_id, activity_key)
),
without_result as (
    select b.passport_id, 'warning' as severity, 'activities' as section, 'block_without_result' as check_id,
        b.code, cast(null as integer) as year,
        'Блок ' || b.code || ' плана мероприятий («' || left(b.name, 70)
            || case when length(b.name) > 70 then '…' else '' end || '», '
            || coalesce(quality_date(b.start_date), '—') || '–' || coalesce(quality_date(b.end_date), '—') || ') '
            || case when b.delivers_stated then 'не даёт ни одного результата раздела 3'
                    else 'не говорит, какие результаты раздела 3 он даёт (нет delivers)' end as message,
        b.line, [b.line] as lines
    from blocks b
    where not exists (select 1 from delivers d where d.passport_id = b.passport_id
                        and d.activity_key = b.activity_key)
),
-- a result of section 3 that stands for itself (no result is printed under it) and that no block delivers
leaf_results as (
    select r.* from results r
    where r.result_code is not null
      and not exists (select 1 from results c where c.passport_id = r.passport_id and c.parent_code = r.result_code)
),
without_block as (
    select r.passport_id, 'warning' as severity, 'results' as section, 'result_without_block' as check_id,
        r.result_code as code, year(r.deadline) as year,
        'Результат ' || r.result_code || ' (срок ' || coalesce(r.deadline_printed, '—') || ', «'
            || left(r.result_text, 70) || case when length(r.result_text) > 70 then '…' else '' end
            || '») не даёт ни один блок плана мероприятий' as message,
        r.line, [r.line] as lines
    from leaf_results r
    where not exists (select 1 from delivers d where d.passport_id = r.passport_id
                        and d.result_code = r.result_code)
),
findings as (
    select * from unknown
    union all select * from deadline_differs
    union all select * from without_result
    union all select * from without_block
),
final as (
    select passport_id, severity, section, check_id, code, year, message, line, lines from findings
)
select * from final;
