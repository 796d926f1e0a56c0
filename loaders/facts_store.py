"""The facts store: facts, the registers beside them (risks, events, the user's own measures), an audit log
and undo — SQLite (WAL) beside the passport database by default, PostgreSQL when COS_FACTS_URL is set.

Facts live apart from data/cos.duckdb so that rebuilding plans never touches them and so that
`import-facts` can write while the app is running (SQLite allows one writer at a time across
processes and waits for the lock; DuckDB allows one writing process only). Every save is one
transaction: a crash or kill leaves the previous state intact. Reading never takes the write lock.

`open_store()` is the one way to get the configured store: an explicit location (`--facts`) wins, then
COS_FACTS_URL (PostgreSQL, `loaders.facts_store_pg`, shared by several app servers), then the SQLite file
COS_FACTS_DB (data/facts.sqlite). Both backends share this class's SQL and semantics.

Only `loaders.facts_service` writes through this class: it validates, names the author and audits.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import uuid
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from domain.keys import FACT_KEY_FIELDS, FactKey, default_reporting_date
from domain.vocabulary import CONTROL_FACT_STATUSES, ENTRY_ID_PREFIX
from loaders import paths
from loaders.errors import InputProblem

VALUE_FIELDS = ("fact_value", "fact_date", "fact_status", "comment", "source", "reason", "measures")
ENTRY_FIELDS = ("passport_id", "kind", "entry_id", "payload", "entered_by", "entered_at", "first_entered_at")
AUDIT_FIELDS = ("audit_id", "batch_id", "action", "at", "who", *FACT_KEY_FIELDS, "old_json", "new_json", "source",
                "note")
#: every column of the tables a copy of the store carries (facts, registers, the audit log with its numbers)
COPY_FIELDS = {"fact": (*FACT_KEY_FIELDS, *VALUE_FIELDS, "entered_by", "entered_at", "first_entered_at"),
               "entry": ENTRY_FIELDS, "audit": AUDIT_FIELDS}
SCHEMA_VERSION = 3
BUSY_TIMEOUT_S = 30

_KEY_COLUMNS = ", ".join(FACT_KEY_FIELDS)
_KEY_WHERE = " and ".join(f"{c} = ?" for c in FACT_KEY_FIELDS)
_SCHEMA = """
create table if not exists fact (
    passport_id text not null, kind text not null, section text not null default '', code text not null,
    measure text not null default '', year integer not null default 0, reporting_date text not null,
    is_example integer not null default 0,
    fact_value real, fact_date text, fact_status text, comment text, source text, reason text, measures text,
    entered_by text, entered_at text not null, first_entered_at text not null,
    primary key (KEY_COLUMNS)
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
""".replace("KEY_COLUMNS", _KEY_COLUMNS)
_CREATE = ("begin immediate;" + _SCHEMA + "insert or replace into meta values ('schema_version', "  # noqa: S608
           + str(SCHEMA_VERSION) + "); commit;")


@dataclass
class FactValue:
    """The fact itself: a number (indicator/result/funding) or a date and status (control point), with the
    reason for a deviation and the measures taken."""

    fact_value: float | None = None
    fact_date: str | None = None  # ISO date
    fact_status: str | None = None
    comment: str | None = None
    source: str | None = None
    reason: str | None = None
    measures: str | None = None


@dataclass
class FactChange:
    """Set (value given) or delete (value None) one fact."""

    key: FactKey
    value: FactValue | None
    note: str | None = field(default=None)


@dataclass(frozen=True)
class EntryRef:
    """A record of a register: a risk, an event or a measure of the user's own, of one passport."""

    passport_id: str
    kind: str
    entry_id: str


@dataclass
class EntryChange:
    """Set (payload given) or delete (None) one register record."""

    ref: EntryRef
    payload: dict | None
    note: str | None = field(default=None)


class StoreError(Exception):
    """The facts store cannot be reached or refused the operation; the message is Russian and never holds a
    password. Like a refused file it carries `problems`, so the facts page shows it the same way."""

    def __init__(self, store: str, message: str):
        self.message = f"хранилище фактов {store}: {message}"
        self.problems = [InputProblem("хранилище фактов", store, message)]
        super().__init__(self.message)


#: schemes of a PostgreSQL store's address (COS_FACTS_URL or --facts)
URL_SCHEMES = ("postgresql://", "postgres://")
#: every store opened in this process by its identity, so a cached call can name a store by a non-secret string
_OPEN: weakref.WeakValueDictionary[str, FactStore] = weakref.WeakValueDictionary()


def is_store_url(location: Path | str) -> bool:
    """True for an address of a server (postgresql://…), False for a file path."""
    return isinstance(location, str) and "://" in location


#: --facts of the command lines: a file (or a postgresql:// URL) given there wins over COS_FACTS_URL
FACTS_HELP = ("хранилище фактов: файл SQLite (по умолчанию — PostgreSQL из COS_FACTS_URL, если он задан, иначе "
              "COS_FACTS_DB или data/facts.sqlite)")


def open_store(location: Path | str | None = None) -> FactStore:
    """The facts store at `location` — a SQLite file path or a postgresql:// URL (an explicit --facts) — or,
    without one, the configured store: PostgreSQL at COS_FACTS_URL when set, else the SQLite file COS_FACTS_DB
    (data/facts.sqlite)."""
    if location is None or str(location) == "":
        location = paths.FACTS_URL or paths.FACTS_PATH
    if is_store_url(location):
        from loaders.facts_store_pg import PgFactStore, mask_url

        if not str(location).startswith(URL_SCHEMES):
            raise StoreError(mask_url(str(location)), "адрес должен начинаться с postgresql:// (PostgreSQL) — "
                                                      "или укажите путь к файлу SQLite")
        return PgFactStore(str(location))
    return FactStore(Path(location))


def store_named(identity: str) -> FactStore:
    """The store of this process with the given identity (`FactStore.identity`), else the store at that path."""
    store = _OPEN.get(identity)
    return store if store is not None else open_store(identity)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def _next_entry_id(con: sqlite3.Connection, passport_id: str, kind: str) -> str:
    """The next number of a register of one passport («Р-4» after «Р-3»), never one used before (a deleted record's
    number stays its own, so undoing the deletion puts it back). Called inside the write transaction."""
    prefix = ENTRY_ID_PREFIX[kind]
    used = con.execute("select entry_id from entry where passport_id = ? and kind = ? union "
                       "select code from audit where passport_id = ? and kind = ? and reporting_date is null",
                       [passport_id, kind, passport_id, kind]).fetchall()
    numbers = [int(n) for (text,) in used if (n := str(text).removeprefix(prefix + "-")).isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1}"


def _key_params(key: FactKey) -> list:
    """The key as stored: the reporting date as ISO text, the example flag as 0/1."""
    if key.reporting_date is None:
        raise ValueError("у факта нет отчётной даты")
    return [key.passport_id, key.kind, key.section, key.code, key.measure, int(key.year),
            key.reporting_date.isoformat(), int(key.is_example)]


def _key_from_row(row: tuple) -> FactKey:
    pid, kind, section, code, measure, year, rdate, is_ex = row
    return FactKey(pid, kind, section, code, measure, int(year), date.fromisoformat(rdate), bool(is_ex))


class FactStore:
    """SQLite-backed store of facts and registers with an audit log; safe across processes.

    The PostgreSQL store (`loaders.facts_store_pg.PgFactStore`) is this class with other connections: reading,
    writing, numbering and auditing are the same SQL here for both."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._ready = False
        _OPEN[self.identity] = self

    @property
    def identity(self) -> str:
        """A stable name of the store that holds no secret: the file's path (a server's address without its
        password for PostgreSQL). Safe to show, log and use as a cache key."""
        return str(self.path)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.identity!r})"

    def close(self) -> None:
        """Let go of open connections (SQLite keeps none between calls)."""

    # ---- connections ---------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        con.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        return con

    def _ensure_schema(self) -> None:
        """Create the store (WAL, tables) or migrate it, once, under a file lock: parallel first saves of a
        brand-new store wait for each other instead of failing with «database is locked»."""
        if self._ready:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            con = self._open()
            try:
                con.execute("pragma journal_mode=wal")
                if _columns(con, "fact") and "reporting_date" not in _columns(con, "fact"):
                    _migrate_v1(con)
                if _columns(con, "fact") and "reason" not in _columns(con, "fact"):
                    _migrate_v2(con)
                # one transaction: a reader in another process sees no tables or all of them, never half
                con.executescript(_CREATE)
            finally:
                con.close()
                fcntl.flock(lock, fcntl.LOCK_UN)
        self._ready = True

    @contextmanager
    def _writer(self) -> Iterator[sqlite3.Connection]:
        self._ensure_schema()
        con = self._open()
        con.execute("pragma synchronous=full")
        try:
            yield con
        finally:
            con.close()

    @contextmanager
    def _write_transaction(self, changes: list[FactChange | EntryChange]) -> Iterator[sqlite3.Connection]:
        """A connection inside the one write transaction of a save: writers queue for it, readers never do.
        (A server's store reads the current values of the changes' facts at once; here each is read in turn.)"""
        with self._writer() as con, _transaction(con):
            yield con

    @contextmanager
    def _reader(self) -> Iterator[sqlite3.Connection | None]:
        """A read-only connection (never the write lock); None when the store does not exist yet."""
        if not self.path.exists():
            yield None
            return
        if not self._ready and _needs_setup(self.path):
            self._ensure_schema()
        con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            yield con
        finally:
            con.close()

    def _frame(self, sql: str, params: list, columns: list[str]) -> pd.DataFrame:
        with self._reader() as con:
            if con is None:
                return pd.DataFrame(columns=columns)
            return pd.DataFrame(con.execute(sql, params).fetchall(), columns=columns)

    # ---- reading -------------------------------------------------------------------------------
    def version(self) -> int:
        """A counter that grows with every save: cheap to poll for changes made by other processes."""
        with self._reader() as con:
            if con is None:
                return 0
            row = con.execute("select value from meta where key = 'version'").fetchone()
            return int(row[0]) if row else 0

    def facts(self) -> pd.DataFrame:
        """Every stored fact (real and example) as a DataFrame."""
        cols = [*FACT_KEY_FIELDS, *VALUE_FIELDS, "entered_by", "entered_at", "first_entered_at"]
        sql = f"select {', '.join(cols)} from fact order by {_KEY_COLUMNS}"  # noqa: S608 - columns from code
        return self._frame(sql, [], cols)

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
        return self._frame(sql, [kind, kind], list(ENTRY_FIELDS))

    def entry(self, ref: EntryRef) -> dict | None:
        """The payload of one record (None when there is none)."""
        with self._reader() as con:
            return None if con is None else self._read_entry(con, ref)

    def audit_log(self, limit: int = 1000) -> pd.DataFrame:
        """The newest changes first: who, when, what, old and new value, source."""
        cols = list(AUDIT_FIELDS)
        sql = f"select {', '.join(cols)} from audit order by audit_id desc limit ?"  # noqa: S608
        return self._frame(sql, [limit], cols)

    def rows(self) -> tuple[int, dict[str, list[tuple]]]:
        """The version and every row of the store (facts, registers, the audit log in order): a copy to restore in
        another store. Refused when the store changed while it was read (a save in between): repeat it."""
        version = self.version()
        with self._reader() as con:
            rows = {table: [] if con is None else [tuple(r) for r in con.execute(
                f"select {', '.join(cols)} from {table} order by {', '.join(cols[:8])}").fetchall()]  # noqa: S608
                for table, cols in COPY_FIELDS.items()}
        if self.version() != version:
            raise StoreError(self.identity, "во время копирования в хранилище сохраняли изменения: повторите")
        return version, rows

    def batch(self, batch_id: str) -> list[tuple[FactKey, FactValue | None, FactValue | None]]:
        """The fact changes of one batch, newest first: (key, old value, new value)."""
        with self._reader() as con:
            if con is None:
                return []
            rows = con.execute(
                f"select {_KEY_COLUMNS}, old_json, new_json from audit where batch_id = ? "  # noqa: S608
                "and reporting_date is not null order by audit_id desc", [batch_id]).fetchall()
        return [(_key_from_row(r[:8]), _value(r[8]), _value(r[9])) for r in rows]

    def batch_entries(self, batch_id: str) -> list[tuple[EntryRef, dict | None, dict | None]]:
        """The register changes of one batch, newest first: (record, old payload, new payload)."""
        with self._reader() as con:
            if con is None:
                return []
            rows = con.execute(
                "select passport_id, kind, code, old_json, new_json from audit where batch_id = ? "
                "and reporting_date is null order by audit_id desc", [batch_id]).fetchall()
        return [(EntryRef(*r[:3]), _payload(r[3]), _payload(r[4])) for r in rows]

    def get(self, keys: Iterable[FactKey]) -> dict[FactKey, FactValue]:
        """Current values of the given keys (absent keys are left out)."""
        keys = list(keys)
        with self._reader() as con:
            if con is None or not keys:
                return {}
            return {k: v for k in keys if (v := self._read(con, k)) is not None}

    def latest(self, key: FactKey) -> tuple[FactKey, FactValue] | None:
        """The newest report of the same target (any reporting date) and its key."""
        with self._reader() as con:
            if con is None:
                return None
            where = " and ".join(f"{c} = ?" for c in FACT_KEY_FIELDS if c != "reporting_date")
            params = [p for c, p in zip(FACT_KEY_FIELDS, _key_params(key.with_reporting_date(date.min)), strict=True)
                      if c != "reporting_date"]
            row = con.execute(
                f"select {_KEY_COLUMNS}, {', '.join(VALUE_FIELDS)} from fact where {where} "  # noqa: S608
                "order by reporting_date desc limit 1", params).fetchone()
        return None if row is None else (_key_from_row(row[:8]), FactValue(*row[8:]))

    @staticmethod
    def _read(con: sqlite3.Connection, key: FactKey) -> FactValue | None:
        row = con.execute(
            f"select {', '.join(VALUE_FIELDS)} from fact where {_KEY_WHERE}", _key_params(key)  # noqa: S608
        ).fetchone()
        return None if row is None else FactValue(*row)

    @staticmethod
    def _read_entry(con: sqlite3.Connection, ref: EntryRef) -> dict | None:
        row = con.execute("select payload from entry where passport_id = ? and kind = ? and entry_id = ?",
                          [ref.passport_id, ref.kind, ref.entry_id]).fetchone()
        return None if row is None else json.loads(row[0])

    # ---- writing (loaders.facts_service only) ---------------------------------------------------
    def apply(self, changes: list[FactChange | EntryChange], who: str, note: str | None = None,
              action: str = "save") -> str:
        """Apply all changes in one transaction, auditing each; returns the batch id.

        Each change is written per key, so two sessions saving different facts at once both
        keep their changes; the later of two writes to the same fact wins and both are audited.
        The day a fact was first entered is kept (first_entered_at) through later corrections.
        """
        batch = uuid.uuid4().hex[:12]
        at = _now()
        with self._write_transaction(changes) as con:
            for ch in changes:
                if isinstance(ch, EntryChange):
                    self._write_entry(con, ch, batch, action, at, who, note)
                else:
                    self._write(con, ch, batch, action, at, who, note)
            con.execute("update meta set value = value + 1 where key = 'version'")
        return batch

    def restore(self, version: int, rows: dict[str, list[tuple]]) -> None:
        """Fill an empty store with a copy of another (`rows()`), in one transaction: the audit log keeps its
        numbers, so undo and register numbering go on as before; the version moves past the copy's. (The facts
        service's `copy_from` calls this: the values were checked when they were first entered.)"""
        with self._write_transaction([]) as con:
            if any(con.execute(f"select 1 from {t} limit 1").fetchone() for t in COPY_FIELDS):  # noqa: S608
                raise StoreError(self.identity, "здесь уже есть факты, реестры или журнал: копировать можно только "
                                                "в пустое хранилище")
            for table, cols in COPY_FIELDS.items():
                marks = ", ".join("?" * len(cols))
                con.executemany(f"insert into {table} ({', '.join(cols)}) {self._keep_ids(table)}"  # noqa: S608
                                f"values ({marks})", rows[table])
            self._after_restore(con)
            con.execute("update meta set value = ? where key = 'version'", [version + 1])

    @staticmethod
    def _keep_ids(table: str) -> str:
        """What an insert that gives the audit rows' own numbers needs (nothing in SQLite)."""
        return ""

    def _after_restore(self, con: sqlite3.Connection) -> None:
        """After a restore: new audit rows number on from the copy's (SQLite's autoincrement does it itself)."""

    def _write(self, con: sqlite3.Connection, ch: FactChange, batch: str, action: str, at: str, who: str,
               note: str | None) -> None:
        key, new = ch.key, ch.value
        old = self._read(con, key)
        if old == new:
            return
        params = _key_params(key)
        if new is None:
            con.execute(f"delete from fact where {_KEY_WHERE}", params)  # noqa: S608
        else:
            values = [getattr(new, f) for f in VALUE_FIELDS]
            updates = ", ".join(f"{f}=excluded.{f}" for f in (*VALUE_FIELDS, "entered_by", "entered_at"))
            marks = ",".join("?" * (len(params) + len(values) + 3))
            con.execute(
                f"insert into fact ({_KEY_COLUMNS}, {', '.join(VALUE_FIELDS)}, entered_by, entered_at, "  # noqa: S608
                f"first_entered_at) values ({marks}) on conflict ({_KEY_COLUMNS}) do update set {updates}",
                [*params, *values, who, at, at],
            )
        self._audit(con, batch, action, at, who, params, _json(old), _json(new),
                    (new or old).source if (new or old) else None, ch.note or note)

    def _write_entry(self, con: sqlite3.Connection, ch: EntryChange, batch: str, action: str, at: str, who: str,
                     note: str | None) -> None:
        ref, new = ch.ref, ch.payload
        if not ref.entry_id:
            ref = EntryRef(ref.passport_id, ref.kind, _next_entry_id(con, ref.passport_id, ref.kind))
        old = self._read_entry(con, ref)
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
                [*where, json.dumps(new, ensure_ascii=False, sort_keys=True), who, at, at])
        # a register record in the audit log: its kind and id where a fact has its key, no reporting date
        params = [ref.passport_id, ref.kind, "", ref.entry_id, "", 0, None, 0]
        self._audit(con, batch, action, at, who, params, _dump(old), _dump(new), None, ch.note or note)

    @staticmethod
    def _audit(con: sqlite3.Connection, batch: str, action: str, at: str, who: str, params: list, old: str | None,
               new: str | None, source: str | None, note: str | None) -> None:
        con.execute(
            f"insert into audit (batch_id, action, at, who, {_KEY_COLUMNS}, old_json, new_json, source, note) "  # noqa: S608
            "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", [batch, action, at, who, *params, old, new, source, note])


