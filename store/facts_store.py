"""The facts store: facts, the registers beside them (risks, events, the user's own measures), an audit log and
undo, and the accounts — one API over either backend (`store.sqlite`, `store.postgres`).

Facts live apart from data/cos.duckdb so that rebuilding plans never touches them and so that `import-facts` can
write while the app is running. Every save is one transaction: a crash or kill leaves the previous state intact.
Reading never takes the write lock. `store.location.open_store()` gives the configured store.

Writers are few and named (tests/architecture checks it): facts and registers change only through
`facts.service.FactsService` (`apply`, `restore`), accounts only through `accounts.accounts` — the places that
check rights, name the author and audit.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from domain.keys import FACT_KEY_FIELDS, FactKey
from domain.vocabulary import ENTRY_ID_PREFIX
from store.backend import Backend, Connection, Writing
from store.records import (
    AUDIT_FIELDS,
    COPY_FIELDS,
    ENTRY_FIELDS,
    FACT_FIELDS,
    KEY_COLUMNS,
    MAIL_FIELDS,
    VALUE_FIELDS,
    AccountEvent,
    AccountRow,
    Change,
    Document,
    EntryChange,
    EntryRef,
    FactChange,
    FactValue,
    MailRecord,
    SessionRow,
    StoreError,
    key_from_row,
    key_params,
    payload_from_json,
    payload_json,
    value_from_json,
    value_json,
)
from store.sqlite import SqliteBackend

_ACCOUNT_COLUMNS = "login, name, role, passports, active, password_hash, email"

def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


class FactStore:
    """Facts, registers, the audit log and the accounts of one store (a SQLite file or a PostgreSQL database)."""

    def __init__(self, backend: Backend | Path | str):
        """A store over a backend; a path is a SQLite file (`store.location.open_store` reads the configuration)."""
        self.backend = backend if hasattr(backend, "writer") else SqliteBackend(Path(backend))

    @property
    def identity(self) -> str:
        """A stable name of the store that holds no secret: the file's path, or the server's address with its
        password masked. Safe to show, log and use as a cache key."""
        return self.backend.identity

    @property
    def path(self):
        """The SQLite file (None for a server store)."""
        return getattr(self.backend, "path", None)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.identity!r})"

    def close(self) -> None:
        """Let go of idle connections."""
        self.backend.close()

    def _frame(self, sql: str, params: list, columns: Iterable[str]) -> pd.DataFrame:
        with self.backend.reader() as con:
            if con is None:
                return pd.DataFrame(columns=list(columns))
            return pd.DataFrame(con.execute(sql, params).fetchall(), columns=list(columns))

    # ---- reading -------------------------------------------------------------------------------
    def version(self) -> int:
        """A counter that grows with every save: cheap to poll for changes made by other processes."""
        with self.backend.reader() as con:
            if con is None:
                return 0
            row = con.execute("select value from meta where key = 'version'").fetchone()
            return int(row[0]) if row else 0

    def facts(self) -> pd.DataFrame:
        """Every stored fact (real and example) as a DataFrame."""
        sql = f"select {', '.join(FACT_FIELDS)} from fact order by {KEY_COLUMNS}"  # noqa: S608 - columns from code
        return self._frame(sql, [], FACT_FIELDS)

    def as_stg_fact(self) -> pd.DataFrame:
        """Facts shaped as DuckDB's stg_fact table."""
        df = self.facts()
        df["is_example"] = df["is_example"].astype(bool)
        df["fact_value"] = pd.to_numeric(df["fact_value"])
        for col in ("fact_date", "reporting_date"):
            df[col] = pd.to_datetime(df[col], errors="coerce").dt.date
        for col in ("entered_at", "first_entered_at"):
            df[col] = pd.to_datetime(df[col], errors="coerce")
        return df

    def as_stg_entry(self) -> pd.DataFrame:
        """Register records shaped as DuckDB's stg_entry table."""
        df = self.entries()
        for col in ("entered_at", "first_entered_at"):
            df[col] = pd.to_datetime(df[col], errors="coerce")
        return df

    def entries(self, kind: str | None = None) -> pd.DataFrame:
        """Register records (risks, events, the user's measures), payload as JSON text."""
        sql = (f"select {', '.join(ENTRY_FIELDS)} from entry "  # noqa: S608 - columns from code
               "where (cast(? as text) is null or kind = ?) order by passport_id, kind, first_entered_at, entry_id")
        return self._frame(sql, [kind, kind], ENTRY_FIELDS)

    def records(self, kind: str, passport_id: str | None = None) -> list[tuple[EntryRef, dict]]:
        """The stored records of a register (of one passport, or all), oldest first."""
        stored = self.entries(kind)
        if passport_id is not None:
            stored = stored[stored["passport_id"] == passport_id]
        return [(EntryRef(r.passport_id, r.kind, r.entry_id), json.loads(r.payload)) for r in stored.itertuples()]

    def entry(self, ref: EntryRef) -> dict | None:
        """The payload of one record (None when there is none)."""
        with self.backend.reader() as con:
            return None if con is None else _read_entry(con, ref)

    def audit_log(self, limit: int = 1000) -> pd.DataFrame:
        """The newest changes first: who, when, what, old and new value, source."""
        sql = f"select {', '.join(AUDIT_FIELDS)} from audit order by audit_id desc limit ?"  # noqa: S608
        return self._frame(sql, [limit], AUDIT_FIELDS)

    def rows(self) -> tuple[int, dict[str, list[tuple]]]:
        """The version and every row of the store (facts, registers, the audit log in order): a copy to restore in
        another store. Refused when the store changed while it was read (a save in between): repeat it."""
        version = self.version()
        with self.backend.reader() as con:
            rows = {table: [] if con is None else [tuple(r) for r in con.execute(
                f"select {', '.join(cols)} from {table} order by {', '.join(cols[:8])}").fetchall()]  # noqa: S608
                for table, cols in COPY_FIELDS.items()}
        if self.version() != version:
            raise StoreError(self.identity, "во время копирования в хранилище сохраняли изменения: повторите")
        return version, rows

    def batch(self, batch_id: str) -> list[tuple[FactKey, FactValue | None, FactValue | None]]:
        """The fact changes of one batch, newest first: (key, old value, new value)."""
        with self.backend.reader() as con:
            if con is None:
                return []
            rows = con.execute(
                f"select {KEY_COLUMNS}, old_json, new_json from audit where batch_id = ? "  # noqa: S608
                "and reporting_date is not null order by audit_id desc", [batch_id]).fetchall()
        return [(key_from_row(r[:8]), value_from_json(r[8]), value_from_json(r[9])) for r in rows]

    def batch_entries(self, batch_id: str) -> list[tuple[EntryRef, dict | None, dict | None]]:
        """The register changes of one batch, newest first: (record, old payload, new payload)."""
        with self.backend.reader() as con:
            if con is None:
                return []
            rows = con.execute(
                "select passport_id, kind, code, old_json, new_json from audit where batch_id = ? "
                "and reporting_date is null order by audit_id desc", [batch_id]).fetchall()
        return [(EntryRef(*r[:3]), payload_from_json(r[3]), payload_from_json(r[4])) for r in rows]

    def get(self, keys: Iterable[FactKey]) -> dict[FactKey, FactValue]:
        """Current values of the given keys (absent keys are left out)."""
        keys = list(keys)
        with self.backend.reader() as con:
            if con is None or not keys:
                return {}
            found = self.backend.values(con, keys)
        return {k: found[k] for k in keys if k in found}

    def latest(self, key: FactKey) -> tuple[FactKey, FactValue] | None:
        """The newest report of the same target (any reporting date) and its key."""
        with self.backend.reader() as con:
            if con is None:
                return None
            where = " and ".join(f"{c} = ?" for c in FACT_KEY_FIELDS if c != "reporting_date")
            params = [p for c, p in zip(FACT_KEY_FIELDS, key_params(key.with_reporting_date(date.min)), strict=True)
                      if c != "reporting_date"]
            row = con.execute(
                f"select {KEY_COLUMNS}, {', '.join(VALUE_FIELDS)} from fact where {where} "  # noqa: S608
                "order by reporting_date desc limit 1", params).fetchone()
        return None if row is None else (key_from_row(row[:8]), FactValue(*row[8:]))

    # ---- writing facts and registers (facts.service only) ------------------------------------------
    def apply(self, changes: list[Change], who: str, note: str | None = None, action: str = "save",
              origin: str | None = None, documents: Iterable[Document] = ()) -> str:
        """Apply all changes in one transaction, auditing each; returns the batch id.

        Each change is written per key, so two sessions saving different facts at once both
        keep their changes; the later of two writes to the same fact wins and both are audited.
        The day a fact was first entered is kept (first_entered_at) through later corrections. `origin` says where
        the batch came from («приложение», «командная строка (пользователь@машина)»); `documents` (a report's
        frozen files) are kept in the same transaction, once per content.
        """
        batch = uuid.uuid4().hex[:12]
        at = _now()
        keys = [c.key for c in changes if isinstance(c, FactChange)]
        with self.backend.writer(keys) as writing:
            for doc in documents:
                writing.con.execute(
                    "insert into report_document (document_hash, name, mime, content, created_at) values "
                    "(?, ?, ?, ?, ?) on conflict (document_hash) do nothing",
                    [doc.document_hash, doc.name, doc.mime, doc.content, at])
            for ch in changes:
                if isinstance(ch, EntryChange):
                    _write_entry(writing.con, ch, Batch(batch, action, at, who, note, origin))
                else:
                    _write_fact(writing, ch, Batch(batch, action, at, who, note, origin))
            writing.con.execute("update meta set value = value + 1 where key = 'version'")
        return batch

    def restore(self, version: int, rows: dict[str, list[tuple]]) -> None:
        """Fill an empty store with a copy of another (`rows()`), in one transaction: the audit log keeps its
        numbers, so undo and register numbering go on as before; the version moves past the copy's. (The facts
        service's `copy_from` calls this: the values were checked when they were first entered.)"""
        with self.backend.writer([]) as writing:
            con = writing.con
            if any(con.execute(f"select 1 from {t} limit 1").fetchone() for t in COPY_FIELDS):  # noqa: S608
                raise StoreError(self.identity, "здесь уже есть факты, реестры или журнал: копировать можно только "
                                                "в пустое хранилище")
            for table, cols in COPY_FIELDS.items():
                marks = ", ".join("?" * len(cols))
                con.executemany(f"insert into {table} ({', '.join(cols)}) {self.backend.keep_ids(table)}"  # noqa: S608
                                f"values ({marks})", rows[table])
            self.backend.after_restore(con)
            con.execute("update meta set value = ? where key = 'version'", [version + 1])

    def document(self, document_hash: str) -> Document | None:
        """A kept file by its hash (None when there is none)."""
        with self.backend.reader() as con:
            row = None if con is None else con.execute(
                "select document_hash, name, mime, content from report_document where document_hash = ?",
                [document_hash]).fetchone()
        return None if row is None else Document(row[0], row[1], row[2], bytes(row[3]))

    def entry_history(self, ref: EntryRef) -> pd.DataFrame:
        """Every audited change of one record, oldest first: batch, action, when, who, origin, note, old and new
        payload."""
        cols = ["audit_id", "batch_id", "action", "at", "who", "origin", "note", "old_json", "new_json"]
        sql = (f"select {', '.join(cols)} from audit where passport_id = ? and kind = ? and code = ? "  # noqa: S608
               "and reporting_date is null order by audit_id")
        return self._frame(sql, [ref.passport_id, ref.kind, ref.entry_id], cols)

    def mail_record(self, message_key: str) -> MailRecord | None:
        """What became of a message (None: never tried)."""
        with self.backend.reader() as con:
            row = None if con is None else con.execute(
                f"select {', '.join(MAIL_FIELDS)} from mail_log where message_key = ?",  # noqa: S608
                [message_key]).fetchone()
        return None if row is None else MailRecord(*row)

    def record_mail(self, record: MailRecord) -> None:
        """A message sent or tried (reports.mail only): a new one is added, a retried one counts the attempt."""
        with self.backend.writer([]) as writing:
            writing.con.execute(
                f"insert into mail_log ({', '.join(MAIL_FIELDS)}) values (?, ?, ?, ?, 1, ?, ?, ?) "  # noqa: S608
                "on conflict (message_key) do update set recipients = excluded.recipients, outcome = excluded.outcome, "
                "attempts = mail_log.attempts + 1, last_at = excluded.last_at, detail = excluded.detail",
                [record.message_key, record.recipients, record.subject, record.outcome, record.first_at,
                 record.last_at, record.detail])

    # ---- accounts: reading ----------------------------------------------------------------------
    def has_accounts(self) -> bool:
        """Whether any account exists: then the app requires sign-in and the command line --user."""
        with self.backend.reader() as con:
            return con is not None and con.execute("select 1 from account limit 1").fetchone() is not None

    def account(self, login: str) -> AccountRow | None:
        """The account of a login (None when there is none)."""
        with self.backend.reader() as con:
            if con is None:
                return None
            row = con.execute(f"select {_ACCOUNT_COLUMNS} from account where login = ?",  # noqa: S608
                              [login]).fetchone()
        return None if row is None else _account_row(row)

    def accounts(self) -> list[AccountRow]:
        """Every account, by login."""
        with self.backend.reader() as con:
            rows = [] if con is None else con.execute(
                f"select {_ACCOUNT_COLUMNS} from account order by login").fetchall()  # noqa: S608
        return [_account_row(r) for r in rows]

    def account_events(self, limit: int = 200) -> list[AccountEvent]:
        """The newest account events first."""
        with self.backend.reader() as con:
            rows = [] if con is None else con.execute(
                "select at, login, event, by_whom, detail, client from account_event order by event_id desc "
                "limit ?", [limit]).fetchall()
        return [AccountEvent(r[0], r[1], r[2], r[3], r[4] or "", r[5] or "") for r in rows]

    def failures(self, since: str, *, login: str | None = None, client: str | None = None,
                 after_success: bool = True) -> tuple[int, str | None]:
        """Wrong passwords since a moment for a login, an address, or a login at an address (not cleared by an
        administrator; with after_success, only those after the key's last success): how many, and the last one's
        time."""
        where = "at >= ? and cleared = 0 and (cast(? as text) is null or login = ?) and " \
                "(cast(? as text) is null or client = ?)"
        params = [since, login, login, client, client]
        if after_success:
            where += (" and at > coalesce((select max(at) from sign_in_attempt where ok = 1 and cleared = 0 and "
                      "(cast(? as text) is null or login = ?) and (cast(? as text) is null or client = ?)), '')")
            params += [login, login, client, client]
        with self.backend.reader() as con:
            if con is None:
                return 0, None
            count, last = con.execute(f"select count(*), max(at) from sign_in_attempt where ok = 0 and {where}",  # noqa: S608
                                      params).fetchone()
        return int(count), last

    def session(self, session_hash: str) -> SessionRow | None:
        """A signed-in browser by the hash of its id (None when there is none)."""
        with self.backend.reader() as con:
            row = None if con is None else con.execute(
                "select session_hash, login, created_at, last_seen, ended_at, client from session "
                "where session_hash = ?", [session_hash]).fetchone()
        return None if row is None else SessionRow(*row)

    # ---- accounts: writing (accounts.accounts only) ------------------------------------------------
    def add_account(self, account: AccountRow, event: AccountEvent) -> bool:
        """Store a new account and its event; False (nothing written) when the login is taken."""
        with self.backend.writer([]) as writing:
            con = writing.con
            if con.execute("select 1 from account where login = ?", [account.login]).fetchone():
                return False
            con.execute("insert into account (login, name, role, passports, password_hash, active, email, "
                        "created_at, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [account.login, account.name, account.role, json.dumps(list(account.passports)),
                         account.password_hash, int(account.active), account.email, event.at, event.at])
            _log_event(con, event)
        return True

    def change_account(self, login: str, event: AccountEvent, *, role: str | None = None,
                       passports: Iterable[str] | None = None, active: bool | None = None,
                       password_hash: str | None = None, email: str | None = None, unlock: bool = False,
                       end_sessions: bool = False) -> bool:
        """Change what is given of an account and log the event, in one transaction; `unlock` clears the wrong
        passwords counted against the login, `end_sessions` ends every sign-in of the account (a copied cookie
        too); an empty `email` removes the address. False (nothing written) when there is no such account."""
        values: dict[str, object] = {"role": role, "active": None if active is None else int(active),
                                     "password_hash": password_hash,
                                     "passports": None if passports is None else json.dumps(list(passports))}
        assignments = [f"{column} = ?" for column, value in values.items() if value is not None]
        params = [value for value in values.values() if value is not None]
        if email is not None:
            assignments.append("email = ?")
            params.append(email or None)
        with self.backend.writer([]) as writing:
            con = writing.con
            if not con.execute("select 1 from account where login = ?", [login]).fetchone():
                return False
            con.execute(f"update account set {', '.join([*assignments, 'changed_at = ?'])} "  # noqa: S608 - code
                        "where login = ?", [*params, event.at, login])
            if unlock:
                con.execute("update sign_in_attempt set cleared = 1 where login = ? and ok = 0", [login])
            if end_sessions:
                con.execute("update session set ended_at = ? where login = ? and ended_at is null", [event.at, login])
            _log_event(con, event)
        return True

    def log_account_event(self, event: AccountEvent) -> None:
        """One line of the accounts' log (a throttled or refused sign-in, say)."""
        with self.backend.writer([]) as writing:
            _log_event(writing.con, event)

    def record_attempt(self, login: str, client: str, ok: bool, event: AccountEvent) -> None:
        """A checked password (right or wrong) for the throttling, with its line in the accounts' log."""
        with self.backend.writer([]) as writing:
            writing.con.execute("insert into sign_in_attempt (at, login, client, ok) values (?, ?, ?, ?)",
                                [event.at, login, client, int(ok)])
            _log_event(writing.con, event)

    def open_session(self, row: SessionRow, ticket_hash: str | None, ticket_expires: str | None) -> None:
        """A new signed-in browser, with the one-time ticket its page exchanges for the cookie."""
        with self.backend.writer([]) as writing:
            writing.con.execute(
                "insert into session (session_hash, login, created_at, last_seen, ended_at, client, ticket_hash, "
                "ticket_expires) values (?, ?, ?, ?, null, ?, ?, ?)",
                [row.session_hash, row.login, row.created_at, row.last_seen, row.client, ticket_hash,
                 ticket_expires])

    def redeem_ticket(self, ticket_hash: str, at: str) -> SessionRow | None:
        """The session a one-time ticket belongs to, if the ticket holds (unused, not expired, the session not
        ended); the ticket is used up either way."""
        with self.backend.writer([]) as writing:
            con = writing.con
            row = con.execute("select session_hash, login, created_at, last_seen, ended_at, client, ticket_expires "
                              "from session where ticket_hash = ?", [ticket_hash]).fetchone()
            if row is None:
                return None
            con.execute("update session set ticket_hash = null, ticket_expires = null where session_hash = ?",
                        [row[0]])
        if row[4] is not None or row[6] is None or row[6] < at:
            return None
        return SessionRow(*row[:6])

    def touch_session(self, session_hash: str, at: str) -> None:
        """The browser was seen now (its idle time starts again)."""
        with self.backend.writer([]) as writing:
            writing.con.execute("update session set last_seen = ? where session_hash = ?", [at, session_hash])

    def end_sessions(self, event: AccountEvent, login: str | None = None) -> None:
        """End the sign-ins of one account, or of everyone (a new signing key), and log it."""
        with self.backend.writer([]) as writing:
            writing.con.execute("update session set ended_at = ? where ended_at is null and "
                                "(cast(? as text) is null or login = ?)", [event.at, login, login])
            _log_event(writing.con, event)


