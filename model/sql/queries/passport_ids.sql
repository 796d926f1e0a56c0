-- Every passport's id, in order (for checking an id a user typed).
select passport_id from passport order by passport_id
