-- Mart: every indicator row as printed, with base value, topic and role (what it is about) and its series.
-- full_name: a sub-row printed as «- по программам …» is named with the row it details.
create or replace view indicator as
with src as (select * from stg_indicator),
final as (
    select s.passport_id, s.indicator_code, s.code_printed, s.parent_code, s.indicator_name, s.indicator_type,
           s.unit, s.direction, s.base_value, s.base_date, s.base_date_printed, s.seq, s.line, s.topic, s.role,
           s.series, s.accumulates,
           case when s.indicator_name like '-%' and p.indicator_name is not null
                then regexp_replace(p.indicator_name, '[, ]*процент$', '') || ' — ' || ltrim(s.indicator_name, '- ')
                else s.indicator_name end as full_name
    from src s
    left join src p on p.passport_id = s.passport_id and p.indicator_code = s.parent_code
)
select * from final;