# ---- the writes of a save -------------------------------------------------------------------------
@dataclass(frozen=True)
class Batch:
    """What every audited change of one save shares: its number, action, time, author, note and origin."""

    batch_id: str
    action: str
    at: str
    who: str
    note: str | None
    origin: str | None


def _write_fact(writing: Writing, ch: FactChange, batch: Batch) -> None:
    key, new = ch.key, ch.value
    old = writing.current.get(key)
    if old == new:
        return
    con = writing.con
    params = key_params(key)
    if new is None:
        con.execute(f"delete from fact where {' and '.join(f'{c} = ?' for c in FACT_KEY_FIELDS)}",  # noqa: S608
                    params)
    else:
        values = [getattr(new, f) for f in VALUE_FIELDS]
        updates = ", ".join(f"{f}=excluded.{f}" for f in (*VALUE_FIELDS, "entered_by", "entered_at"))
        marks = ",".join("?" * (len(params) + len(values) + 3))
        con.execute(
            f"insert into fact ({KEY_COLUMNS}, {', '.join(VALUE_FIELDS)}, entered_by, entered_at, "  # noqa: S608
            f"first_entered_at) values ({marks}) on conflict ({KEY_COLUMNS}) do update set {updates}",
            [*params, *values, batch.who, batch.at, batch.at],
        )
    writing.current[key] = new
    _audit(con, batch, params, value_json(old), value_json(new), (new or old).source if (new or old) else None,
           ch.note)


