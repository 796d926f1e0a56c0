-- Mart: quantitative targets pulled out of the result texts, one row per result, measure and year.
-- topic and role say what a target is about; quoted_level is federal | regional for a target of the level above
-- (from the measure, vocab_measure) and null for the passport's own.
-- quoted_from: the text the quote was taken from — text, characteristic, federal_result or federal_characteristic.
create or replace view result_target as
with targets as (select * from stg_result_target),
results as (select * from stg_result),
measures as (select * from vocab_measure),
final as (
    select t.passport_id, t.result_code, r.deadline, t.measure, t.year, t.target_value, t.is_cumulative,
           t.quote, r.result_text, t.seq, t.topic, t.role, t.series, t.accumulates, m.quoted as quoted_level,
           m.unit,
           -- the first text that holds the quote word for word (a quote printed twice is the text's)
           case when contains(r.result_text, t.quote) then 'text'
                when contains(r.characteristic, t.quote) then 'characteristic'
                when contains(r.federal_result, t.quote) then 'federal_result'
                when contains(r.federal_characteristic, t.quote) then 'federal_characteristic'
           end as quoted_from
    from targets t
    join results r using (passport_id, result_code)
    left join measures m using (measure)
)
select * from final;
