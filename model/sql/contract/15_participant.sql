-- Mart: participants, one row per person named (names normalised to «Фамилия И.О.»).
-- number is № п/п without its trailing dot, number_printed as printed; block_line is the seed line of the block's
-- heading; supervisor_person the supervisor named in the cell, normalised the same way.
create or replace view participant as
with src as (select * from stg_participant),
final as (
    select passport_id, block, role, person, position, supervisor, workload_pct, person_printed, number,
           seq, line, number_printed, block_line, supervisor_person
    from src
)
select * from final;
