-- Data quality, part 5: section 5 (participants) — the same person listed twice in one block, and a person whose
-- supervisor is printed differently in different rows (names normalised to «Фамилия И.О.» by the loader).
create or replace view quality_participant as
with participants as (select * from participant),
-- how a row is named in a message: «№ 7.5, строка 316»
rows_ as (
    select *, '№ ' || coalesce(number_printed, number, '—') || ', строка ' || line as row_ru
    from participants
),
-- a person on two rows of one block (a block is its heading; the rows before the first heading form one too)
repeated as (
    select passport_id, 'warning' as severity, 'participants' as section, 'participant_repeated' as check_id,
        person as code, cast(null as integer) as year,
        person || ': ' || count(*) || case when count(*) < 5 then ' строки' else ' строк' end || ' в одном блоке '
            || coalesce('«' || left(any_value(block), 70)
                        || case when length(any_value(block)) > 70 then '…' else '' end || '»', 'руководства проекта')
            || ': ' || string_agg(row_ru || coalesce(', ' || quality_num(workload_pct) || ' %', ''), '; ' order by seq)
            as message,
        -- the row that repeats the person
        arg_max(line, seq) as line, list(line order by seq) || coalesce([any_value(block_line)], []) as lines
    from rows_
    group by passport_id, coalesce(block_line, -1), coalesce(block, ''), person
    having count(*) > 1
),
-- a person whose rows name different supervisors; the finding points at the first row that differs from the
-- supervisor named most often
bosses as (
    select passport_id, person, supervisor_person, count(*) as n, min(seq) as first_seq,
        string_agg(row_ru, '; ' order by seq) as rows_ru, list(line order by seq) as lines
    from rows_
    where supervisor_person is not null
    group by passport_id, person, supervisor_person
),
ranked as (
    select *, row_number() over (partition by passport_id, person order by n desc, first_seq) as rank_,
        count(*) over (partition by passport_id, person) as n_bosses
    from bosses
),
supervisors as (
    select passport_id, 'warning' as severity, 'participants' as section, 'participant_supervisors' as check_id,
        person as code, cast(null as integer) as year,
        person || ': непосредственный руководитель напечатан по-разному — '
            || string_agg(supervisor_person || ' (' || rows_ru || ')', '; ' order by rank_ desc) as message,
        min(lines[1]) filter (rank_ > 1) as line, list_sort(flatten(list(lines))) as lines
    from ranked
    where n_bosses > 1
    group by passport_id, person
),
findings as (
    select * from repeated
    union all select * from supervisors
),
final as (
    select passport_id, severity, section, check_id, code, year, message, line, lines from findings
)
select * from final;
