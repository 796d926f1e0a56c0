-- Plan against fact of every series of one topic (indicators of section 2 and the passport's own result targets
-- of section 3) for the chosen passports and years, as of a date. One row per passport, series and year.
-- $as_of, $passport_ids, $topic (null: every topic), $year_from, $year_to
with pf as (
    select * from plan_fact_asof($as_of, null, null, passport_ids := $passport_ids)
    where kind in ('indicator', 'result') and ($topic is null or topic = $topic)
      and list_contains($passport_ids, passport_id) and year between $year_from and $year_to
),
-- a series planned under two result codes in one year (Tomsk 2024: results 1 and 1.25, both 100 %) is one
-- point: the line with a fact, else the highest target; every code is listed
results as (
    select *,
        string_agg(code, ', ' order by seq) over (partition by passport_id, series, year) as codes,
        row_number() over (partition by passport_id, series, year
                           order by fact_value is null, plan_value desc, seq) as rn
    from pf where kind = 'result'
),
indicators as (
    select pf.*, pf.code as codes, 1 as rn from pf where kind = 'indicator'
),
points as (
    select * from indicators
    union all by name
    select * from results where rn = 1
),
names as (select passport_id, indicator_code, full_name from indicator),
final as (
    select pt.passport_id, pt.kind, pt.code, pt.codes, pt.measure, pt.series, pt.topic, pt.role, pt.accumulates,
           pt.unit, pt.year, pt.plan_value, pt.fact_value, pt.achievement_pct, pt.deviation, pt.status,
           pt.status_code, coalesce(pt.is_example, false) as is_example, pt.fact_source, pt.fact_comment,
           pt.forecast_value, pt.forecast_short, pt.is_year_in_progress, pt.is_cumulative, pt.seq,
           coalesce(n.full_name, m.label, pt.name) as series_name, pt.name as printed_name
    from points pt
    left join names n on pt.kind = 'indicator' and n.passport_id = pt.passport_id and n.indicator_code = pt.code
    left join vocab_measure m on pt.kind = 'result' and m.measure = pt.measure
)
select * from final order by passport_id, kind, seq, year