def _json(value: FactValue | None) -> str | None:
    return None if value is None else json.dumps(asdict(value), ensure_ascii=False)


def _dump(payload: dict | None) -> str | None:
    return None if payload is None else json.dumps(payload, ensure_ascii=False, sort_keys=True)


def _payload(text: str | None) -> dict | None:
    return None if not text else json.loads(text)


def _value(text: str | None) -> FactValue | None:
    """A value from the audit log; a control-point status written as a word by the first release becomes its code."""
    if not text:
        return None
    value = FactValue(**json.loads(text))
    if value.fact_status and value.fact_status not in CONTROL_FACT_STATUSES:
        value.fact_status = CONTROL_FACT_STATUSES.parse(value.fact_status) or value.fact_status
    return value


def _columns(con: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in con.execute(f"pragma table_info({table})")}  # table from code


def _needs_setup(path: Path) -> bool:
    """True when a store file exists but holds no schema of this version (created by an older release, or
    being created by another process right now)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        row = con.execute("select value from meta where key = 'schema_version'").fetchone()
        return row is None or int(row[0]) < SCHEMA_VERSION
    except sqlite3.Error:
        return True
    finally:
        con.close()


@contextmanager
def _transaction(con: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: all of it is committed, or none of it (also on a kill or an exception)."""
    con.execute("begin immediate")
    try:
        yield
        con.execute("commit")
    except BaseException:
        if con.in_transaction:
            con.execute("rollback")
        raise


