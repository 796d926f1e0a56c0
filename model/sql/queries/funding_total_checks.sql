-- Every total the document prints beside the same total computed from the numbers it sums, per year in the
-- range and the «Всего» column (year null). $passport_ids, $section, $year_from, $year_to
select passport_id, check_kind, line_code, line_name, source, year, printed_mln_rub, computed_mln_rub,
       difference_mln_rub, is_match, gap_source, line, n_parts, is_rounding
from funding_total_check
where list_contains($passport_ids, passport_id) and section = $section
  and (year is null or year between $year_from and $year_to)
order by passport_id, seq, year nulls last, check_kind
