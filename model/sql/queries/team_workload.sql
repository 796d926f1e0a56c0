-- One row per person of a passport: participants of section 5 and everyone responsible in the plan; workload
-- summed over every row of section 5, rows of the plan touching the years and how many are overdue as of a date.
-- $passport_id, $as_of, $year_from, $year_to, $no_block
with participants as (
    select * from participant where passport_id = $passport_id
),
plan as (
    select * from activity_status_asof($as_of) where passport_id = $passport_id
),
responsible as (
    select * from activity_person where passport_id = $passport_id
),
-- the blocks a person serves, in the order the passport prints them
person_blocks as (
    select person, block, min(seq) as first_seq
    from participants group by all
),
-- rows printed before the first heading (head, administrator) are named but not counted as a block
blocks as (
    select person, string_agg(coalesce(block, $no_block), '; ' order by first_seq) as blocks, count(block) as block_count
    from person_blocks group by all
),
workload as (
    select person, sum(workload_pct) as workload_pct, count(*) as role_count,
           count(*) filter (where workload_pct is null) as workload_missing_count, min(seq) as first_seq
    from participants group by all
),
-- rows of the plan (results, activities, control points) touching the years, and how many are overdue
tasks as (
    select r.person, count(*) as activity_count, count(*) filter (where p.is_overdue) as overdue_count
    from responsible r join plan p using (passport_id, activity_key)
    where p.end_year is null or (p.start_year <= $year_to and p.end_year >= $year_from)
    group by all
),
final as (
    select coalesce(w.person, t.person) as person, b.blocks, coalesce(b.block_count, 0) as block_count,
           w.workload_pct, coalesce(w.role_count, 0) as role_count,
           coalesce(w.workload_missing_count, 0) as workload_missing_count,
           coalesce(t.activity_count, 0) as activity_count, coalesce(t.overdue_count, 0) as overdue_count,
           coalesce(w.workload_pct > s.overload_pct, false) as is_overloaded,
           w.person is not null as is_participant, w.first_seq
    from workload w
    left join blocks b using (person)
    full join tasks t on t.person = w.person
    cross join metric_settings s
)
select * from final order by workload_pct desc nulls last, activity_count desc, person
