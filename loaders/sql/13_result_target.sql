-- Mart: quantitative targets pulled out of the result texts, one row per result, measure and year.
-- topic and role say what a target is about; quoted_level is federal | regional for a target of the level above
-- (from the measure, vocab_measure) and null for the passport's own.
create or replace view result_target as
with targets as (select * from stg_result_target),
results as (select * from stg_result),
measures as (select * from vocab_measure),
final as (
    select t.passport_id, t.result_code, r.deadline, t.measure, t.year, t.target_value, t.is_cumulative,
           t.quote, r.result_text, t.seq, t.topic, t.role, t.series, t.accumulates, m.quoted as quoted_level,
           m.unit
    from targets t
    join results r using (passport_id, result_code)
    left join measures m using (measure)
)
select * from final;
