-- Lines that print a sign instead of a number in some years (Amur «*»), as printed: '2020: *; 2021: *'.
-- $passport_ids, $section
select passport_id, line_code, markers from stg_funding_row
where list_contains($passport_ids, passport_id) and section = $section and coalesce(markers, '') not in ('', '{}')
order by passport_id, seq
