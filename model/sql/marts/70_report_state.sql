-- Mart: the report of each passport and period as users submitted, approved or returned it (facts/report_cycle.py,
-- stored as JSON payloads of kind 'report', numbered by the period's code «2024-12», «2024-Q4», «2024»).
create or replace view report_state as
with src as (
    select passport_id, entry_id as period_code, payload from stg_entry where kind = 'report'
),
final as (
    select passport_id, period_code,
        coalesce(json_extract_string(payload, '$.state'), 'draft') as state,
        json_extract_string(payload, '$.submitted_by') as submitted_by,
        cast(json_extract_string(payload, '$.submitted_at') as timestamp) as submitted_at,
        json_extract_string(payload, '$.decided_by') as decided_by,
        cast(json_extract_string(payload, '$.decided_at') as timestamp) as decided_at,
        json_extract_string(payload, '$.comment') as comment
    from src
)
select * from final;
