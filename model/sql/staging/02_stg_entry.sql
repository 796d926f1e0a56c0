-- Register records entered by users beside the facts: risks, dated events, measures of the user's own. A copy of
-- the facts store's entry table; payload is the record as JSON (its fields depend on kind, see facts/registers.py).
create table stg_entry (
    passport_id varchar not null, kind varchar not null, entry_id varchar not null, payload varchar not null,
    entered_by varchar, entered_at timestamp, first_entered_at timestamp
);
