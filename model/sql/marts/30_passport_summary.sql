-- Mart: one line per passport for the overview: period, level and how much it holds.
create or replace view passport_summary as
with passports as (select * from passport),
indicators as (
    select passport_id, count(*) filter (where indicator_code is not null) as indicator_count
    from indicator group by 1
),
results as (
    select passport_id, count(*) filter (where result_code is not null) as result_count from result group by 1
),
activities as (
    select passport_id, count(*) as activity_count,
           count(*) filter (where kind = 'control_point') as control_point_count
    from activity group by 1
),
-- planned money: the section-4 source rows (what the project's money is by source)
money as (
    select passport_id, sum(amount_mln_rub) as funding_total_mln_rub
    from funding where section = 'passport' and source <> 'total' and year is not null group by 1
),
money_additional as (
    select passport_id, sum(amount_mln_rub) as funding_additional_mln_rub
    from funding where section = 'additional' and source <> 'total' and year is not null group by 1
),
-- the «Всего по проекту» the document prints (all years)
money_printed as (
    select passport_id, sum(amount_mln_rub) as funding_printed_total_mln_rub
    from funding where section = 'passport' and line_code = 'Всего' and total_of = 'all' and year is not null
    group by 1
),
final as (
    select p.passport_id, p.title, p.territory, p.level, p.start_date, p.end_date,
           coalesce(i.indicator_count, 0) as indicator_count, coalesce(r.result_count, 0) as result_count,
           coalesce(a.activity_count, 0) as activity_count, coalesce(a.control_point_count, 0) as control_point_count,
           coalesce(m.funding_total_mln_rub, 0) as funding_total_mln_rub,
           ma.funding_additional_mln_rub, mp.funding_printed_total_mln_rub
    from passports p
    left join indicators i using (passport_id)
    left join results r using (passport_id)
    left join activities a using (passport_id)
    left join money m using (passport_id)
    left join money_additional ma using (passport_id)
    left join money_printed mp using (passport_id)
)
select * from final order by passport_id;
