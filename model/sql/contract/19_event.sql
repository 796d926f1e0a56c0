-- Mart: dated events users recorded per passport and topic (an IT-куб opened in Белогорск): what, where, when,
-- with a source. Stored as JSON payloads (facts/registers.py).
create or replace view event as
with src as (
    select passport_id, entry_id, payload, entered_by, entered_at from stg_entry where kind = 'event'
),
final as (
    select passport_id, entry_id as event_id,
        json_extract_string(payload, '$.title') as title,
        json_extract_string(payload, '$.place') as place,
        cast(json_extract_string(payload, '$.day') as date) as event_date,
        json_extract_string(payload, '$.topic') as topic,
        json_extract_string(payload, '$.source') as source,
        json_extract_string(payload, '$.comment') as comment,
        coalesce(cast(json_extract(payload, '$.is_example') as boolean), false) as is_example,
        entered_by, entered_at
    from src
)
select * from final;
