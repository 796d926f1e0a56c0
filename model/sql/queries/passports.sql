-- Every passport: id, territory, level, title, time zone and region, in id order.
select passport_id, territory, level, title, timezone, region, region_code from passport order by passport_id
