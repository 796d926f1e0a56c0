-- Mart: every indicator row as printed, with base value, topic and role (what it is about) and its series.
create or replace view indicator as
with src as (select * from stg_indicator),
final as (
    select passport_id, indicator_code, code_printed, parent_code, indicator_name, indicator_type, unit,
           direction, base_value, base_date, base_date_printed, seq, line, topic, role, series, accumulates
    from src
)
select * from final;
