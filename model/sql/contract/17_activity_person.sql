-- Mart: each person responsible for an activity (normalised names).
create or replace view activity_person as
select passport_id, activity_key, person from stg_activity_person;
