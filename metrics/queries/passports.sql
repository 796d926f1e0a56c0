-- Every passport: id, territory, level, title and time zone, in id order.
select passport_id, territory, level, title, timezone from passport order by passport_id
