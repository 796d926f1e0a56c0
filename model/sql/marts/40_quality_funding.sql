-- Data quality, part 1 of 5: section 4 (funding). Every printed total against the sum of its parts.
-- The quality_* views (40–43) share one shape and are put together in quality_finding (49):
-- passport_id, severity (error | warning | info), section, check_id, code, year, message, line (seed line).

-- Numbers in messages with a decimal comma: 41.79 -> '41,79', 100.0 -> '100'; money always with 2 decimals.
create or replace macro quality_num(x) as
    case when x is null then '—' else replace(regexp_replace(printf('%.2f', x), '\.?0+$', ''), '.', ',') end;
create or replace macro quality_money(x) as replace(printf('%.2f', x), '.', ',');
-- a sum of amounts that does not depend on the order DuckDB's threads add them in (a double sum does: at
-- 2 000 passports a total at a half-kopeck read 20,50 in one query and 20,51 in the next); exact to 1e-9 млн руб.
create or replace macro money_sum(x) as cast(sum(cast(x as decimal(38, 9))) as double);
create or replace macro quality_date(d) as strftime(d, '%d.%m.%Y');

create or replace view quality_funding as
with rows_ as (select * from stg_funding_row),
amounts as (select * from stg_funding_amount),
years as (select * from stg_funding_year),
-- the columns of each table: its years, and the «Всего» column as year null
columns_ as (
    select passport_id, section, year from years
    union
    select passport_id, section, year from amounts
    union
    select passport_id, section, cast(null as integer) from rows_
),
-- every cell of every row; amount null where the cell is empty (or holds a mark such as «*»)
cells as (
    select r.passport_id, r.section, r.seq, c.year,
        case when c.year is null then r.total_printed else a.amount_mln_rub end as amount
    from rows_ r
    join columns_ c using (passport_id, section)
    left join amounts a
        on a.passport_id = r.passport_id and a.section = r.section and a.seq = r.seq and a.year = c.year
),
-- the row each part belongs to, by document order: a source row to the line above it, a «в т.ч.» row
-- to the nearest source row of the same source above it, and the same for the «Всего по проекту» block
owned as (
    select r.*,
        (select max(o.seq) from rows_ o
         where o.passport_id = r.passport_id and o.section = r.section and o.seq < r.seq
           and o.role = case r.role when 'source' then 'line' when 'detail' then 'source'
                                    when 'project_total_source' then 'project_total'
                                    when 'project_total_detail' then 'project_total_source' end
           and (r.role in ('source', 'project_total_source') or o.source = r.source)) as owner_seq
    from rows_ r
),
-- how a row is named in a message (lower case: the message capitalises its first letter)
labelled as (
    select w.*,
        case w.source when 'federal' then 'федеральный бюджет' when 'regional' then 'бюджет субъекта / города'
            when 'municipal' then 'бюджеты муниципальных образований'
            when 'extrabudgetary' then 'внебюджетные источники'
            when 'state_funds' then 'бюджеты внебюджетных фондов' end as source_ru,
        coalesce(w.line_code, (select o.line_code from rows_ o where o.passport_id = w.passport_id
            and o.section = w.section and o.seq = w.owner_seq)) as own_code
    from owned w
),
named as (
    select l.*,
        case when l.section = 'additional' then 'доп. материалы, ' else '' end ||
        case when l.role = 'project_total' then 'всего по проекту'
             when l.role like 'project_total_%' then 'всего по проекту, ' || l.source_ru
                 || case when l.role = 'project_total_detail' then ', в т.ч. «' || l.line_name || '»'
                         else '' end
             when l.role = 'line' then 'строка ' || coalesce(l.line_code, l.line_name)
             when l.line_code is not null then 'строка ' || l.line_code || ' (' || l.source_ru || ')'
             else 'строка ' || coalesce(l.own_code, '') || ', ' || l.source_ru
                 || case when l.role = 'detail' then ', в т.ч. «' || l.line_name || '»' else '' end
        end as label,
        case when l.role like 'project_total%' then 'Всего' else l.own_code end as finding_code
    from labelled l
),
part_cells as (
    select n.*, c.year, c.amount from named n join cells c using (passport_id, section, seq)
),
-- parts that hang under their own row: line <- sources, project total <- its sources, source <- «в т.ч.»
-- (year columns only: each row's «Всего» cell is checked against its own years below, so comparing the
-- «Всего» column across rows would only repeat the findings of the years)
owner_parts as (
    select p.passport_id, p.section, p.owner_seq as total_seq, p.year,
        case when p.role = 'source' then 'funding_line_sum'
             when p.role = 'project_total_source' then 'funding_total_sources'
             else 'funding_detail_exceeds' end as check_id,
        money_sum(p.amount) as parts_sum, count(p.amount) as parts_printed,
        string_agg(quality_money(p.amount), ' + ' order by p.seq) as parts_list
    from part_cells p
    where p.owner_seq is not null and p.year is not null
    group by all
),
-- «Всего по проекту» against all funding lines of its table
total_vs_lines as (
    select t.passport_id, t.section, t.seq as total_seq, p.year, 'funding_total_lines' as check_id,
        money_sum(p.amount) as parts_sum, count(p.amount) as parts_printed,
        string_agg(quality_money(p.amount), ' + ' order by p.seq) as parts_list
    from named t
    join part_cells p on p.passport_id = t.passport_id and p.section = t.section and p.role = 'line'
    where t.role = 'project_total' and p.year is not null
    group by all
),
-- «Всего по проекту» by source (and its «в т.ч.» rows) against the same source of every line
source_vs_lines as (
    select t.passport_id, t.section, t.seq as total_seq, p.year, 'funding_source_sum' as check_id,
        money_sum(p.amount) as parts_sum, count(p.amount) as parts_printed,
        string_agg(quality_money(p.amount), ' + ' order by p.seq) as parts_list
    from named t
    join part_cells p
        on p.passport_id = t.passport_id and p.section = t.section and p.source = t.source
        and p.role = case t.role when 'project_total_source' then 'source' else 'detail' end
        and (t.role = 'project_total_source' or p.detail is not distinct from t.detail)
    where t.role in ('project_total_source', 'project_total_detail') and p.year is not null
    group by all
),
-- the «Всего» column of every row against the sum of its year cells
years_vs_total as (
    select p.passport_id, p.section, p.seq as total_seq, cast(null as integer) as year,
        'funding_year_sum' as check_id,
        money_sum(p.amount) as parts_sum, count(p.amount) as parts_printed,
        string_agg(quality_money(p.amount), ' + ' order by p.year) as parts_list
    from part_cells p
    where p.year is not null and p.role <> 'heading'
    group by all
),
comparisons as (
    select * from owner_parts
    union all select * from total_vs_lines
    union all select * from source_vs_lines
    union all select * from years_vs_total
),
-- the printed total of each comparison; an empty total is not a contradiction (nothing is printed)
judged as (
    select c.*, n.label, n.finding_code, n.line, t.amount as total,
        t.amount - coalesce(c.parts_sum, 0) as diff,
        case c.check_id when 'funding_line_sum' then 'сумма источников'
            when 'funding_total_sources' then 'сумма источников'
            when 'funding_total_lines' then 'сумма строк'
            when 'funding_source_sum' then 'сумма этих строк по мероприятиям'
            when 'funding_detail_exceeds' then 'сумма строк «в т.ч.»'
            when 'funding_year_sum' then 'сумма по годам' end as parts_ru
    from comparisons c
    join named n on n.passport_id = c.passport_id and n.section = c.section and n.seq = c.total_seq
    join cells t on t.passport_id = c.passport_id and t.section = c.section and t.seq = c.total_seq
        and t.year is not distinct from c.year
    where t.amount is not null
),
classified as (
    select j.*,
        case
            -- «в т.ч.» rows may cover only part of their source: only an excess is a contradiction
            when j.check_id = 'funding_detail_exceeds' and (j.parts_printed = 0 or -j.diff <= 1e-9) then null
            when j.parts_printed = 0 and abs(j.total) <= 1e-9 then null
            -- a non-zero total whose parts are all empty: money without a source
            when j.parts_printed = 0 then 'warning'
            when abs(j.diff) <= 1e-9 then null
            -- each printed cell is rounded to 0,01: a total of n parts may be off by (n + 1) half-cents
            when abs(j.diff) <= (j.parts_printed + 1) * s.money_rounding_per_cell_mln_rub + 1e-9 then 'info'
            else 'error'
        end as severity
    from judged j
    cross join metric_settings s
),
-- every finding in words, with the seed line of its printed total
worded as (
    select passport_id, severity, 'funding' as section, check_id, finding_code as code, year,
        upper(left(label, 1)) || substr(label, 2) || ', ' || coalesce(cast(year as varchar), '«Всего»')
        || ': напечатано ' || quality_money(total)
        || case when parts_printed = 0 then ', а ' || parts_ru || ' — ячейки пусты'
                else ', ' || parts_ru || ' ' || quality_money(parts_sum)
                    || case when parts_printed > 1 then ' = ' || parts_list else '' end
                    || ' (разница ' || quality_money(abs(diff))
                    || case when severity = 'info' then ' — округление)' else ')' end
           end as message,
        line, [line] as lines, section as table_section, total_seq, diff, parts_printed, total, parts_sum,
        parts_list, upper(left(label, 1)) || substr(label, 2) as label_cap
    from classified
    where severity is not null
),
-- A line total that leaves out one of its sources: its sources exceed the printed total by exactly that
-- source's amount (within money_gap_mln_rub). Amur's IT-куб lines leave out the extrabudgetary money
-- (section 4 line 1.2, 2019; the additional table line 2, 2020–2023).
left_out as (
    select w.*, p.seq as source_seq, p.source_ru, p.amount as source_amount, p.line as source_line
    from worded w
    join part_cells p
        on p.passport_id = w.passport_id and p.section = w.table_section and p.owner_seq = w.total_seq
        and p.year = w.year and p.role = 'source'
    cross join metric_settings s
    where w.check_id = 'funding_line_sum' and w.severity = 'error' and w.parts_printed > 1
      and abs(-w.diff - p.amount) <= s.money_gap_mln_rub
    -- only when one source alone explains the difference
    qualify count(*) over (partition by w.passport_id, w.table_section, w.total_seq, w.year) = 1
),
left_by_year as (
    select passport_id, table_section, year, money_sum(source_amount) as left_amount
    from left_out group by all
),
-- «Всего по проекту» that misses the sum of its lines by the money the lines left out (within the rounding of
-- its cells) follows from them: it is named in their finding, not reported again
explained as (
    select w.*
    from worded w
    join left_by_year l using (passport_id, table_section, year)
    cross join metric_settings s
    where w.check_id = 'funding_total_lines'
      and abs(w.diff - l.left_amount) <= (w.parts_printed + 1) * s.money_rounding_per_cell_mln_rub + 1e-9
),
-- one finding per line and left-out source, whatever the number of years, with the lines it affects
left_out_grouped as (
    select o.passport_id, 'error' as severity, 'funding' as section, 'funding_line_sum' as check_id,
        any_value(o.code) as code, case when count(*) = 1 then min(o.year) end as year,
        any_value(o.label_cap) || ': итог строки не включает ' || any_value(o.source_ru) || ' ('
            || string_agg(o.year || ' — ' || quality_money(o.source_amount), ', ' order by o.year) || ') — '
            || string_agg(o.year || ': напечатано ' || quality_money(o.total) || ', сумма источников '
                          || quality_money(o.parts_sum) || ' = ' || o.parts_list, '; ' order by o.year)
            || coalesce('; поэтому и «Всего по проекту» (строка ' || any_value(e.line) || ') не равно сумме строк — '
                        || string_agg(e.year || ': напечатано ' || quality_money(e.total) || ', сумма строк '
                                      || quality_money(e.parts_sum), '; ' order by o.year), '') as message,
        min(o.line) as line,
        list_sort(list_distinct(list(o.line) || list(o.source_line) || list(e.line) filter (e.line is not null)))
            as lines
    from left_out o
    left join explained e on e.passport_id = o.passport_id and e.table_section = o.table_section and e.year = o.year
    group by o.passport_id, o.table_section, o.total_seq, o.source_seq
),
final as (
    select passport_id, severity, section, check_id, code, year, message, line, lines from worded w
    where not exists (select 1 from left_out o where o.passport_id = w.passport_id and o.check_id = w.check_id
                        and o.table_section = w.table_section and o.total_seq = w.total_seq
                        and o.year = w.year)
      and not exists (select 1 from explained e where e.passport_id = w.passport_id and e.check_id = w.check_id
                        and e.table_section = w.table_section and e.total_seq = w.total_seq
                        and e.year = w.year)
    union all
    select * from left_out_grouped
)
select * from final;
