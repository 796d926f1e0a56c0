-- Mart: measures users keep beside a passport's plans (what the passport lacks: equipped organisations, units of
-- equipment), with their optional target — «цель пользователя», never a plan of the passport.
-- accumulates: level when the user marked the measure «нарастающим итогом», else flow.
create or replace view user_measure as
with src as (
    select passport_id, entry_id, payload from stg_entry where kind = 'user_measure'
),
final as (
    select passport_id, entry_id as code,
        json_extract_string(payload, '$.name') as name,
        json_extract_string(payload, '$.unit') as unit,
        coalesce(json_extract_string(payload, '$.direction'), 'up') as direction,
        case when coalesce(cast(json_extract(payload, '$.cumulative') as boolean), false) then 'level'
             else 'flow' end as accumulates,
        json_extract_string(payload, '$.topic') as topic,
        cast(json_extract(payload, '$.target') as double) as user_target,
        cast(json_extract(payload, '$.target_year') as integer) as target_year,
        coalesce(cast(json_extract(payload, '$.is_example') as boolean), false) as is_example,
        row_number() over (partition by passport_id order by try_cast(split_part(entry_id, '-', 2) as integer),
                                                          entry_id) as seq
    from src
)
select * from final;
