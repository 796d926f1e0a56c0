-- Mart: «в т.ч.» breakdowns (the region's own budget, transfers, municipal budgets inside the consolidated one).
create or replace view funding_detail as
with rows_ as (
    select * from stg_funding_row
    where role in ('detail', 'project_total_detail') or source = 'state_funds'
),
amounts as (select * from stg_funding_amount),
final as (
    select r.passport_id, r.section,
        case when r.role like 'project_total%' then 'Всего' else r.line_code end as line_code,
        r.parent_line_code, r.line_name, a.year, a.amount_mln_rub, r.source, r.detail, r.seq, r.line
    from rows_ r join amounts a using (passport_id, section, seq)
)
select * from final;
