-- A store of layout 4 (the first PostgreSQL release) to layout 5: the signing key leaves the store (the setting
-- table goes), sign-in throttling replaces the lock (its columns go), tokens name a session kept here, the
-- journal says where a batch came from, accounts get an e-mail address. Idempotent.
drop table if exists setting;
alter table account drop column if exists failures;
alter table account drop column if exists locked_until;
alter table account drop column if exists token_version;
alter table account add column if not exists email text;
alter table account_event add column if not exists client text;
alter table audit add column if not exists origin text;
