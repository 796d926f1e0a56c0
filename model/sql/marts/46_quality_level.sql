-- Data quality, part 6: a sentence about the passport's own organisations, territory or project that names another
-- level — a city passport's result or activity «на территории Томской области», «настоящего регионального
-- проекта»; a regional one's «в субъектах Российской Федерации». The phrases are in the vocabulary by the
-- passport's level (vocab_term «other_level_<level>»: code — the pattern, label — the level it names). Read: the
-- own results' text and characteristic, the plan's names and documents, the funding lines' names (not their
-- sources: a region's budget pays for a city's project) and the blocks of section 5; not the quoted federal or
-- regional results (federal_result, federal_characteristic).
create or replace view quality_level as
with passports as (select * from passport),
phrases as (
    select regexp_replace(vocabulary, '^other_level_', '') as level, code as pattern, label as level_named, ord
    from vocab_term where vocabulary like 'other\_level\_%' escape '\'
),
-- every own sentence with where it is printed and how a message names it
texts as (
    select passport_id, 'results' as section, result_code as code, line, 'Результат ' || result_code as label,
        result_text as body
    from result where result_code is not null
    union all
    select passport_id, 'results', result_code, line, 'Результат ' || result_code || ' (характеристика)',
        characteristic
    from result where result_code is not null and characteristic is not null
    union all
    select passport_id, 'activities', code, line,
        'План мероприятий, ' || case kind when 'result' then 'результат ' when 'control_point'
                                     then 'контрольная точка ' else 'мероприятие ' end || code,
        name
    from activity
    union all
    select passport_id, 'activities', code, line, 'План мероприятий, ' || code || ' (документ)', document
    from activity where document is not null
    union all
    select passport_id, 'funding', coalesce(line_code, 'Всего'), line,
        case section when 'additional' then 'Доп. материалы, ' else 'Раздел 4, ' end
            || coalesce('строка ' || line_code, 'итог'),
        line_name
    from stg_funding_row where role in ('heading', 'line', 'project_total')
    union all
    select distinct passport_id, 'participants', null, block_line,
        'Участники, блок «' || left(block, 60) || case when length(block) > 60 then '…' else '' end || '»', block
    from participant where block is not null and block_line is not null
),
-- the sentences that print any phrase of another level (one pattern of all the level's phrases: a quick sieve)
sieve as (
    select level, '(?i)(?:' || string_agg(pattern, ')|(?:' order by ord) || ')' as any_phrase
    from phrases group by level
),
-- each distinct sentence once per level: a pattern that is not a constant is compiled for every row it meets,
-- and the same sentences repeat across passports (2 000 passports print 544 000 sentences, 372 different ones)
sentences as (
    select distinct s.level, t.body
    from texts t join passports s using (passport_id)
),
candidates as (
    select n.level, n.body
    from sentences n join sieve v using (level)
    where regexp_matches(n.body, v.any_phrase)
),
-- each phrase of another level a sentence prints, as printed
printed as (
    select c.level, c.body, p.level_named, p.ord,
        unnest(regexp_extract_all(c.body, '(?i)' || p.pattern)) as printed
    from candidates c
    join phrases p using (level)
),
matched as (
    select t.*, p.level_named, p.ord, p.printed
    from texts t
    join passports s using (passport_id)
    join printed p on p.level = s.level and p.body = t.body
),
-- one finding per printed row, naming every phrase and the level it belongs to
final as (
    select m.passport_id, 'warning' as severity, m.section, 'other_level' as check_id,
        coalesce(m.code, left(any_value(m.body), 40) || case when length(any_value(m.body)) > 40 then '…' else '' end)
            as code, cast(null as integer) as year,
        -- each label, phrase and level once, in alphabetical order (the same report every run)
        string_agg(distinct m.label, '; ' order by m.label) || ': «'
            || string_agg(distinct m.printed, '», «' order by m.printed) || '» — в паспорте уровня «'
            || any_value(v.label) || '» (' || any_value(s.territory) || ') назван другой уровень: '
            || string_agg(distinct m.level_named, ', ' order by m.level_named) as message,
        m.line, [m.line] as lines
    from matched m
    join passports s using (passport_id)
    join vocab_term v on v.vocabulary = 'passport_level' and v.code = s.level
    group by m.passport_id, m.section, m.code, m.line
)
select * from final;
