-- Every printed row of the indicator table of the chosen passports, in document order, with how many years it
-- plans; is_heading: printed without any plan value (a federal indicator above its regional row, a goal line).
-- $passport_ids
with plans as (
    select passport_id, indicator_code, count(plan_value) as plan_years,
           count(*) filter (where plan_value is null and plan_printed is not null) as printed_only_years
    from indicator_plan group by all
),
final as (
    select i.passport_id, i.indicator_code, i.code_printed, i.parent_code, p_.indicator_name as parent_name,
           i.indicator_name, i.full_name, i.indicator_type, i.unit, i.direction, i.base_value, i.base_date,
           i.base_date_printed, i.topic, i.role, coalesce(p.plan_years, 0) as plan_years,
           coalesce(p.printed_only_years, 0) as printed_only_years,
           coalesce(p.plan_years, 0) = 0 as is_heading, i.seq, i.line
    from indicator i
    left join plans p using (passport_id, indicator_code)
    left join indicator p_ on p_.passport_id = i.passport_id and p_.indicator_code = i.parent_code
    where list_contains($passport_ids, i.passport_id)
)
select * from final order by passport_id, seq