def _write_entry(con: Connection, ch: EntryChange, batch: Batch) -> None:
    ref, new = ch.ref, ch.payload
    if not ref.entry_id:
        ref = EntryRef(ref.passport_id, ref.kind, _next_entry_id(con, ref.passport_id, ref.kind))
    old = _read_entry(con, ref)
    if old == new:
        return
    where = [ref.passport_id, ref.kind, ref.entry_id]
    if new is None:
        con.execute("delete from entry where passport_id = ? and kind = ? and entry_id = ?", where)
    else:
        con.execute(
            "insert into entry (passport_id, kind, entry_id, payload, entered_by, entered_at, first_entered_at) "
            "values (?,?,?,?,?,?,?) on conflict (passport_id, kind, entry_id) do update set "
            "payload=excluded.payload, entered_by=excluded.entered_by, entered_at=excluded.entered_at",
            [*where, payload_json(new), batch.who, batch.at, batch.at])
    # a register record in the audit log: its kind and id where a fact has its key, no reporting date
    params = [ref.passport_id, ref.kind, "", ref.entry_id, "", 0, None, 0]
    _audit(con, batch, params, payload_json(old), payload_json(new), None, ch.note)


def _next_entry_id(con: Connection, passport_id: str, kind: str) -> str:
    """The next number of a register of one passport («Р-4» after «Р-3»), never one used before (a deleted record's
    number stays its own, so undoing the deletion puts it back). Called inside the write transaction."""
    prefix = ENTRY_ID_PREFIX[kind]
    used = con.execute("select entry_id from entry where passport_id = ? and kind = ? union "
                       "select code from audit where passport_id = ? and kind = ? and reporting_date is null",
                       [passport_id, kind, passport_id, kind]).fetchall()
    numbers = [int(n) for (text,) in used if (n := str(text).removeprefix(prefix + "-")).isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1}"


def _read_entry(con: Connection, ref: EntryRef) -> dict | None:
    row = con.execute("select payload from entry where passport_id = ? and kind = ? and entry_id = ?",
                      [ref.passport_id, ref.kind, ref.entry_id]).fetchone()
    return None if row is None else json.loads(row[0])


def _audit(con: Connection, batch: Batch, params: list, old: str | None, new: str | None, source: str | None,
           note: str | None) -> None:
    con.execute(
        f"insert into audit (batch_id, action, at, who, {KEY_COLUMNS}, old_json, new_json, source, note, "  # noqa: S608
        "origin) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [batch.batch_id, batch.action, batch.at, batch.who, *params, old, new, source, note or batch.note,
         batch.origin])


def _log_event(con: Connection, event: AccountEvent) -> None:
    con.execute("insert into account_event (at, login, event, by_whom, detail, client) values (?, ?, ?, ?, ?, ?)",
                [event.at, event.login, event.event, event.by_whom, event.detail, event.client or None])


def _account_row(row: tuple) -> AccountRow:
    login, name, role, passports, active, password_hash, email = row
    return AccountRow(login, name or "", role, tuple(json.loads(passports)), bool(active), password_hash, email)
