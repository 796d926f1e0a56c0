-- Mart: the fact that counts for each target — the newest report; a user's real fact wins over an example.
-- The facts store keeps every report (one per reporting date); this view keeps one per target.
create or replace view fact as
with src as (select * from stg_fact),
ranked as (
    select *, row_number() over (
        partition by passport_id, kind, section, code, measure, year
        order by is_example asc, reporting_date desc) as rn
    from src
),
final as (
    select passport_id, kind, section, code, measure, year, fact_value, fact_date, fact_status, comment,
           source, is_example, entered_by, entered_at, reporting_date, first_entered_at, reason, measures
    from ranked where rn = 1
)
select * from final;
