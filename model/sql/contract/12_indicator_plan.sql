-- Mart: one row per indicator and printed year (plan_value null where the cell is not a number).
create or replace view indicator_plan as
with plans as (select * from stg_indicator_plan),
indicators as (select * from stg_indicator),
final as (
    select p.passport_id, p.indicator_code, i.indicator_name, i.unit, p.year, p.plan_value,
           p.plan_printed, i.indicator_type, i.direction, i.seq as indicator_seq, i.topic, i.role, i.series,
           i.accumulates
    from plans p
    join indicators i using (passport_id, indicator_code)
)
select * from final;
