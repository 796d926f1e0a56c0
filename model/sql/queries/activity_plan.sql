-- Rows of the plan of activities of one passport whose span touches the years, with their status as of a date.
-- Empty filters mean «all»; a row answers to a person when activity_person names them; rows without a readable
-- end are kept whatever the years (the page lists them in words).
-- $as_of, $passport_id, $year_from, $year_to, $result_codes, $persons, $levels, $no_level
with plan as (
    select * from activity_status_asof($as_of) where passport_id = $passport_id
),
final as (
    select * from plan
    where (end_year is null or (start_year <= $year_to and end_year >= $year_from))
      and (len($result_codes::varchar[]) = 0 or list_contains($result_codes::varchar[], result_code))
      and (len($persons::varchar[]) = 0 or list_has_any(person_list, $persons::varchar[]))
      and (len($levels::varchar[]) = 0 or list_contains($levels::varchar[], coalesce(control_level, $no_level)))
)
select * from final order by seq
