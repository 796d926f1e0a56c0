-- Facts entered by users: a copy of the facts store (store/facts_store.py), one row per stored report.
-- The built file holds the facts as of the build; model.opening puts the live facts here when it opens it.
create table stg_fact (
    passport_id varchar not null, kind varchar not null, section varchar not null, code varchar not null,
    measure varchar not null, year integer not null, reporting_date date not null, is_example boolean not null,
    fact_value double, fact_date date, fact_status varchar, comment varchar, source varchar,
    reason varchar, measures varchar,
    entered_by varchar, entered_at timestamp, first_entered_at timestamp
);
