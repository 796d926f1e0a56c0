-- The user's own measures of the chosen passports (one topic, or all when $topic is null) by year, with the fact
-- known on the as-of date and the user's target in its year — «цель пользователя», never a plan of the passport.
-- $passport_ids, $topic, $as_of, $year_from, $year_to
with measures as (
    select * from user_measure
    where list_contains($passport_ids, passport_id) and ($topic is null or topic = $topic)
),
years as (
    select t.passport_id, t.code, t.year from fact_target t
    where t.kind = 'user_measure' and t.year between $year_from and $year_to
),
facts as (
    select * from fact_asof(cast($as_of as date)) where kind = 'user_measure'
),
final as (
    select m.passport_id, m.code, m.name, m.unit, m.direction, m.accumulates, m.topic, m.seq, y.year,
           f.fact_value, coalesce(f.is_example, m.is_example) as is_example, m.is_example as measure_is_example,
           f.reporting_date, f.source as fact_source, f.comment as fact_comment, f.reason as fact_reason,
           case when y.year = m.target_year then m.user_target end as user_target,
           m.user_target as final_target, m.target_year
    from measures m
    join years y using (passport_id, code)
    left join facts f on f.passport_id = m.passport_id and f.code = m.code and f.year = y.year
)
select * from final order by passport_id, seq, year
