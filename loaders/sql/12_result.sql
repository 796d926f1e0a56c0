-- Mart: results of section 3.
create or replace view result as
with src as (select * from stg_result),
final as (
    select passport_id, result_code, code_printed, parent_code, result_text, deadline, deadline_printed,
           federal_result, characteristic, seq, line
    from src
)
select * from final;

-- Mart: quantitative targets pulled out of the result texts, one row per result, measure and year.
create or replace view result_target as
with targets as (select * from stg_result_target),
results as (select * from stg_result),
final as (
    select t.passport_id, t.result_code, r.deadline, t.measure, t.year, t.target_value, t.is_cumulative,
           t.quote, r.result_text, t.seq
    from targets t
    join results r using (passport_id, result_code)
)
select * from final;
