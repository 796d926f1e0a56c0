-- Mart: results of section 3. Amur quotes beside each regional result the federal result it serves:
-- federal_result (its text), federal_characteristic and federal_line (the seed line of that federal row).
create or replace view result as
with src as (select * from stg_result),
final as (
    select passport_id, result_code, code_printed, parent_code, result_text, deadline, deadline_printed,
           federal_result, characteristic, seq, line, federal_characteristic, federal_line
    from src
)
select * from final;
