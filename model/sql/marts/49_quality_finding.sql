-- Data quality, the report: every finding of the checks 40–47, one row each.
-- severity: error — printed values contradict each other (a total that is not the sum of its parts, an end
-- before the start, a code used twice); warning — suspicious, to be checked against the document;
-- info — rounding («округление») or a mark printed instead of a number.
-- line is the 1-based line of the seed text where the contradiction is printed (data/README.md); lines lists every
-- line involved (the other rows, totals or blocks of the same contradiction), line included, in order.
-- Consequences are reported once: the checks group them where they are found (a line total that leaves out a
-- source with the project total it throws off, 40; a result numbered under the one before, 41; a control point
-- repeating its block's percentage, 42), and a finding that explains one of another check lists its line (below).
create or replace view quality_finding as
with funding as (select * from quality_funding),
activities as (select * from quality_activity),
targets as (select * from quality_target),
workload as (select * from quality_workload),
numbering as (select * from quality_numbering),
people as (select * from quality_participant),
levels as (select * from quality_level),
delivery as (select * from quality_delivery),
findings as materialized (
    select * from funding
    union all select * from activities
    union all select * from targets
    union all select * from workload
    union all select * from numbering
    union all select * from people
    union all select * from levels
    union all select * from delivery
),
-- a block of the plan that ends a year before the result it delivers explains why its control point ends after
-- it (Amur block 7 and control point 7.1): the control point's finding is dropped, its line is in the block's
explained_by(check_id, explained_check_id) as (
    values ('plan_block_deadline', 'activity_after_parent')
),
kept as (
    select f.* from findings f
    where not exists (
        select 1 from findings g
        join explained_by e on e.check_id = g.check_id and e.explained_check_id = f.check_id
        where g.passport_id = f.passport_id and g.line <> f.line and list_contains(g.lines, f.line))
),
final as (
    select passport_id, severity, section, check_id, code, year, message, line,
        list_sort(list_distinct(list_filter(coalesce(lines, []) || [line], lambda x: x is not null))) as lines,
        case severity when 'error' then 1 when 'warning' then 2 else 3 end as severity_rank
    from kept
)
select * from final;
