-- Plan against fact as of today with the default thresholds.
create or replace view plan_fact as
select * from plan_fact_asof(current_date, null, null);
