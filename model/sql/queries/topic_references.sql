-- Targets of the level above (federal, regional) that the chosen passports quote for one topic, by role and year.
-- $passport_ids, $topic, $year_from, $year_to
with quoted as (
    select * from result_target
    where quoted_level is not null and topic = $topic
      and list_contains($passport_ids, passport_id) and year between $year_from and $year_to
),
final as (
    -- a year printed twice (a federal result and its characteristic) shows the first printed value; the quality
    -- report names the contradiction
    select passport_id, role, quoted_level, year, arg_min(target_value, seq) as target_value,
           string_agg(result_code, ', ' order by seq) as result_codes, min_by(quote, seq) as quote,
           bool_or(is_cumulative) as is_cumulative
    from quoted
    group by passport_id, role, quoted_level, year
)
select * from final order by passport_id, role, quoted_level, year
