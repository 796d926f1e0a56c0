-- The passports a picker offers: of one region (all when $region is null) whose territory or region contains the
-- search text (any case; all when $search is null), regions first, then by name, at most $limit — and the passports
-- already chosen ($chosen), always; only those of $allowed when it is not null (a viewer's list).
-- $region, $search, $chosen, $limit, $allowed
with found as (
    select passport_id, territory, region, region_code, level from passport
    where ($region is null or region = $region)
      and ($allowed is null or list_contains($allowed::varchar[], passport_id))
      and ($search is null or strpos(lower(territory), lower($search)) > 0
           or strpos(lower(coalesce(region, '')), lower($search)) > 0)
    order by level = 'municipal', territory, passport_id
    limit $limit
),
chosen as (
    select passport_id, territory, region, region_code, level from passport
    where list_contains($chosen::varchar[], passport_id)
      and ($allowed is null or list_contains($allowed::varchar[], passport_id))
)
select * from chosen
union
select * from found
order by level = 'municipal', territory, passport_id
