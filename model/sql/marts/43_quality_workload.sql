-- Data quality, part 4 of 5: section 5 (participants) — nobody can spend more than 100 % of their time.
create or replace view quality_workload as
with participants as (select * from participant),
-- every row naming the person (names are normalised to «Фамилия И.О.» by the loader); empty cells do not count
per_person as (
    select passport_id, person, sum(workload_pct) as workload_pct, count(*) as row_count, min(line) as line,
        -- each row as printed: «15 (№ 2., строка 271)»
        list(line order by seq) as lines,
        string_agg(quality_num(workload_pct) || ' (№ ' || coalesce(number_printed, number, '—') || ', строка '
                   || line || ')', ' + ' order by seq) as rows_list
    from participants
    where workload_pct is not null
    group by passport_id, person
),
final as (
    select passport_id, 'warning' as severity, 'participants' as section, 'workload_over_100' as check_id,
        person as code, cast(null as integer) as year,
        person || ': занятость в проекте ' || quality_num(workload_pct) || ' %'
            || case when row_count > 1 then ' в сумме' else '' end || ': ' || rows_list as message, line, lines
    from per_person
    where workload_pct > 100
)
select * from final;
