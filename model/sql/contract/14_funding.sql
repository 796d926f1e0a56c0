-- Mart: money by line, source and year as printed (млн руб.).
-- State extra-budgetary funds (Tomsk 1.1.2 prints 0,00) are not one of the contract's sources:
-- they are kept in funding_detail, so summing funding by source still gives the project's money.
-- Source rows give amounts by source; line rows, the «Всего» column and «Всего по проекту» rows
-- are printed totals (source = 'total', total_of says of what). «В т.ч.» rows go to funding_detail.
create or replace view funding as
with rows_ as (select * from stg_funding_row),
amounts as (select * from stg_funding_amount),
-- the funding line an amount belongs to: a source row's parent line, a line's own code
tagged as (
    select *,
        case when role in ('source', 'detail') then coalesce(parent_line_code, line_code)
             when role like 'project_total%' then 'Всего'
             else line_code end as budget_line_code,
        case when role in ('project_total', 'project_total_source') then 'Всего' else line_code end
            as printed_code
    from rows_
    where coalesce(source, '') <> 'state_funds'
),
by_year as (
    select t.passport_id, t.section, t.seq, t.printed_code as line_code, t.budget_line_code, t.line_name,
        case when t.role = 'source' then t.source else 'total' end as source,
        case when t.role = 'source' then null
             when t.role in ('line', 'project_total') then 'all' else t.source end as total_of,
        a.year, a.amount_mln_rub, t.line
    from tagged t join amounts a using (passport_id, section, seq)
    where t.role in ('line', 'source', 'project_total', 'project_total_source')
),
-- the printed «Всего» column (all years) of every kind of row is a printed total: year is null
all_years as (
    select passport_id, section, seq, printed_code as line_code, budget_line_code, line_name,
        'total' as source,
        case when role in ('line', 'project_total') then 'all' else source end as total_of,
        cast(null as integer) as year, total_printed as amount_mln_rub, line
    from tagged
    where total_printed is not null and role in ('line', 'source', 'project_total', 'project_total_source')
),
final as (
    select * from by_year
    union all
    select * from all_years
)
select passport_id, section, line_code, line_name, source, year, amount_mln_rub, total_of, budget_line_code,
       seq, line
from final;
