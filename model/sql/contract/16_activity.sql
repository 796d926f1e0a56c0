-- Mart: the plan of activities and control points, one row per printed row (duplicate codes kept).
-- delivers_stated: a block (kind result) says which section-3 results it delivers (activity_delivers).
create or replace view activity as
with src as (select * from stg_activity),
final as (
    select passport_id, code, name, start_date, end_date, responsible, document, control_level,
           activity_key, kind, result_code, start_printed, end_printed, code_printed, seq, line, delivers_stated
    from src
)
select * from final;
