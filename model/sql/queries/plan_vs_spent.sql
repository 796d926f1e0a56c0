-- Planned vs spent by passport, line, source and year as of a date (facts of kind 'funding'); execution_pct =
-- spent / planned × 100, null where nothing is entered or nothing was planned.
-- $as_of, $passport_ids, $section, $year_from, $year_to, $source_order
with pf as (
    select * from plan_fact_asof($as_of, null, null, passport_ids := $passport_ids)
    where kind = 'funding' and list_contains($passport_ids, passport_id) and section = $section
      and year between $year_from and $year_to
),
lines as (select passport_id, section, line_code, line_name, line_seq from funding_line),
final as (
    select pf.passport_id, pf.code as line_code, coalesce(l.line_name, pf.code) as line_name,
           pf.measure as source, pf.year, pf.plan_value as plan_mln_rub, pf.fact_value as spent_mln_rub,
           case when pf.plan_value > 0 then pf.fact_value / pf.plan_value * 100 end as execution_pct,
           pf.status, pf.status_code, coalesce(pf.is_example, false) as is_example, pf.fact_source,
           pf.fact_comment, pf.forecast_value, coalesce(l.line_seq, pf.seq) as line_seq
    from pf
    left join lines l on l.passport_id = pf.passport_id and l.section = pf.section and l.line_code = pf.code
)
select * from final order by passport_id, year, line_seq, list_position($source_order, source)
