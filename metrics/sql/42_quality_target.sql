-- Data quality, part 3 of 5: indicators (section 2), result targets (section 3) and the percentages of the
-- plan of activities — codes, cumulative targets, missing years, % against counts, targets against the plan.
create or replace view quality_target as
with targets as (select * from result_target),
results as (select * from result),
indicators as (select * from indicator),
plans as (select * from indicator_plan),
plan_years as (select * from stg_indicator_year),
activities as (select * from activity),
-- Which indicator and which plan-of-activities wording measure the same thing as a result measure, read off
-- both documents: Tomsk 1 and Amur 1.1 «…обеспеченных Интернет-соединением…» ~ orgs_internet_pct, Tomsk 2
-- «…внедрена целевая модель…» ~ target_model_orgs_pct, Tomsk 3.1 ~ students_profile_pct, Tomsk 4.1 and Amur
-- 4.1.1 ~ orgs_platform_pct, Tomsk 5 and Amur 5.1 ~ students_platform_pct, Tomsk 6 and Amur 6.1 ~
-- teachers_one_window_pct; plan rows «…обновили информационное наполнение…» ~ orgs_website_pct and «…цифровые
-- технологии…» ~ digital_tech_orgs_pct. A sub-indicator («- по программам …») is matched by its parent's name.
measure_names(measure, name_pattern) as (
    values ('orgs_internet_pct', '%интернет%'),
        ('target_model_orgs_pct', '%целев% модел%'),
        ('students_profile_pct', '%цифровой образовательный профиль%'),
        ('orgs_platform_pct',
         '%организаций, осуществляющих образовательную деятельность с использованием федеральн%'),
        ('students_platform_pct', '%обучающихся%, использующих федеральн%'),
        ('teachers_one_window_pct', '%одного окна%'),
        ('orgs_website_pct', '%обновил% информационное наполнение%'),
        ('digital_tech_orgs_pct', '%цифров% технологи%')
),
lined_targets as (
    select t.*, r.line from targets t join results r using (passport_id, result_code)
),
duplicate_indicators as (
    select passport_id, 'error' as severity, 'indicators' as section, 'duplicate_code' as check_id,
        indicator_code as code, cast(null as integer) as year,
        'Код показателя ' || indicator_code || ' напечатан ' || count(*)
            || case when count(*) < 5 then ' раза' else ' раз' end || ': строки '
            || string_agg(cast(line as varchar), ', ' order by seq) as message, min(line) as line
    from indicators where indicator_code is not null group by passport_id, indicator_code having count(*) > 1
),
duplicate_results as (
    select passport_id, 'error' as severity, 'results' as section, 'duplicate_code' as check_id,
        result_code as code, cast(null as integer) as year,
        'Код результата ' || result_code || ' напечатан ' || count(*)
            || case when count(*) < 5 then ' раза' else ' раз' end || ': строки '
            || string_agg(cast(line as varchar), ', ' order by seq) as message, min(line) as line
    from results where result_code is not null group by passport_id, result_code having count(*) > 1
),
-- a running total cannot fall: compare with the nearest earlier year that printed more
cumulative_falls as (
    select t.passport_id, 'warning' as severity, 'results' as section, 'target_cumulative_falls' as check_id,
        t.result_code as code, t.year,
        'Мера ' || t.measure || ' (накопительным итогом): ' || t.year || ' — ' || quality_num(t.target_value)
            || ' (результат ' || t.result_code || '), а в ' || e.year || ' — ' || quality_num(e.target_value)
            || ' (результат ' || e.result_code || ')' as message, t.line
    from lined_targets t
    join lined_targets e
        on e.passport_id = t.passport_id and e.measure = t.measure and e.is_cumulative
        and e.year < t.year and e.target_value > t.target_value
    where t.is_cumulative
    qualify row_number() over (partition by t.passport_id, t.seq order by e.year desc, e.target_value desc) = 1
),
-- one level (a share or a running total) printed with two values for the same year
target_conflicts as (
    select passport_id, 'warning' as severity, 'results' as section, 'target_conflict' as check_id,
        min_by(result_code, seq) as code, year,
        'Мера ' || measure || ', ' || year || ': напечатаны разные значения — '
            || string_agg(quality_num(target_value) || ' (результат ' || result_code || ': «' || left(quote, 60)
                || '»)', '; ' order by seq) as message, min(line) as line
    from lined_targets
    where is_cumulative or measure like '%\_pct' escape '\'
    group by passport_id, measure, year having min(target_value) <> max(target_value)
),
-- a year column the indicator table prints, empty for an indicator that has values in other years
-- (a printed mark such as «-» is only noted)
indicators_with_plan as (
    select distinct passport_id, indicator_code from plans where plan_value is not null
),
missing_years as (
    select i.passport_id, case when p.plan_printed is not null then 'info' else 'warning' end as severity,
        'indicators' as section, 'indicator_year_missing' as check_id, i.indicator_code as code, y.year,
        'Показатель ' || i.indicator_code || ', ' || y.year || ': '
            || case when p.plan_printed is not null then 'вместо значения напечатано «' || p.plan_printed || '»'
                    else 'нет планового значения, хотя в другие годы оно есть' end as message, i.line
    from indicators i
    join indicators_with_plan w using (passport_id, indicator_code)
    join plan_years y using (passport_id)
    left join plans p
        on p.passport_id = i.passport_id and p.indicator_code = i.indicator_code and p.year = y.year
    where p.plan_value is null
),
-- a share and a count printed for the same thing: result targets X_pct and X_count …
target_pairs as (
    select p.passport_id, 'results' as section, p.result_code as code, p.year, p.target_value as pct,
        c.target_value as n, p.line, 'Результат ' || p.result_code as label
    from lined_targets p
    join lined_targets c
        on c.passport_id = p.passport_id and c.result_code = p.result_code and c.year = p.year
        and c.measure = regexp_replace(p.measure, '_pct$', '_count')
    where p.measure like '%\_pct' escape '\'
),
-- … and plan-of-activities rows whose name prints «N % … (M ОО …)» (a control point repeating its result
-- is taken once)
plan_percents as (
    select a.*,
        try_cast(replace(regexp_extract(a.name, '(\d+(?:[.,]\d+)?)\s*%', 1), ',', '.') as double) as pct,
        try_cast(regexp_extract(a.name, '\((\d+)\s*ОО', 1) as double) as n
    from activities a where a.kind in ('result', 'control_point')
),
plan_pairs as (
    select passport_id, 'activities' as section, code, year(end_date) as year, pct, n, line,
        'План мероприятий, ' || case kind when 'result' then 'результат ' else 'контрольная точка ' end || code
            as label
    from plan_percents
    where pct is not null and n is not null
    qualify row_number() over (partition by passport_id, result_code, pct, n order by seq) = 1
),
pairs as (
    select * from target_pairs union all select * from plan_pairs
),
-- the number of organisations in all: the count printed beside «100 %» (Tomsk: «100 % … (67 ОО г. Томска)»,
-- result 1.25, seed line 152); a passport that prints no such pair (Amur) is skipped
org_totals as (
    select passport_id, arg_min(n, line) as total_orgs, min(line) as total_line
    from pairs where pct = 100 group by passport_id
),
-- within half a percent the count rounds to the printed share: rounding, not a contradiction
pct_count as (
    select p.*, t.total_orgs, t.total_line, p.n / t.total_orgs * 100 as n_pct
    from pairs p join org_totals t using (passport_id)
),
pct_count_mismatch as (
    select passport_id, case when abs(n_pct - pct) < 0.5 then 'info' else 'warning' end as severity, section,
        'pct_count_mismatch' as check_id, code, year,
        label || ', ' || year || ': ' || quality_num(pct) || ' % и ' || quality_num(n) || ' ОО; '
            || quality_num(n) || ' из ' || quality_num(total_orgs) || ' — ' || quality_num(n_pct) || ' %'
            || case when abs(n_pct - pct) < 0.5 then ' (округление)'
                    else ', а ' || quality_num(pct) || ' % от ' || quality_num(total_orgs) || ' — '
                        || quality_num(pct * total_orgs / 100) || ' ОО' end
            || ' [всего ОО: ' || quality_num(total_orgs) || ', строка ' || total_line || ']' as message, line
    from pct_count
    where abs(n_pct - pct) > 1e-9
),
named_indicators as (
    select i.*, coalesce(p.indicator_name || ' ', '') || i.indicator_name as full_name
    from indicators i
    left join indicators p on p.passport_id = i.passport_id and p.indicator_code = i.parent_code
),
-- each measure -> the first indicator (in print order) with a plan whose name matches
indicator_measures as (
    select n.passport_id, m.measure, arg_min(n.indicator_code, n.seq) as indicator_code
    from named_indicators n
    join indicators_with_plan w using (passport_id, indicator_code)
    join measure_names m on n.full_name ilike m.name_pattern
    where n.unit ilike 'процент%'
    group by n.passport_id, m.measure
),
measure_plans as (
    select m.passport_id, m.measure, m.indicator_code, p.year, p.plan_value
    from indicator_measures m join plans p using (passport_id, indicator_code)
    where p.plan_value is not null
),
target_vs_indicator as (
    select t.passport_id, 'warning' as severity, 'results' as section, 'target_vs_indicator' as check_id,
        t.result_code as code, t.year,
        'Результат ' || t.result_code || ', ' || t.year || ': ' || quality_num(t.target_value)
            || ' %, а показатель ' || m.indicator_code || ' на ' || t.year || ' год — '
            || quality_num(m.plan_value) || ' % (мера ' || t.measure || ')' as message, t.line
    from lined_targets t
    join measure_plans m on m.passport_id = t.passport_id and m.measure = t.measure and m.year = t.year
    where abs(t.target_value - m.plan_value) > 1e-9
),
-- a result row of the plan of activities that prints one share of one known measure
plan_rows as (
    select p.passport_id, p.code, year(p.end_date) as year, p.pct, p.line, any_value(m.measure) as measure
    from plan_percents p join measure_names m on p.name ilike m.name_pattern
    where p.kind = 'result' and p.pct is not null and p.end_date is not null
    group by p.passport_id, p.code, p.end_date, p.pct, p.line
    having count(*) = 1
),
plan_compared as (
    select p.*,
        (select string_agg('результат ' || t.result_code || ' — ' || quality_num(t.target_value) || ' %', ', '
                           order by t.seq)
         from targets t where t.passport_id = p.passport_id and t.measure = p.measure and t.year = p.year
           and abs(t.target_value - p.pct) > 1e-9) as targets_differ,
        (select string_agg('показатель ' || m.indicator_code || ' — ' || quality_num(m.plan_value) || ' %',
                           ', ')
         from measure_plans m where m.passport_id = p.passport_id and m.measure = p.measure and m.year = p.year
           and abs(m.plan_value - p.pct) > 1e-9) as indicator_differs
    from plan_rows p
),
plan_vs_target as (
    select passport_id, 'warning' as severity, 'activities' as section, 'plan_vs_target' as check_id,
        code, year,
        'План мероприятий, результат ' || code || ' (' || year || '): ' || quality_num(pct) || ' %, а '
            || concat_ws(', ', targets_differ, indicator_differs) || ' (мера ' || measure || ')' as message,
        line
    from plan_compared
    where targets_differ is not null or indicator_differs is not null
),
findings as (
    select * from duplicate_indicators
    union all select * from duplicate_results
    union all select * from cumulative_falls
    union all select * from target_conflicts
    union all select * from missing_years
    union all select * from pct_count_mismatch
    union all select * from target_vs_indicator
    union all select * from plan_vs_target
),
final as (
    select passport_id, severity, section, check_id, code, year, message, line, [line] as lines from findings
)
select * from final;
