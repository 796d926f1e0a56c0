-- By passport and year: money computed from the sources, its federal part and share (%), and the «Всего по
-- проекту» the document prints for that year (null where it prints none). $passport_ids, $section, $year_from,
-- $year_to
with computed as (
    select passport_id, year, sum(amount_mln_rub) as computed_mln_rub,
           sum(amount_mln_rub) filter (where source = 'federal') as federal_mln_rub
    from funding_by_line_source
    where list_contains($passport_ids, passport_id) and section = $section and year between $year_from and $year_to
    group by all
),
printed as (
    select passport_id, year, amount_mln_rub as printed_total_mln_rub
    from funding
    where list_contains($passport_ids, passport_id) and section = $section and year between $year_from and $year_to
      and line_code = 'Всего' and source = 'total' and total_of = 'all'
),
final as (
    -- sums of printed amounts are exact to the cent; the share keeps full precision
    select passport_id, year, round(c.computed_mln_rub, 2) as computed_mln_rub,
           round(coalesce(c.federal_mln_rub, 0), 2) as federal_mln_rub,
           case when c.computed_mln_rub > 0 then coalesce(c.federal_mln_rub, 0) / c.computed_mln_rub * 100 end
               as federal_share_pct,
           p.printed_total_mln_rub
    from computed c full join printed p using (passport_id, year)
)
select * from final order by passport_id, year
