-- Money by passport, year and source: the sum of the printed source rows of every line. Sums of printed amounts
-- are rounded to the cent: the exact decimal sum, without binary float noise.
-- $passport_ids, $section, $year_from, $year_to, $source_order
select passport_id, year, source, round(sum(amount_mln_rub), 2) as amount_mln_rub
from funding_by_line_source
where list_contains($passport_ids, passport_id) and section = $section and year between $year_from and $year_to
group by passport_id, year, source
order by passport_id, year, list_position($source_order, source)