def _migrate_v2(con: sqlite3.Connection) -> None:
    """Stores of the second release: facts gain the reason for a deviation and the measures taken."""
    with _transaction(con):
        for column in ("reason", "measures"):
            con.execute(f"alter table fact add column {column} text")  # column from code


def _migrate_v1(con: sqlite3.Connection) -> None:
    """Stores of the first release keyed facts without a reporting date: give every fact (and its audit rows)
    the date the rule gives for the day it was first saved, so old batches can still be undone."""
    with _transaction(con):
        con.execute("alter table fact rename to fact_v1")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                con.execute(statement)
        if "reporting_date" not in _columns(con, "audit"):
            con.execute("alter table audit add column reporting_date text")
        keys = "passport_id, kind, section, code, measure, year, is_example"
        first = {tuple(r[:7]): r[7] for r in con.execute(
            f"select {keys}, min(at) from audit group by {keys}")}  # noqa: S608 - columns from code
        rows = con.execute(f"select {keys}, fact_value, fact_date, fact_status, comment, source, entered_by, "  # noqa: S608
                           "entered_at from fact_v1").fetchall()
        for r in rows:
            since = first.get(tuple(r[:7])) or r[13]
            rdate = default_reporting_date(int(r[5]), datetime.fromisoformat(since).date()).isoformat()
            con.execute(
                f"insert into fact ({_KEY_COLUMNS}, fact_value, fact_date, fact_status, comment, source, "  # noqa: S608
                "entered_by, entered_at, first_entered_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [*r[:6], rdate, r[6], *r[7:12], r[12], r[13], since])
        for key, since in first.items():
            rdate = default_reporting_date(int(key[5]), datetime.fromisoformat(since).date()).isoformat()
            con.execute(f"update audit set reporting_date = ? where {' and '.join(f'{c} = ?' for c in keys.split(', '))}",  # noqa: S608,E501
                        [rdate, *key])
        for term in CONTROL_FACT_STATUSES:  # the first release stored the Russian word
            con.execute("update fact set fact_status = ? where fact_status = ?", [term.code, term.label])
        con.execute("drop table fact_v1")
