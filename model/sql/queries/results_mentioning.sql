-- Results of the chosen passports that state no quantity of one topic but whose text holds every one of the
-- words (case-insensitive): what a passport promises without a number (e.g. the retraining of managers).
-- $passport_ids, $topic, $words
with results as (select * from result where list_contains($passport_ids, passport_id)),
with_targets as (select distinct passport_id, result_code from result_target where topic = $topic),
final as (
    select r.passport_id, r.result_code, r.deadline, r.deadline_printed, r.result_text, r.seq, r.line
    from results r
    anti join with_targets t using (passport_id, result_code)
    where len($words) > 0 and len(list_filter($words, lambda w: r.result_text not ilike '%' || w || '%')) = 0
)
select * from final order by passport_id, seq
