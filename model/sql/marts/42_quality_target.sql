-- Data quality, part 3: indicators (section 2), result targets (section 3) and the percentages of the plan of
-- activities — codes, cumulative targets, missing years, a result's text against its characteristic, % against
-- counts, targets against the indicators' plan, the plan's percentages against the results and indicators.
create or replace view quality_target as
with targets as (select * from result_target),
results as (select * from result),
indicators as (select * from indicator),
plans as (select * from indicator_plan),
plan_years as (select * from stg_indicator_year),
activities as (select * from activity),
delivers as (select * from activity_delivers),
measures as (select * from vocab_measure),
roles as (select * from vocab_topic_role),
-- What a row of the plan of activities is about when the link to section 3 does not say it (its block delivers
-- no result): read off its wording, as printed in both documents — «…Интернет-соединением…», «…целевая
-- модель…», «…цифровой образовательный профиль…», «…федеральной информационно-сервисной платформы… в N %
-- образовательных организаций», «…обучающихся…, использующих федеральн…», «…одного окна…», «…обновили
-- информационное наполнение…», «…цифровые технологии…».
plan_wording(topic, role, name_pattern) as (
    values ('internet', 'share', '%интернет%'),
        ('target_model', 'orgs_share', '%целев% модел%'),
        ('target_model', 'profile_share', '%цифровой образовательный профиль%'),
        ('platform', 'orgs_share', '%информационно-сервисной платформ%образовательных организаций%'),
        ('platform', 'students_share', '%обучающихся%, использующих федеральн%'),
        ('training', 'teachers_share', '%одного окна%'),
        ('websites', 'share', '%обновил% информационное наполнение%'),
        ('digital_tech', 'orgs_share', '%цифров% технологи%')
),
lined_targets as (
    select t.*, r.line, r.federal_line, r.parent_code, m.label as measure_label, m.is_share
    from targets t
    join results r using (passport_id, result_code)
    join measures m using (measure)
),
duplicate_indicators as (
    select passport_id, 'error' as severity, 'indicators' as section, 'duplicate_code' as check_id,
        indicator_code as code, cast(null as integer) as year,
        'Код показателя ' || indicator_code || ' напечатан ' || count(*)
            || case when count(*) < 5 then ' раза' else ' раз' end || ': строки '
            || string_agg(cast(line as varchar), ', ' order by seq) as message, min(line) as line,
        list(line order by seq) as lines
    from indicators where indicator_code is not null group by passport_id, indicator_code having count(*) > 1
),
duplicate_results as (
    select passport_id, 'error' as severity, 'results' as section, 'duplicate_code' as check_id,
        result_code as code, cast(null as integer) as year,
        'Код результата ' || result_code || ' напечатан ' || count(*)
            || case when count(*) < 5 then ' раза' else ' раз' end || ': строки '
            || string_agg(cast(line as varchar), ', ' order by seq) as message, min(line) as line,
        list(line order by seq) as lines
    from results where result_code is not null group by passport_id, result_code having count(*) > 1
),
-- a running total cannot fall: compare with the nearest earlier year that printed more
cumulative_falls as (
    select t.passport_id, 'warning' as severity, 'results' as section, 'target_cumulative_falls' as check_id,
        t.result_code as code, t.year,
        'Мера ' || t.measure || ' (накопительным итогом): ' || t.year || ' — ' || quality_num(t.target_value)
            || ' (результат ' || t.result_code || '), а в ' || e.year || ' — ' || quality_num(e.target_value)
            || ' (результат ' || e.result_code || ')' as message, t.line, [t.line, e.line] as lines
    from lined_targets t
    join lined_targets e
        on e.passport_id = t.passport_id and e.measure = t.measure and e.is_cumulative
        and e.year < t.year and e.target_value > t.target_value
    where t.is_cumulative
    qualify row_number() over (partition by t.passport_id, t.seq order by e.year desc, e.target_value desc) = 1
),
-- one level (a share or a running total) printed with two values for the same year by different results
-- (two values in one result are its text against its characteristic, below)
target_conflicts as (
    select passport_id, 'warning' as severity, 'results' as section, 'target_conflict' as check_id,
        min_by(result_code, seq) as code, year,
        'Мера ' || measure || ', ' || year || ': напечатаны разные значения — '
            || string_agg(quality_num(target_value) || ' (результат ' || result_code || ': «' || left(quote, 60)
                || '»)', '; ' order by seq) as message, min(line) as line, list(line order by seq) as lines
    from lined_targets
    where is_cumulative or measure like '%\_pct' escape '\'
    group by passport_id, measure, year
    having min(target_value) <> max(target_value) and count(distinct result_code) > 1
),
-- where in the result a quote stands, in words
placed_targets as (
    select *,
        case quoted_from when 'text' then 'текст'
            when 'characteristic' then 'характеристика'
            when 'federal_characteristic' then 'характеристика '
                || case quoted_level when 'regional' then 'регионального' else 'федерального' end || ' результата'
            else case quoted_level when 'regional' then 'региональный результат' else 'федеральный результат' end
        end as place_ru
    from lined_targets
),
-- a result whose own text and characteristic (Amur 24.1: 13000 and 18300 children), or the federal result it
-- quotes and that result's characteristic (Amur 18: 70 and 125 centres), give two numbers for the same thing;
-- the finding points at the row where both are printed (the federal row for a federal target)
text_vs_characteristic as (
    select passport_id, 'warning' as severity, 'results' as section,
        'result_text_vs_characteristic' as check_id, result_code as code, year,
        case when any_value(quoted_level) = 'federal'
             then 'Федеральный результат ' || coalesce(any_value(parent_code), '') || ' (при результате '
                  || result_code || ')'
             else 'Результат ' || result_code end
            || ', ' || year || ', ' || lower(left(any_value(measure_label), 1)) || substr(any_value(measure_label), 2)
            || ': ' || string_agg(place_ru || ' — ' || quality_num(target_value) || ' («' || left(quote, 70) || '»)',
                                  '; ' order by seq) as message,
        coalesce(any_value(federal_line) filter (quoted_level = 'federal'), min(line)) as line,
        list_sort(list_distinct(list(line) || list(federal_line) filter (quoted_level = 'federal'))) as lines
    from placed_targets
    group by passport_id, result_code, measure, year
    having min(target_value) <> max(target_value)
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
                    else 'нет планового значения, хотя в другие годы оно есть' end as message, i.line,
        [i.line] as lines
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
    from activities a
),
plan_pairs as (
    select passport_id, 'activities' as section, code, year(end_date) as year, pct, n, line,
        'План мероприятий, ' || case kind when 'result' then 'результат ' else 'контрольная точка ' end || code
            as label
    from plan_percents
    where pct is not null and n is not null and kind in ('result', 'control_point')
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
            || ' [всего ОО: ' || quality_num(total_orgs) || ', строка ' || total_line || ']' as message, line,
        [line, total_line] as lines
    from pct_count
    where abs(n_pct - pct) > 1e-9
),
-- the indicators with a plan of each topic and role (what they are about, as the passport files say)
topic_indicators as (
    select i.passport_id, i.topic, i.role, i.indicator_code, i.seq, i.line
    from indicators i join indicators_with_plan w using (passport_id, indicator_code)
    where i.topic is not null and i.unit ilike 'процент%'
),
-- a result's own share against the plan of the first indicator printed with the same topic and role
first_indicators as (
    select passport_id, topic, role, arg_min(indicator_code, seq) as indicator_code, min(line) as line
    from topic_indicators group by all
),
target_vs_indicator as (
    select t.passport_id, 'warning' as severity, 'results' as section, 'target_vs_indicator' as check_id,
        t.result_code as code, t.year,
        'Результат ' || t.result_code || ', ' || t.year || ': ' || quality_num(t.target_value)
            || ' %, а показатель ' || f.indicator_code || ' на ' || t.year || ' год — '
            || quality_num(p.plan_value) || ' % (' || lower(left(t.measure_label, 1)) || substr(t.measure_label, 2)
            || ')' as message, t.line, [t.line, f.line] as lines
    from lined_targets t
    join first_indicators f using (passport_id, topic, role)
    join plans p on p.passport_id = t.passport_id and p.indicator_code = f.indicator_code and p.year = t.year
    where t.quoted_level is null and t.is_share and p.plan_value is not null
      and abs(t.target_value - p.plan_value) > 1e-9
),
-- every row of the plan of activities that prints a percentage, with the year it ends in
plan_rows as (
    select passport_id, seq, code, kind, result_code, year(end_date) as year, pct, line, name
    from plan_percents where pct is not null and end_date is not null
),
-- the own shares of the section-3 results the row's block delivers (delivers:), for the row's year
delivered as (
    select r.passport_id, r.seq, t.result_code, t.target_value, t.topic, t.role, t.seq as target_seq, t.line
    from plan_rows r
    join delivers d on d.passport_id = r.passport_id and d.block_code = r.result_code
    join lined_targets t on t.passport_id = d.passport_id and t.result_code = d.result_code and t.year = r.year
    where t.quoted_level is null and t.is_share
),
blocks_delivering as (
    select distinct passport_id, block_code from delivers
),
worded as (
    select r.passport_id, r.seq, w.topic, w.role
    from plan_rows r join plan_wording w on r.name ilike w.name_pattern
),
-- what a row's percentage is a share of: the one topic and role among the shares its block delivers; among
-- several, the one its wording names; a block that delivers no result — its wording alone
row_topics as (
    select r.*, coalesce(
            (select any_value((d.topic, d.role)) from delivered d where d.passport_id = r.passport_id
               and d.seq = r.seq having count(distinct (d.topic, d.role)) = 1),
            (select any_value((w.topic, w.role)) from worded w
             where w.passport_id = r.passport_id and w.seq = r.seq
               and exists (select 1 from delivered d where d.passport_id = w.passport_id and d.seq = w.seq
                             and (d.topic, d.role) = (w.topic, w.role))
             having count(*) = 1),
            (select any_value((w.topic, w.role)) from worded w where w.passport_id = r.passport_id
               and w.seq = r.seq
               and not exists (select 1 from blocks_delivering b where b.passport_id = r.passport_id
                                 and b.block_code = r.result_code)
             having count(*) = 1)) as topic_role
    from plan_rows r
),
plan_compared as (
    select r.*, r.topic_role[1] as topic, r.topic_role[2] as role,
        (select string_agg('результат ' || d.result_code || ' — ' || quality_num(d.target_value) || ' %', ', '
                           order by d.target_seq)
         from delivered d where d.passport_id = r.passport_id and d.seq = r.seq
           and (d.topic, d.role) = (r.topic_role[1], r.topic_role[2])
           and abs(d.target_value - r.pct) > 1e-9) as targets_differ,
        (select list(d.line) from delivered d where d.passport_id = r.passport_id and d.seq = r.seq
           and (d.topic, d.role) = (r.topic_role[1], r.topic_role[2])
           and abs(d.target_value - r.pct) > 1e-9) as target_lines,
        -- an indicator differs only when none of those with the topic and role plans this share for the year
        (select case when bool_and(abs(p.plan_value - r.pct) > 1e-9)
                     then string_agg('показатель ' || p.indicator_code || ' — ' || quality_num(p.plan_value) || ' %',
                                     ', ' order by p.indicator_seq) end
         from plans p where p.passport_id = r.passport_id and p.topic = r.topic_role[1]
           and p.role = r.topic_role[2] and p.year = r.year and p.plan_value is not null
           and p.unit ilike 'процент%') as indicator_differs
    from row_topics r
    where r.topic_role is not null
),
-- a control point repeating its block's percentage is the same contradiction: one finding, all its lines
plan_vs_target as (
    select c.passport_id, 'warning' as severity, 'activities' as section, 'plan_vs_target' as check_id,
        min_by(c.code, c.seq) as code, c.year,
        'План мероприятий, ' || string_agg(case c.kind when 'result' then 'результат ' when 'control_point'
                                               then 'контрольная точка ' else 'мероприятие ' end || c.code, ' и '
                                           order by c.seq)
            || ' (' || c.year || '): ' || quality_num(c.pct) || ' %, а '
            || concat_ws(', ', any_value(c.targets_differ), any_value(c.indicator_differs))
            || ' (' || lower(left(any_value(o.role_label), 1)) || substr(any_value(o.role_label), 2) || ')'
            as message,
        min_by(c.line, c.seq) as line,
        list_sort(list_distinct(list(c.line) || flatten(list(c.target_lines) filter (c.target_lines is not null))))
            as lines
    from plan_compared c
    join roles o on o.topic = c.topic and o.role = c.role
    where c.targets_differ is not null or c.indicator_differs is not null
    group by c.passport_id, c.result_code, c.year, c.pct, c.topic, c.role, c.targets_differ, c.indicator_differs
),
findings as (
    select * from duplicate_indicators
    union all select * from duplicate_results
    union all select * from cumulative_falls
    union all select * from target_conflicts
    union all select * from text_vs_characteristic
    union all select * from missing_years
    union all select * from pct_count_mismatch
    union all select * from target_vs_indicator
    union all select * from plan_vs_target
),
final as (
    select passport_id, severity, section, check_id, code, year, message, line, lines from findings
)
select * from final;
