-- The facts store on SQLite: facts, register records, the audit log, accounts, their sessions and sign-in
-- attempts, and the accounts' log. Run in one transaction by store/sqlite.py (a reader in another process sees no
-- tables or all of them). The key that signs sign-in tokens is never kept here (accounts/keys.py).
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
-- origin: where a batch came from («приложение (адрес)», «командная строка (пользователь@машина)»)
create table if not exists audit (
    audit_id integer primary key autoincrement, batch_id text not null, action text not null,
    at text not null, who text not null, passport_id text not null, kind text not null, section text not null,
    code text not null, measure text not null, year integer not null, reporting_date text,
    is_example integer not null, old_json text, new_json text, source text, note text, origin text
);
create index if not exists audit_batch on audit(batch_id);
create table if not exists meta (key text primary key, value integer not null);
insert or ignore into meta values ('version', 0);
create table if not exists account (
    login text primary key, name text not null default '', role text not null, passports text not null default '[]',
    password_hash text not null, active integer not null default 1, email text,
    created_at text not null, changed_at text not null
);
create table if not exists account_event (
    event_id integer primary key autoincrement, at text not null, login text not null, event text not null,
    by_whom text not null, detail text, client text
);
-- a signed-in browser: only the hash of its random id is kept, so a copy of the store signs nobody in
create table if not exists session (
    session_hash text primary key, login text not null, created_at text not null, last_seen text not null,
    ended_at text, client text, ticket_hash text, ticket_expires text
);
create index if not exists session_login on session(login);
create index if not exists session_ticket on session(ticket_hash);
-- every checked password (right or wrong) with the client's address: the throttling counts them
create table if not exists sign_in_attempt (
    attempt_id integer primary key autoincrement, at text not null, login text not null, client text not null,
    ok integer not null, cleared integer not null default 0
);
create index if not exists sign_in_attempt_login on sign_in_attempt(login, at);
create index if not exists sign_in_attempt_client on sign_in_attempt(client, at);
-- a report as submitted: its document, frozen (later changes of facts do not alter it), addressed by its hash
create table if not exists report_document (
    document_hash text primary key, name text not null, mime text not null, content blob not null,
    created_at text not null
);
-- every message `python -m reports send-due` sent or tried, so that each goes once
create table if not exists mail_log (
    message_key text primary key, recipients text not null, subject text not null, outcome text not null,
    attempts integer not null default 1, first_at text not null, last_at text not null, detail text
);
