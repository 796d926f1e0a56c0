-- The facts store on SQLite: facts, register records, the audit log, accounts and their log, settings.
-- Run in one transaction by store/sqlite.py (a reader in another process sees no tables or all of them).
create table if not exists fact (
    passport_id text not null, kind text not null, section text not null default '', code text not null,
    measure text not null default '', year integer not null default 0, reporting_date text not null,
    is_example integer not null default 0,
    fact_value real, fact_date text, fact_status text, comment text, source text, reason text, measures text,
    entered_by text, entered_at text not null, first_entered_at text not null,
    primary key (passport_id, kind, section, code, measure, year, reporting_date, is_example)
);
create table if not exists entry (
    passport_id text not null, kind text not null, entry_id text not null, payload text not null,
    entered_by text, entered_at text not null, first_entered_at text not null,
    primary key (passport_id, kind, entry_id)
);
create table if not exists audit (
    audit_id integer primary key autoincrement, batch_id text not null, action text not null,
    at text not null, who text not null, passport_id text not null, kind text not null, section text not null,
    code text not null, measure text not null, year integer not null, reporting_date text,
    is_example integer not null, old_json text, new_json text, source text, note text
);
create index if not exists audit_batch on audit(batch_id);
create table if not exists meta (key text primary key, value integer not null);
insert or ignore into meta values ('version', 0);
create table if not exists account (
    login text primary key, name text not null default '', role text not null, passports text not null default '[]',
    password_hash text not null, active integer not null default 1, failures integer not null default 0,
    locked_until text, token_version integer not null default 0, created_at text not null, changed_at text not null
);
create table if not exists account_event (
    event_id integer primary key autoincrement, at text not null, login text not null, event text not null,
    by_whom text not null, detail text
);
create table if not exists setting (key text primary key, value text not null);
