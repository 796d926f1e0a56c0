-- Mart: «в т.ч.» breakdowns (the region's own budget, transfers, municipal budgets inside the consolidated one)
-- and the state extra-budgetary funds. As in `funding`, the printed «Всего» column is a row with year null.
create or replace view funding_detail as
with rows_ as (
    select * from stg_funding_row
    where role in ('detail', 'project_total_detail') or source = 'state_funds'
),
amounts as (select * from stg_funding_amount),
named as (
    select *, case when role like 'project_total%' then 'Всего' else line_code end as printed_code
    from rows_
),
by_year as (
    select r.passport_id, r.section, r.printed_code as line_code, r.parent_line_code, r.line_name, a.year,
        a.amount_mln_rub, r.source, r.detail, r.seq, r.line
    from named r join amounts a using (passport_id, section, seq)
),
-- the «Всего» cell of a row (all years), where one is printed
all_years as (
    select passport_id, section, printed_code, parent_line_code, line_name, cast(null as integer),
        total_printed, source, detail, seq, line
    from named
    where total_printed is not null
),
final as (
    select * from by_year
    union all
    select * from all_years
)
select * from final;
