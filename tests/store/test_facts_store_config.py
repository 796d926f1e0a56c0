"""Which facts store is used (an explicit --facts wins over COS_FACTS_URL, which wins over COS_FACTS_DB), and a
PostgreSQL password never shown: not in the store's name, messages, the command lines' output or the log."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from domain import paths
from facts.service import FactsService
from model.live import Model
from store.facts_store import FactStore
from store.location import open_store
from store.postgres import PostgresBackend, mask_url
from store.records import StoreError
from tests.helpers import built, fact_key

ROOT = Path(__file__).resolve().parents[2]
SECRET = "Пар0ль-s3cret"
CSV = "Паспорт;Вид;Код;Мера;Год;Факт;Источник\r\namur;показатель;1.1;;2019;3,9;отчёт\r\n"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _unreachable() -> str:
    return f"postgresql://cos:{SECRET}@127.0.0.1:{_closed_port()}/cos?sslpassword={SECRET}2"


@pytest.mark.parametrize("url,shown", [
    ("postgresql://cos:secret@db.local:5432/cos", "postgresql://cos:***@db.local:5432/cos"),
    ("postgres://cos@db/cos", "postgres://cos@db/cos"),
    ("postgresql://db/cos?user=cos&password=secret&sslmode=require",
     "postgresql://db/cos?user=cos&password=***&sslmode=require"),
    ("postgresql://c%40s:p%3Ass@[::1]:5433/cos", "postgresql://c%40s:***@[::1]:5433/cos"),
    ("postgresql://cos@db/cos?sslmode=verify-full&sslkey=k.key&sslpassword=secret",
     "postgresql://cos@db/cos?sslmode=verify-full&sslkey=k.key&sslpassword=***"),
])
def test_the_password_is_masked_wherever_the_address_is_shown(url, shown):
    assert mask_url(url) == shown
    store = open_store(url)
    assert store.identity == shown and "secret" not in repr(store) and "p%3Ass" not in repr(store)


def test_an_explicit_location_wins_then_the_url_then_the_file(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "FACTS_URL", "postgresql://cos:x@127.0.0.1:1/cos")
    monkeypatch.setattr(paths, "FACTS_PATH", tmp_path / "default.sqlite")
    assert type(open_store().backend) is PostgresBackend
    explicit = open_store(str(tmp_path / "mine.sqlite"))
    assert type(explicit) is FactStore and explicit.path == tmp_path / "mine.sqlite"
    monkeypatch.setattr(paths, "FACTS_URL", None)
    assert open_store().identity == str(tmp_path / "default.sqlite")
    with pytest.raises(StoreError, match="postgresql://"):
        open_store("mysql://cos:secret@db/cos")


def _cli(args: list[str], env: dict[str, str], module: str = "loaders") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "COS_DB": str(built()), **env}, timeout=120)


def test_facts_given_on_the_command_line_win_over_the_url(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text(CSV, encoding="utf-8")
    run = _cli(["import-facts", str(data), "--facts", str(tmp_path / "mine.sqlite")],
               {"COS_FACTS_URL": _unreachable()})
    assert run.returncode == 0, run.stderr
    assert FactStore(tmp_path / "mine.sqlite").facts()["fact_value"].tolist() == [3.9]


@pytest.mark.parametrize("module,args,code", [
    ("loaders", ["import-facts", "{file}"], 2),
    ("loaders", ["undo", "abc"], 2),
    ("loaders", ["build"], 2),
    ("reports", ["progress", "--passport", "amur", "--period", "2021", "--out", "{out}"], 1),
])
def test_an_unreachable_server_is_said_in_russian_without_the_password(tmp_path, module, args, code):
    data = tmp_path / "f.csv"
    data.write_text(CSV, encoding="utf-8")
    args = [a.format(file=data, out=tmp_path / "r.docx") for a in args]
    if args == ["build"]:
        args = ["--db", str(tmp_path / "cos.duckdb"), "build"]
    url = _unreachable()
    run = _cli(args, {"COS_FACTS_URL": url}, module)
    assert run.returncode == code, run.stderr
    assert "не удалось подключиться: сервер недоступен" in run.stderr and mask_url(url) in run.stderr
    assert SECRET not in run.stderr + run.stdout and "Traceback" not in run.stderr
    assert "sslpassword=***" in run.stderr


def test_a_wrong_password_is_said_and_not_logged(pg_stores, caplog):
    from tests.stores import pg_url

    parts = urlsplit(pg_url())
    wrong = parts._replace(netloc=f"cos:{SECRET}@{parts.hostname}:{parts.port}").geturl()
    store = open_store(wrong)
    with caplog.at_level(logging.DEBUG), pytest.raises(StoreError) as refused:
        store.facts()
    assert "неверное имя пользователя или пароль" in refused.value.message
    assert SECRET not in refused.value.message + str(refused.value.problems) + caplog.text
    assert "cos:***@" in refused.value.message


def test_the_app_keeps_the_facts_it_read_while_the_server_is_away_and_refuses_saves(pg_stores):
    where = pg_stores.location()
    model = Model(built(), where)
    service = FactsService.of_model(model)
    from store.records import FactChange, FactValue

    service.set([FactChange(fact_key("amur", "indicator", "1.1", 2019), FactValue(3.5, source="отчёт"))],
                author="Тестов Т.Т.")
    assert model.refresh_facts() == 1
    model.store.close()
    model.store.backend._url = _unreachable()  # the server goes away
    assert model.refresh_facts() == 1
    assert model.cursor().execute("select count(*) from stg_fact").fetchone() == (1,)
    model.store.version = lambda: pytest.fail("the store is asked again at once")  # waits STORE_RETRY_S first
    assert model.refresh_facts() == 1
    from facts.outcomes import ChangeRefused

    with pytest.raises(ChangeRefused) as refused:
        service.set([FactChange(fact_key("amur", "indicator", "1.1", 2020), FactValue(4, source="отчёт"))],
                    author="Тестов Т.Т.")
    assert "не удалось подключиться" in refused.value.problems[0].message
