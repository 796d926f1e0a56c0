-- Mart: participants, one row per person named (names normalised to «Фамилия И.О.»).
create or replace view participant as
with src as (select * from stg_participant),
final as (
    select passport_id, block, role, person, position, supervisor, workload_pct, person_printed, number,
           seq, line
    from src
)
select * from final;
