-- Mart: results of section 3.
create or replace view result as
with src as (select * from stg_result),
final as (
    select passport_id, result_code, code_printed, parent_code, result_text, deadline, deadline_printed,
           federal_result, characteristic, seq, line
    from src
)
select * from final;
