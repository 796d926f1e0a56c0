-- Mart: money by funding line, source and year, from the printed source rows only (млн руб.).
-- Printed totals (source = 'total') are not added here: they are checked in funding_total_check.
create or replace view funding_by_line_source as
with funding_ as (select * from funding),
lines as (select * from funding_line),
sources as (
    select passport_id, section, budget_line_code as line_code, source, year, amount_mln_rub, seq
    from funding_
    where source <> 'total' and year is not null
),
final as (
    select s.passport_id, s.section, s.line_code, coalesce(l.line_name, s.line_code) as line_name,
           coalesce(l.line_seq, s.seq) as line_seq, s.source, s.year, s.amount_mln_rub
    from sources s
    left join lines l using (passport_id, section, line_code)
)
select * from final;
