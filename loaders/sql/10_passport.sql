-- Mart: one row per passport with its period and people.
create or replace view passport as
with src as (select * from stg_passport),
final as (
    select passport_id, level, territory, title, start_date, end_date, short_title, national_project,
           period_printed, curator, curator_position, head, head_position, administrator,
           administrator_position, state_programme, approved, goal, source_file, timezone
    from src
)
select * from final;
