"""The facts store on PostgreSQL: the SQLite store's tables and meaning, shared by several app servers.

Selected by COS_FACTS_URL=postgresql://user:password@host:port/db (an explicit --facts PATH wins); a schema other
than `public` is chosen in the address: `?options=-csearch_path%3Dcos`. Columns keep the SQLite store's types
(dates and times as ISO text, the example flag as 0/1), so every reader gets the same frames from either backend.

- One transaction per save. Writers queue on one row lock — the version counter's, taken first — as SQLite's
  `begin immediate` queues them across processes: two servers saving different facts both keep their changes, the
  later of two writes to one fact wins with both audited, register numbers never repeat. Readers never wait.
- The tables are created on first use under an advisory lock (parallel first saves of a new database wait for
  each other); there is nothing older to migrate on this backend.
- A few idle connections are kept per store (a page polls the version on every query); a connection idle for a
  while is checked before use, and a process forked from this one never touches its parent's connections.
- The password is never shown: `identity`, messages and logs carry the address with the password masked.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from domain.keys import FactKey
from store.backend import Writing
from store.records import KEY_COLUMNS, NUMBERED, VALUE_FIELDS, FactValue, StoreError, key_from_row, key_params
from store.schema import SCHEMA_VERSION, schema_statements
from store.sqlite import BUSY_TIMEOUT_S

if TYPE_CHECKING:
    import psycopg

_log = logging.getLogger(__name__)
#: idle connections kept per store; more are opened when needed and closed after use
IDLE_CONNECTIONS = 4
#: a connection idle longer than this is checked (select 1) before use: the server may have restarted
CHECK_AFTER_S = 5.0
CONNECT_TIMEOUT_S = 10
APPLICATION_NAME = "cos-monitor"
#: first half of the advisory lock key that serializes creating the tables (the second is the schema's hash)
_SCHEMA_LOCK = 20_19_2024

#: live PostgreSQL stores of this process (their idle connections are dropped in a forked child)
_BACKENDS: weakref.WeakSet[PostgresBackend] = weakref.WeakSet()
#: connections a forked child inherited from its parent: kept referenced and never used or closed here, since
#: closing one would end the parent's session on the shared socket
_INHERITED: list[Any] = []


def mask_url(url: str) -> str:
    """The address as it may be shown: the password (in the user part, as ?password= or ?sslpassword=) replaced by
    ***."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("://", 1)[0] + "://***"
    user, at, host = parts.netloc.rpartition("@")
    if at and ":" in user:
        user = user.split(":", 1)[0] + ":***"
    query = re.sub(r"(^|&)(ssl)?password=[^&]*", r"\1\2password=***", parts.query)
    return urlunsplit((parts.scheme, f"{user}{at}{host}", parts.path, query, parts.fragment))


def _password_of(url: str) -> str:
    """The password written in the address ('' when there is none): scrubbed from any driver text we log."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    user = parts.netloc.rpartition("@")[0]
    if ":" in user:
        return unquote(user.split(":", 1)[1])
    found = re.search(r"(?:^|&)password=([^&]*)", parts.query)
    return unquote(found.group(1)) if found else ""


def _secrets_of(url: str) -> list[str]:
    """Every secret the address holds (its password, ?password=, ?sslpassword=): scrubbed from driver text."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return []
    found = [unquote(m.group(1)) for m in re.finditer(r"(?:^|&)sslpassword=([^&]*)", query)]
    return [s for s in (_password_of(url), *found) if s]


def _sql(sql: str) -> str:
    """The store's SQL (sqlite3's `?` placeholders) as psycopg takes it (`%s`); a literal % is escaped."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Connection:
    """A psycopg connection that runs the store's SQL unchanged (sqlite3's `?` placeholders)."""

    def __init__(self, raw: psycopg.Connection):
        self.raw = raw

    def execute(self, sql: str, params: Iterable[Any] = ()) -> psycopg.Cursor:
        return self.raw.execute(_sql(sql), list(params))

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(_sql(sql), [list(r) for r in rows])


def _close_all(idle: list[tuple[Any, float]]) -> None:
    """Close the idle connections of a store that is gone (or at exit)."""
    while idle:
        con, _since = idle.pop()
        try:
            con.close()
        except Exception:  # noqa: BLE001, S110 - closing a dead connection may fail; nothing is lost
            pass


def _forget_inherited() -> None:
    """In a forked child: the parent's connections are not ours (their sockets are shared with the parent)."""
    for store in list(_BACKENDS):
        _INHERITED.extend(store._idle)
        store._idle.clear()
        store._lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_inherited)


