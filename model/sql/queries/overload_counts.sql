-- People of each chosen passport whose workload summed across the blocks of section 5 is above the limit.
-- $passport_ids
with per_person as (
    select passport_id, person, sum(workload_pct) as workload_pct from participant
    where list_contains($passport_ids, passport_id) and workload_pct is not null
    group by all
)
select p.passport_id, count(*) filter (where p.workload_pct > s.overload_pct) as overloaded,
       max(p.workload_pct) as max_workload_pct,
       arg_max(p.person, p.workload_pct) as busiest
from per_person p cross join metric_settings s
group by p.passport_id order by p.passport_id
