-- The plan of activities as of today.
create or replace view activity_status as
select * from activity_status_asof(current_date);
