-- Mart: participants, one row per person named (names normalised to «Фамилия И.О.»).
create or replace view participant as
with src as (select * from stg_participant),
final as (
    select passport_id, block, role, person, position, supervisor, workload_pct, person_printed, number,
           seq, line
    from src
)
select * from final;

-- Mart: the plan of activities and control points, one row per printed row (duplicate codes kept).
create or replace view activity as
with src as (select * from stg_activity),
final as (
    select passport_id, code, name, start_date, end_date, responsible, document, control_level,
           activity_key, kind, result_code, start_printed, end_printed, code_printed, seq, line
    from src
)
select * from final;

-- Mart: each person responsible for an activity (normalised names).
create or replace view activity_person as
select passport_id, activity_key, person from stg_activity_person;

-- Mart: methodology of indicators (Приложение № 2).
create or replace view methodology as
select passport_id, number, indicator_name, method, base_indicators, data_source, responsible, aggregation,
       timing, extra, seq, line
from stg_methodology;
