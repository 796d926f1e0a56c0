-- Staging tables: one per kind of record in data/passports/<id>/*.yaml.
-- Only renamed, cast and converted (dates parsed, numbers as DOUBLE); filled by model.build.
create table stg_passport (
    passport_id varchar primary key, level varchar not null, territory varchar not null, title varchar not null,
    short_title varchar, national_project varchar, period_printed varchar,
    start_date date not null, end_date date not null,
    curator varchar, curator_position varchar, head varchar, head_position varchar,
    administrator varchar, administrator_position varchar,
    state_programme varchar, approved varchar, goal varchar, source_file varchar, line integer,
    timezone varchar not null, region varchar, region_code varchar
);
create table stg_indicator (
    passport_id varchar not null, indicator_code varchar, code_printed varchar, parent_code varchar,
    indicator_name varchar not null, indicator_type varchar, unit varchar, direction varchar not null,
    base_value double, base_date_printed varchar, base_date date, seq integer not null, line integer,
    topic varchar, role varchar, series varchar, accumulates varchar
);
create table stg_indicator_plan (
    passport_id varchar not null, indicator_code varchar not null, year integer not null,
    plan_value double, plan_printed varchar
);
create table stg_indicator_year (passport_id varchar not null, year integer not null);
create table stg_result (
    passport_id varchar not null, result_code varchar, code_printed varchar, parent_code varchar,
    federal_result varchar, result_text varchar not null, deadline date, deadline_printed varchar,
    characteristic varchar, seq integer not null, line integer, federal_characteristic varchar, federal_line integer
);
create table stg_result_target (
    passport_id varchar not null, result_code varchar not null, measure varchar not null, year integer not null,
    target_value double not null, is_cumulative boolean not null, quote varchar, seq integer not null,
    topic varchar not null, role varchar not null, series varchar not null, accumulates varchar not null
);
create table stg_funding_row (
    passport_id varchar not null, section varchar not null, seq integer not null, line_code varchar,
    parent_line_code varchar, line_name varchar not null, role varchar not null, source varchar, detail varchar,
    kbk varchar, total_printed double, markers varchar, line integer
);
create table stg_funding_amount (
    passport_id varchar not null, section varchar not null, seq integer not null, year integer not null,
    amount_mln_rub double not null
);
create table stg_funding_year (passport_id varchar not null, section varchar not null, year integer not null);
create table stg_participant (
    passport_id varchar not null, seq integer not null, number varchar, block varchar, role varchar not null,
    person_printed varchar not null, person varchar not null, position varchar, supervisor varchar,
    workload_pct double, workload_printed varchar, line integer, number_printed varchar, block_line integer,
    supervisor_person varchar
);
create table stg_activity (
    passport_id varchar not null, seq integer not null, activity_key varchar not null, code varchar not null,
    code_printed varchar, kind varchar not null, result_code varchar, name varchar not null,
    start_printed varchar, end_printed varchar, start_date date, end_date date,
    responsible varchar, document varchar, control_level varchar, line integer, delivers_stated boolean not null
);
create table stg_activity_delivers (
    passport_id varchar not null, seq integer not null, activity_key varchar not null, result_code varchar not null,
    result_line integer not null, ord integer not null
);
create table stg_activity_person (
    passport_id varchar not null, seq integer not null, activity_key varchar not null, person varchar not null
);
create table stg_methodology (
    passport_id varchar not null, seq integer not null, number varchar, indicator_name varchar, method varchar,
    base_indicators varchar, data_source varchar, responsible varchar, aggregation varchar, timing varchar,
    extra varchar, line integer
);
