-- The year columns each passport's funding table prints (also years it leaves empty or marks with «*»).
-- $passport_ids, $section
select passport_id, year from stg_funding_year
where list_contains($passport_ids, passport_id) and section = $section
order by all
