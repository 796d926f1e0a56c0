"""The facts store: SQLite (WAL) beside the passport database, with an audit log and undo.

Facts live apart from data/cos.duckdb so that rebuilding plans never touches them and so that
`import-facts` can write while the app is running (SQLite allows one writer at a time across
processes and waits for the lock; DuckDB allows one writing process only). Every save is one
transaction: a crash or kill leaves the previous state intact.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd

KEY_FIELDS = ("passport_id", "kind", "section", "code", "measure", "year", "is_example")
VALUE_FIELDS = ("fact_value", "fact_date", "fact_status", "comment", "source")

_SCHEMA = """
create table if not exists fact (
    passport_id text not null, kind text not null, section text not null default '', code text not null,
    measure text not null default '', year integer not null default 0, is_example integer not null default 0,
    fact_value real, fact_date text, fact_status text, comment text, source text,
    entered_by text, entered_at text not null,
    primary key (passport_id, kind, section, code, measure, year, is_example)
);
create table if not exists audit (
    audit_id integer primary key autoincrement, batch_id text not null, action text not null,
    at text not null, who text not null, passport_id text not null, kind text not null, section text not null,
    code text not null, measure text not null, year integer not null, is_example integer not null,
    old_json text, new_json text, source text, note text
);
create index if not exists audit_batch on audit(batch_id);
create table if not exists meta (key text primary key, value integer not null);
insert or ignore into meta values ('version', 0);
"""


@dataclass(frozen=True)
class FactKey:
    """What a fact is about: passport, kind, (funding section), code, measure, year, example or real."""

    passport_id: str
    kind: str  # indicator | result | funding | control_point
    code: str
    section: str = ""
    measure: str = ""
    year: int = 0
    is_example: bool = False


@dataclass
class FactValue:
    """The fact itself: a number (indicator/result/funding) or a date and status (control point)."""

    fact_value: float | None = None
    fact_date: str | None = None  # ISO date
    fact_status: str | None = None
    comment: str | None = None
    source: str | None = None


@dataclass
class FactChange:
    """Set (value given) or delete (value None) one fact."""

    key: FactKey
    value: FactValue | None
    note: str | None = field(default=None)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on some systems
        return "неизвестно"


class FactStore:
    """SQLite-backed store of facts with an audit log; safe across processes."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        con.execute("pragma journal_mode=wal")
        con.execute("pragma synchronous=full")
        con.executescript(_SCHEMA)
        return con

    # ---- reading -------------------------------------------------------------------------------
    def version(self) -> int:
        """A counter that grows with every save: cheap to poll for changes made by other processes."""
        if not self.path.exists():
            return 0
        con = self._connect()
        try:
            return int(con.execute("select value from meta where key = 'version'").fetchone()[0])
        finally:
            con.close()

    def facts(self) -> pd.DataFrame:
        """Every stored fact (real and example) as a DataFrame."""
        cols = [*KEY_FIELDS, *VALUE_FIELDS, "entered_by", "entered_at"]
        if not self.path.exists():
            return pd.DataFrame(columns=cols)
        con = self._connect()
        try:
            return pd.read_sql_query(f"select {', '.join(cols)} from fact order by 1, 2, 3, 4, 5, 6", con)  # noqa: S608
        finally:
            con.close()

    def as_stg_fact(self) -> pd.DataFrame:
        """Facts shaped as DuckDB's stg_fact table."""
        df = self.facts()
        df["is_example"] = df["is_example"].astype(bool)
        df["fact_date"] = pd.to_datetime(df["fact_date"], errors="coerce").dt.date
        df["entered_at"] = pd.to_datetime(df["entered_at"], errors="coerce")
        return df

    def audit_log(self, limit: int = 1000) -> pd.DataFrame:
        """The newest changes first: who, when, what, old and new value, source."""
        cols = ["audit_id", "batch_id", "action", "at", "who", "passport_id", "kind", "section", "code",
                "measure", "year", "is_example", "old_json", "new_json", "source", "note"]
        if not self.path.exists():
            return pd.DataFrame(columns=cols)
        con = self._connect()
        try:
            return pd.read_sql_query(
                f"select {', '.join(cols)} from audit order by audit_id desc limit ?", con, params=[limit]  # noqa: S608
            )
        finally:
            con.close()

    def get(self, keys: Iterable[FactKey]) -> dict[FactKey, FactValue]:
        """Current values of the given keys (absent keys are left out)."""
        con = self._connect()
        try:
            return {k: v for k in keys if (v := self._read(con, k)) is not None}
        finally:
            con.close()

    @staticmethod
    def _read(con: sqlite3.Connection, key: FactKey) -> FactValue | None:
        row = con.execute(
            f"select {', '.join(VALUE_FIELDS)} from fact where passport_id=? and kind=? and section=? and code=? "  # noqa: S608
            "and measure=? and year=? and is_example=?",
            [key.passport_id, key.kind, key.section, key.code, key.measure, key.year, int(key.is_example)],
        ).fetchone()
        return None if row is None else FactValue(*row)

    # ---- writing -------------------------------------------------------------------------------
    def apply(self, changes: list[FactChange], who: str | None = None, note: str | None = None,
              action: str = "save") -> str:
        """Apply all changes in one transaction, auditing each; returns the batch id.

        Each change is written per key, so two sessions saving different facts at once both
        keep their changes; the later of two writes to the same fact wins and both are audited.
        """
        who = who or default_user()
        batch = uuid.uuid4().hex[:12]
        at = _now()
        con = self._connect()
        try:
            con.execute("begin immediate")
            for ch in changes:
                k = ch.key
                old = self._read(con, k)
                new = ch.value
                if old == new:
                    continue
                params = [k.passport_id, k.kind, k.section, k.code, k.measure, k.year, int(k.is_example)]
                if new is None:
                    con.execute(
                        "delete from fact where passport_id=? and kind=? and section=? and code=? and measure=? "
                        "and year=? and is_example=?", params)
                else:
                    con.execute(
                        "insert into fact values (?,?,?,?,?,?,?,?,?,?,?,?,?,?) on conflict do update set "
                        "fact_value=excluded.fact_value, fact_date=excluded.fact_date, "
                        "fact_status=excluded.fact_status, comment=excluded.comment, source=excluded.source, "
                        "entered_by=excluded.entered_by, entered_at=excluded.entered_at",
                        [*params, new.fact_value, new.fact_date, new.fact_status, new.comment, new.source, who, at],
                    )
                con.execute(
                    "insert into audit (batch_id, action, at, who, passport_id, kind, section, code, measure, year, "
                    "is_example, old_json, new_json, source, note) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [batch, action, at, who, *params,
                     None if old is None else json.dumps(asdict(old), ensure_ascii=False),
                     None if new is None else json.dumps(asdict(new), ensure_ascii=False),
                     (new or old).source if (new or old) else None, ch.note or note],
                )
            con.execute("update meta set value = value + 1 where key = 'version'")
            con.execute("commit")
        except BaseException:
            if con.in_transaction:
                con.execute("rollback")
            raise
        finally:
            con.close()
        return batch

    def undo(self, batch_id: str, who: str | None = None) -> str:
        """Put back the values a batch replaced (itself a new, audited batch)."""
        con = self._connect()
        try:
            rows = con.execute(
                "select passport_id, kind, section, code, measure, year, is_example, old_json from audit "
                "where batch_id = ? order by audit_id desc", [batch_id]).fetchall()
        finally:
            con.close()
        if not rows:
            raise KeyError(f"нет изменений с номером пакета {batch_id}")
        changes = []
        for pid, kind, section, code, measure, year, is_ex, old_json in rows:
            key = FactKey(pid, kind, code, section, measure, year, bool(is_ex))
            value = None if old_json is None else FactValue(**json.loads(old_json))
            changes.append(FactChange(key, value))
        return self.apply(changes, who=who, note=f"отмена пакета {batch_id}", action="undo")
