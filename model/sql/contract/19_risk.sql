-- Mart: the risk register of each passport, as users entered it (facts/registers.py, stored as JSON payloads).
-- score = probability × impact, each 1 (низкая) to 3 (высокая); rating: high from metric_settings.risk_high_score,
-- medium from risk_medium_score, low below. is_open: not «закрыт» and not «наступил».
create or replace view risk as
with src as (
    select passport_id, entry_id, payload, entered_by, entered_at, first_entered_at
    from stg_entry where kind = 'risk'
),
fields as (
    select passport_id, entry_id as risk_id,
        json_extract_string(payload, '$.title') as title,
        json_extract_string(payload, '$.probability') as probability,
        json_extract_string(payload, '$.impact') as impact,
        json_extract_string(payload, '$.owner') as owner,
        json_extract_string(payload, '$.measures') as measures,
        coalesce(json_extract_string(payload, '$.status'), 'open') as status,
        cast(json_extract_string(payload, '$.identified') as date) as identified_on,
        cast(json_extract_string(payload, '$.due') as date) as due_on,
        json_extract_string(payload, '$.topic') as topic,
        coalesce(cast(json_extract(payload, '$.is_example') as boolean), false) as is_example,
        entered_by, entered_at, first_entered_at
    from src
),
scored as (
    select f.*,
        (p.ord + 1) * (i.ord + 1) as score,
        p.label as probability_label, i.label as impact_label, st.label as status_label,
        f.status not in ('closed', 'happened') as is_open
    from fields f
    left join vocab_term p on p.vocabulary = 'risk_level' and p.code = f.probability
    left join vocab_term i on i.vocabulary = 'risk_level' and i.code = f.impact
    left join vocab_term st on st.vocabulary = 'risk_status' and st.code = f.status
),
final as (
    select s.*,
        case when s.score >= m.risk_high_score then 'high'
             when s.score >= m.risk_medium_score then 'medium' else 'low' end as rating
    from scored s cross join metric_settings m
)
select * from final;
