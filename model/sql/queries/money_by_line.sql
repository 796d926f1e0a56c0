-- By passport and funding line over the years chosen: the sum of its sources and the sum of the line totals the
-- document prints for those years (null where the line prints no total). $passport_ids, $section, $year_from,
-- $year_to
with computed as (
    select passport_id, line_code, sum(amount_mln_rub) as computed_mln_rub
    from funding_by_line_source
    where list_contains($passport_ids, passport_id) and section = $section and year between $year_from and $year_to
    group by all
),
printed as (
    select passport_id, budget_line_code as line_code, sum(amount_mln_rub) as printed_mln_rub
    from funding
    where list_contains($passport_ids, passport_id) and section = $section and year between $year_from and $year_to
      and source = 'total' and total_of = 'all' and line_code = budget_line_code and line_code <> 'Всего'
    group by all
),
lines as (select * from funding_line where list_contains($passport_ids, passport_id) and section = $section),
final as (
    select l.passport_id, l.line_code, l.line_name, l.line_seq,
           round(c.computed_mln_rub, 2) as computed_mln_rub, round(p.printed_mln_rub, 2) as printed_mln_rub,
           -- + 0.0 turns a rounded -0.0 into 0.0
           round(p.printed_mln_rub - c.computed_mln_rub, 2) + 0.0 as difference_mln_rub
    from lines l
    left join computed c using (passport_id, line_code)
    left join printed p using (passport_id, line_code)
    where c.computed_mln_rub is not null or p.printed_mln_rub is not null
)
select * from final order by passport_id, line_seq
