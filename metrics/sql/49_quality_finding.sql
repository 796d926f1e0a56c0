-- Data quality, part 5 of 5: every finding of the checks 40–43, one row each.
-- severity: error — printed values contradict each other (a total that is not the sum of its parts, an end
-- before the start, a code used twice); warning — suspicious, to be checked against the document;
-- info — rounding («округление») or a mark printed instead of a number.
-- line is the 1-based line of the seed text where the contradiction is printed (data/README.md); lines lists every
-- line involved (the other rows, totals or blocks of the same contradiction), line included, in order.
create or replace view quality_finding as
with funding as (select * from quality_funding),
activities as (select * from quality_activity),
targets as (select * from quality_target),
workload as (select * from quality_workload),
findings as (
    select * from funding
    union all select * from activities
    union all select * from targets
    union all select * from workload
),
final as (
    select passport_id, severity, section, check_id, code, year, message, line,
        list_sort(list_distinct(list_filter(coalesce(lines, []) || [line], lambda x: x is not null))) as lines,
        case severity when 'error' then 1 when 'warning' then 2 else 3 end as severity_rank
    from findings
)
select * from final;
