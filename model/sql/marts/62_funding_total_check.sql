-- Mart: every total the document prints, beside the same total computed from the printed numbers it sums.
-- check_kind: 'line'    — a line's printed total vs the sum of its source rows;
--             'project' — «Всего по проекту» (all sources or one source) vs the sum over all lines;
--             'row_sum' — a row's printed «Всего» column vs the sum of the same row's year cells.
-- year is null for the «Всего» column. difference_mln_rub = printed − computed. Nothing is corrected.
-- gap_source: for a line total that disagrees with its sources, the line's source whose money equals
-- the gap (to a cent of rounding) — e.g. a line total printed without its extrabudgetary money.
-- n_parts: how many printed cells the computed total adds up; is_rounding: the difference is no more than
-- rounding each of them and the total to 0,01 explains (metric_settings.money_rounding_per_cell_mln_rub).
-- Sums of printed amounts are rounded to the cent: the exact decimal sum, without binary float noise.
create or replace view funding_total_check as
with funding_ as (select * from funding),
lines as (select * from funding_line),
sources as (select * from funding_ where source <> 'total'),
printed as (select * from funding_ where source = 'total'),
-- source money by line and year, and over all years (year null) to meet the «Всего» column
settings as (select * from metric_settings),
source_sums as (
    select passport_id, section, budget_line_code, source, year, sum(amount_mln_rub) as amount_mln_rub,
           count(*) as n_parts
    from sources group by all
    union all
    select passport_id, section, budget_line_code, source, null, sum(amount_mln_rub), count(*)
    from sources group by all
),
line_sums as (
    select passport_id, section, budget_line_code, year, sum(amount_mln_rub) as amount_mln_rub,
           sum(n_parts) as n_parts
    from source_sums group by all
),
line_checks as (
    select p.passport_id, p.section, 'line' as check_kind, p.budget_line_code as line_code, 'all' as source,
           p.year, p.amount_mln_rub as printed_mln_rub, coalesce(s.amount_mln_rub, 0) as computed_mln_rub,
           coalesce(s.n_parts, 0) as n_parts, p.seq, p.line
    from printed p
    left join line_sums s
        on s.passport_id = p.passport_id and s.section = p.section and s.budget_line_code = p.budget_line_code
        and s.year is not distinct from p.year
    where p.line_code = p.budget_line_code and p.line_code <> 'Всего' and p.total_of = 'all'
),
line_gaps as (
    select c.*, (
        select min(s.source) from source_sums s
        where s.passport_id = c.passport_id and s.section = c.section and s.budget_line_code = c.line_code
          and s.year is not distinct from c.year and s.amount_mln_rub > st.money_match_mln_rub
          and abs(s.amount_mln_rub - (c.computed_mln_rub - c.printed_mln_rub)) < st.money_gap_mln_rub
    ) as gap_source
    from line_checks c, settings st
),
project_sums as (
    select passport_id, section, source, year, sum(amount_mln_rub) as amount_mln_rub, sum(n_parts) as n_parts
    from source_sums group by all
    union all
    select passport_id, section, 'all', year, sum(amount_mln_rub), sum(n_parts)
    from source_sums group by all
),
project_checks as (
    select p.passport_id, p.section, 'project', 'Всего', p.total_of, p.year, p.amount_mln_rub,
           coalesce(s.amount_mln_rub, 0), coalesce(s.n_parts, 0), p.seq, p.line, null as gap_source
    from printed p
    left join project_sums s
        on s.passport_id = p.passport_id and s.section = p.section and s.source = p.total_of
        and s.year is not distinct from p.year
    where p.line_code = 'Всего'
),
-- a row's own year cells: source rows keep their source, total rows are source 'total'
row_years as (
    select passport_id, section, seq, sum(amount_mln_rub) as amount_mln_rub, count(*) as n_parts
    from funding_ where year is not null group by all
),
row_checks as (
    select p.passport_id, p.section, 'row_sum', p.budget_line_code, p.total_of, null, p.amount_mln_rub,
           coalesce(r.amount_mln_rub, 0), coalesce(r.n_parts, 0), p.seq, p.line, null
    from printed p
    left join row_years r using (passport_id, section, seq)
    where p.year is null
),
checks as (
    select * from line_gaps
    union all select * from project_checks
    union all select * from row_checks
),
final as (
    select c.passport_id, c.section, c.check_kind, c.line_code,
           case when c.line_code = 'Всего' then 'Всего по проекту' else l.line_name end as line_name,
           c.source, c.year, c.printed_mln_rub, round(c.computed_mln_rub, 2) as computed_mln_rub,
           -- + 0.0 turns a rounded -0.0 into 0.0
           round(c.printed_mln_rub - c.computed_mln_rub, 2) + 0.0 as difference_mln_rub,
           abs(c.printed_mln_rub - c.computed_mln_rub) < st.money_match_mln_rub as is_match,
           case when abs(c.printed_mln_rub - c.computed_mln_rub) >= st.money_match_mln_rub then c.gap_source
           end as gap_source,
           c.seq, c.line, c.n_parts,
           abs(c.printed_mln_rub - c.computed_mln_rub)
               <= (c.n_parts + 1) * st.money_rounding_per_cell_mln_rub + 1e-9 as is_rounding
    from checks c
    cross join settings st
    left join lines l on l.passport_id = c.passport_id and l.section = c.section and l.line_code = c.line_code
)
select * from final;
