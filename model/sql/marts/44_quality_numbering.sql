-- Data quality, part 4: the numbered rows of sections 2 (indicators), 3 (results) and 5 (participants) — an
-- indicator planned for a year before its base date with another value, an indicator whose parent row is not in
-- the passport, a number missing between its siblings.
create or replace view quality_numbering as
with indicators as (select * from indicator),
plans as (select * from indicator_plan),
results as (select * from result),
participants as (select * from participant),
-- a year's plan is the level at its 31 December: a year that ends before the base date must plan the base value
before_base as (
    select i.passport_id, 'warning' as severity, 'indicators' as section, 'indicator_before_base' as check_id,
        i.indicator_code as code, p.year,
        'Показатель ' || i.indicator_code || ': на ' || p.year || ' год запланировано '
            || quality_num(p.plan_value) || ', а базовое значение на ' || quality_date(i.base_date) || ' — '
            || quality_num(i.base_value) || ' (' || p.year || ' год кончается раньше базовой даты)' as message,
        i.line, [i.line] as lines
    from indicators i
    join plans p using (passport_id, indicator_code)
    where i.base_date is not null and i.base_value is not null and p.plan_value is not null
      and make_date(p.year, 12, 31) < i.base_date and abs(p.plan_value - i.base_value) > 1e-9
),
-- every numbered row in print order; a participant row naming several people is one row
numbered as (
    select 'indicators' as section, passport_id, indicator_code as code, line, seq from indicators
    where indicator_code is not null
    union all
    select 'results', passport_id, result_code, line, seq from results where result_code is not null
    union all
    select distinct 'participants', passport_id, number, line, seq from participants where number is not null
),
-- the code split into numbers ("3.1.2" -> [3, 1, 2]); a code with a part that is not a number is left out
parsed as (
    select *, string_split(code, '.') as parts,
        lag(line) over (partition by passport_id, section order by seq) as line_before
    from numbered
    where len(list_filter(string_split(code, '.'), lambda x: try_cast(x as integer) is null)) = 0
),
-- the rows a code hangs under: "3.1.1" -> 3 and 3.1 (with the printed row that implies them)
ancestors as (
    select passport_id, section, code as child_code, line as child_line, seq as child_seq,
        unnest(list_transform(range(1, len(parts)), lambda i: array_to_string(parts[1:i], '.'))) as code
    from parsed where len(parts) > 1
),
printed_codes as (
    select distinct passport_id, section, code from parsed
),
-- ancestors that are not printed (in section 3 Amur keeps the federal rows inside its results: not checked there)
missing as (
    select a.* from ancestors a
    anti join printed_codes p using (passport_id, section, code)
),
-- indicators whose own parent row is not printed
orphan_rows as (
    select p.*, array_to_string(p.parts[1:-2], '.') as parent_code
    from parsed p
    where p.section = 'indicators' and len(p.parts) > 1
      and not exists (select 1 from printed_codes c where c.passport_id = p.passport_id and c.section = p.section
                        and c.code = array_to_string(p.parts[1:-2], '.'))
),
-- every row missing above their parent (3.1.1 under 3.1: row 3) …
orphan_missing as (
    select r.passport_id, r.parent_code,
        string_agg(distinct m.code, ' и ' order by m.code desc) filter (m.code <> r.parent_code) as missing_codes,
        count(distinct m.code) filter (m.code <> r.parent_code) as n_missing
    from orphan_rows r
    join missing m on m.passport_id = r.passport_id and m.section = r.section and m.child_code = r.code
    group by r.passport_id, r.parent_code
),
-- … and by that parent
orphans as (
    select r.passport_id, r.section, r.parent_code, string_agg(r.code, ', ' order by r.seq) as codes,
        count(*) as n, min(r.line) as line, max(r.line) as last_line, arg_min(r.line_before, r.seq) as line_before,
        list(r.line order by r.seq) as lines, any_value(m.missing_codes) as missing_codes,
        any_value(m.n_missing) as n_missing
    from orphan_rows r
    join orphan_missing m using (passport_id, parent_code)
    group by r.passport_id, r.section, r.parent_code
),
-- siblings: every printed or implied code under the same parent, by its last number
siblings as (
    select passport_id, section, code, string_split(code, '.') as parts,
        array_to_string(string_split(code, '.')[1:-2], '.') as prefix,
        cast(string_split(code, '.')[-1] as integer) as no
    from (select passport_id, section, code from printed_codes
          union
          select passport_id, section, code from ancestors)
),
ordered as (
    select *, lag(no) over (partition by passport_id, section, prefix order by no) as prev_no,
        lag(code) over (partition by passport_id, section, prefix order by no) as prev_code
    from siblings
),
-- a number missing before a sibling: the first printed row at or under that sibling shows where
gaps as (
    select o.passport_id, o.section, o.code as next_code, o.prev_code, o.prefix,
        coalesce(o.prev_no, 0) + 1 as first_missing, o.no - 1 as last_missing,
        (select arg_min(p.line, p.seq) from parsed p where p.passport_id = o.passport_id and p.section = o.section
           and (p.code = o.code or starts_with(p.code, o.code || '.'))) as line,
        (select arg_min(p.line_before, p.seq) from parsed p where p.passport_id = o.passport_id
           and p.section = o.section and (p.code = o.code or starts_with(p.code, o.code || '.'))) as line_before,
        exists (select 1 from missing m where m.passport_id = o.passport_id and m.section = o.section
                  and m.code = o.code) as next_missing
    from ordered o
    where coalesce(o.prev_no, 0) + 1 < o.no
),
gap_words as (
    select *,
        case when prefix = '' then '' else prefix || '.' end as head,
        case section when 'indicators' then 'показателя' when 'results' then 'результата' else 'участника' end
            as what
    from gaps
),
-- a gap just before a row that is itself missing above printed indicators (Amur: 1.1, then 3.1.1 and 3.1.2 —
-- no 2, 3, 3.1) is the same loss: it is named in the missing parent's finding
merged_gaps as (
    select g.*, o.parent_code
    from gap_words g
    join orphans o on o.passport_id = g.passport_id and o.section = g.section
        and (o.parent_code = g.next_code or starts_with(o.parent_code, g.next_code || '.'))
    where g.next_missing
),
parent_missing as (
    select o.passport_id, 'warning' as severity, 'indicators' as section, 'indicator_parent_missing' as check_id,
        o.parent_code as code, cast(null as integer) as year,
        case when o.n = 1 then 'Показатель ' || o.codes || ' (строка ' || o.line || ') подчинён строке '
             else 'Показатели ' || o.codes || ' (строки ' || o.line || '–' || o.last_line || ') подчинены строке '
        end || o.parent_code || ', а её в таблице нет'
            || coalesce(' (нет и ' || case when o.n_missing = 1 then 'строки ' else 'строк ' end || o.missing_codes
                        || ')', '')
            || coalesce('; перед ними нет и ' || string_agg(g.what || ' ' || g.head || g.first_missing
                            || case when g.last_missing > g.first_missing then '–' || g.head || g.last_missing
                                    else '' end, ', ')
                        || ': строки между ' || o.line_before || ' и ' || o.line || ' потеряны', '') as message,
        o.line, list_sort(o.lines || coalesce([o.line_before], [])) as lines
    from orphans o
    left join merged_gaps g on g.passport_id = o.passport_id and g.section = o.section
        and g.parent_code = o.parent_code
    group by o.passport_id, o.section, o.parent_code, o.n, o.codes, o.line, o.last_line, o.line_before, o.lines,
        o.missing_codes, o.n_missing
),
numbering_gaps as (
    select g.passport_id, 'warning' as severity, g.section, 'numbering_gap' as check_id,
        g.head || g.first_missing as code, cast(null as integer) as year,
        case g.section when 'indicators' then 'Показатели' when 'results' then 'Результаты' else 'Участники' end
            || ': ' || case when g.prev_code is null then 'нумерация под ' || g.prefix || ' начинается с '
                            else 'после ' || g.prev_code || ' идёт ' end || g.next_code
            || ' — нет ' || g.what || ' ' || g.head || g.first_missing
            || case when g.last_missing > g.first_missing then '–' || g.head || g.last_missing else '' end
            || ' (строка ' || g.line || ')' as message,
        g.line, list_filter([g.line_before, g.line], lambda x: x is not null) as lines
    from gap_words g
    where not exists (select 1 from merged_gaps m where m.passport_id = g.passport_id and m.section = g.section
                        and m.next_code = g.next_code)
),
findings as (
    select * from before_base
    union all select * from parent_missing
    union all select * from numbering_gaps
),
final as (
    select passport_id, severity, section, check_id, code, year, message, line, lines from findings
)
select * from final;