class PostgresBackend:
    """Connections to a facts store in a PostgreSQL database (see the module's notes)."""

    name = "postgres"

    def __init__(self, url: str):
        from psycopg.conninfo import conninfo_to_dict

        self._url = url
        self._identity = mask_url(url)
        self._secrets = _secrets_of(url)
        try:
            self._given = conninfo_to_dict(url)
        except Exception:  # noqa: BLE001 - the driver's text may quote the address with its password
            raise StoreError(self._identity, "адрес не разобран: нужен вид postgresql://пользователь:пароль@"
                                             "сервер:порт/база") from None
        self._ready = False
        self._idle: list[tuple[psycopg.Connection, float]] = []
        self._lock = threading.Lock()
        weakref.finalize(self, _close_all, self._idle)
        _BACKENDS.add(self)

    @property
    def identity(self) -> str:
        """The server's address with the password masked: stable, safe to show, log and cache by."""
        return self._identity

    def close(self) -> None:
        """Close the idle connections (a store in use opens new ones when needed)."""
        with self._lock:
            _close_all(self._idle)

    # ---- connections ---------------------------------------------------------------------------
    def _connect(self) -> psycopg.Connection:
        import psycopg

        extra: dict[str, Any] = {}
        if "connect_timeout" not in self._given:
            extra["connect_timeout"] = CONNECT_TIMEOUT_S
        if "application_name" not in self._given:
            extra["application_name"] = APPLICATION_NAME
        try:
            return psycopg.connect(self._url, autocommit=True, **extra)
        except psycopg.Error as exc:
            raise self._error(exc, connecting=True) from None

    def _checkout(self) -> psycopg.Connection:
        """An idle connection (checked if it waited long) or a new one."""
        import psycopg

        with self._lock:
            con, since = self._idle.pop() if self._idle else (None, 0.0)
        if con is not None and not con.closed:
            if time.monotonic() - since < CHECK_AFTER_S:
                return con
            try:
                con.execute("select 1")
                return con
            except psycopg.Error:
                _close_all([(con, since)])
        return self._connect()

    def _checkin(self, con: psycopg.Connection) -> None:
        from psycopg.pq import TransactionStatus

        if not con.closed and con.info.transaction_status == TransactionStatus.IDLE:
            with self._lock:
                if len(self._idle) < IDLE_CONNECTIONS:
                    self._idle.append((con, time.monotonic()))
                    return
        _close_all([(con, 0.0)])

    @contextmanager
    def _session(self, writing: bool = False) -> Iterator[psycopg.Connection]:
        """A connection for one operation: back to the pool after it, closed after any failure; the driver's
        errors become a Russian StoreError."""
        import psycopg

        con = self._checkout()
        try:
            yield con
        except psycopg.Error as exc:
            _close_all([(con, 0.0)])
            raise self._error(exc, writing=writing) from None
        except BaseException:
            _close_all([(con, 0.0)])
            raise
        self._checkin(con)

    def _ensure_schema(self) -> None:
        """Create the tables once, under an advisory lock: parallel first uses of a new database wait for each
        other; one transaction, so another server sees no tables or all of them."""
        if self._ready:
            return
        with self._session() as raw:
            con = _Connection(raw)
            if not self._current(con):
                with raw.transaction():
                    con.execute("select pg_advisory_xact_lock(?::int, hashtext(coalesce(current_schema(), '')))",
                                [_SCHEMA_LOCK])
                    if self._layout(con) == 4:
                        for statement in schema_statements("postgres_to_5"):
                            con.execute(statement)
                    for statement in schema_statements("postgres"):
                        con.execute(statement)
                    con.execute("insert into meta values ('schema_version', ?) on conflict (key) do update set "
                                "value = excluded.value", [SCHEMA_VERSION])
        self._ready = True

    @classmethod
    def _current(cls, con: _Connection) -> bool:
        layout = cls._layout(con)
        return layout is not None and layout >= SCHEMA_VERSION

    @staticmethod
    def _layout(con: _Connection) -> int | None:
        """The layout version the database holds (None: no store here yet)."""
        if con.execute("select to_regclass('meta') is not null").fetchone()[0] is False:
            return None
        row = con.execute("select value from meta where key = 'schema_version'").fetchone()
        return None if row is None else int(row[0])

    @contextmanager
    def reader(self) -> Iterator[_Connection]:
        """A pooled connection (the tables are made on first use: a new database reads as an empty store)."""
        self._ensure_schema()
        with self._session() as raw:
            yield _Connection(raw)

    @contextmanager
    def writer(self, keys: list[FactKey]) -> Iterator[Writing]:
        """The one transaction of a save: the version counter's row lock first (writers queue, at most
        BUSY_TIMEOUT_S), the current values of the changed facts in one query, then every change pipelined
        (sent without waiting for each answer), then the counter."""
        import psycopg

        self._ensure_schema()
        committing = False
        with self._session(writing=True) as raw:
            try:
                with raw.transaction():
                    raw.execute(f"set local lock_timeout = '{BUSY_TIMEOUT_S}s'")  # a constant of the code
                    raw.execute("select value from meta where key = 'version' for update")
                    con = _Connection(raw)
                    current = dict.fromkeys(keys) | self.values(con, keys)
                    with raw.pipeline():
                        yield Writing(con, current)
                    committing = True
            except psycopg.OperationalError as exc:
                if committing:  # the server may have committed before the connection broke
                    raise self._error(exc, writing=True, committing=True) from None
                raise

    @staticmethod
    def values(con: _Connection, keys: list[FactKey]) -> dict[FactKey, FactValue]:
        """The stored values of the keys (absent ones left out), in one query: the keys go as arrays."""
        if not keys:
            return {}
        columns = [list(c) for c in zip(*(key_params(k) for k in keys), strict=True)]
        given = ", ".join(f"?::{t}[]" for t in ("text",) * 5 + ("int", "text", "int"))
        sql = (f"select {KEY_COLUMNS}, {', '.join(VALUE_FIELDS)} from fact "  # noqa: S608 - columns from code
               f"join unnest({given}) as k({KEY_COLUMNS}) using ({KEY_COLUMNS})")
        return {key_from_row(r[:8]): FactValue(*r[8:]) for r in con.execute(sql, columns).fetchall()}

    @staticmethod
    def keep_ids(table: str) -> str:
        return "overriding system value " if table in NUMBERED else ""

    def after_restore(self, con: _Connection) -> None:
        for table, column in NUMBERED.items():  # names from code
            con.execute(f"select setval(pg_get_serial_sequence('{table}', '{column}'), "  # noqa: S608
                        f"coalesce((select max({column}) from {table}), 0) + 1, false)")

    # ---- errors ----------------------------------------------------------------------------------
    def _error(self, exc: Exception, *, connecting: bool = False, writing: bool = False,
               committing: bool = False) -> StoreError:
        """The driver's error as a Russian message without the password (the driver's own text, scrubbed of it,
        goes to the log at level INFO for the administrator)."""
        import psycopg
        from psycopg import errors

        text = str(exc)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        lowered = text.lower()
        nothing = "; ничего не сохранено" if writing else ""
        if connecting:
            if "password" in lowered or "authentication" in lowered:
                reason = "неверное имя пользователя или пароль"
            elif "does not exist" in lowered:
                reason = "нет такой базы данных или пользователя"
            elif "timeout" in lowered:
                reason = f"сервер не ответил за {CONNECT_TIMEOUT_S} с"
            else:
                reason = "сервер недоступен (адрес, порт, сеть или сервер остановлен)"
            message = f"не удалось подключиться: {reason}"
        elif committing:
            message = ("связь с сервером прервалась в момент подтверждения сохранения: оно могло пройти — "
                       "проверьте журнал изменений, прежде чем повторять")
        elif isinstance(exc, errors.LockNotAvailable):
            message = f"другое сохранение занимает хранилище дольше {BUSY_TIMEOUT_S} с; повторите позже{nothing}"
        elif isinstance(exc, errors.InsufficientPrivilege):
            message = f"у пользователя нет прав на таблицы фактов{nothing}"
        elif isinstance(exc, errors.InvalidSchemaName):
            message = f"схемы из search_path (options в адресе) нет в базе: создайте её{nothing}"
        elif isinstance(exc, psycopg.OperationalError):
            message = f"связь с сервером прервалась{nothing}"
        else:
            code = getattr(exc, "sqlstate", None) or type(exc).__name__
            message = f"сервер вернул ошибку {code}{nothing}"
        _log.info("хранилище фактов %s: %s (%s)", self._identity, message, text.strip())
        return StoreError(self._identity, message)
