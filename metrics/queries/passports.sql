-- Every passport: id, territory, level, in id order.
select passport_id, territory, level, title from passport order by passport_id
