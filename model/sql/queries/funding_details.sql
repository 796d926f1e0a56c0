-- The «в т.ч.» rows (and rows kept apart from the sources) beside the source row they detail.
-- $passport_ids, $section, $year_from, $year_to
with d as (
    select * from funding_detail
    where list_contains($passport_ids, passport_id) and section = $section and year between $year_from and $year_to
),
parents as (
    select passport_id, section, line_code, source, year, amount_mln_rub
    from funding where source <> 'total' and year is not null
    union all
    select passport_id, section, 'Всего', total_of, year, amount_mln_rub
    from funding where line_code = 'Всего' and source = 'total' and year is not null
),
final as (
    select d.passport_id, d.line_code, d.parent_line_code, d.line_name, d.source, d.detail, d.year,
           d.amount_mln_rub, p.amount_mln_rub as source_row_mln_rub, d.line
    from d
    left join parents p
        on p.passport_id = d.passport_id and p.section = d.section and p.source = d.source and p.year = d.year
        and p.line_code = case when d.line_code = 'Всего' then 'Всего' else d.parent_line_code end
)
select * from final order by passport_id, line, year
