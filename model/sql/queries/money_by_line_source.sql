-- Money by passport, funding line and source over the years chosen (source rows only).
-- $passport_ids, $section, $year_from, $year_to, $source_order
select passport_id, line_code, line_name, line_seq, source, round(sum(amount_mln_rub), 2) as amount_mln_rub
from funding_by_line_source
where list_contains($passport_ids, passport_id) and section = $section and year between $year_from and $year_to
group by passport_id, line_code, line_name, line_seq, source
order by passport_id, line_seq, list_position($source_order, source)
