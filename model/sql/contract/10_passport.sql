-- Mart: one row per passport with its period and people, and the region it belongs to (a region's own passport:
-- itself): region name and code of the subject of the Russian Federation.
create or replace view passport as
with src as (select * from stg_passport),
final as (
    select passport_id, level, territory, title, start_date, end_date, short_title, national_project,
           period_printed, curator, curator_position, head, head_position, administrator,
           administrator_position, state_programme, approved, goal, source_file, timezone, region, region_code
    from src
)
select * from final;
