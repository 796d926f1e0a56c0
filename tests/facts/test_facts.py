"""Facts: real-world file shapes, every rejection path (store unchanged), concurrency, kill during
save, undo, rebuild keeping facts, and plan-vs-fact arithmetic on hand-computed cases.

Every test that stores facts runs against both backends (`store` and `stores` in conftest: SQLite, PostgreSQL)."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from domain.keys import FactKey
from domain.problems import InputError
from facts.layout import FACTS_LAYOUT
from facts.outcomes import FactsError
from facts.service import FactsService
from facts.targets import fact_targets
from facts.template import template_csv, template_frame, template_xlsx
from facts.validation import NO_FACTS, plan_import
from model.build import build_database
from spreadsheets.reading import read_table
from spreadsheets.values import parse_number
from store.facts_store import FactStore
from store.location import open_store
from store.records import FactChange, FactValue
from tests.helpers import built, model

ROOT = Path(__file__).resolve().parents[2]
HEADER = "Паспорт;Вид;Раздел;Код;Мера;Год;План;Факт;Источник"


@pytest.fixture(scope="module")
def targets(con) -> pd.DataFrame:
    return fact_targets(con)


def _csv(lines: list[str], encoding: str = "cp1251", header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode(encoding)


def _import(raw: bytes, name: str, targets, store, **kw):
    return plan_import(read_table(raw, name, FACTS_LAYOUT), name, targets, store, **kw)


def key(pid: str, kind: str, code: str, year: int, measure: str = "", section: str = "",
        reported: date | None = None, example: bool = False) -> FactKey:
    """A fact key; the reporting date defaults to the end of its year."""
    return FactKey(pid, kind, section, code, measure, year, reported or date(year, 12, 31), example)


def put(store: FactStore, k: FactKey, value: float | None, source: str = "s", who: str = "Тестов Т.Т.") -> str:
    """Write one fact straight into the store (the store's own tests)."""
    val = None if value is None else FactValue(fact_value=value, source=source)
    return store.apply([FactChange(k, val)], who=who)


# ---- template ------------------------------------------------------------------------------------
def test_template_has_every_plan_row_and_the_required_columns(con, store):
    frame = template_frame(con, "tomsk", store)
    for col in ("Паспорт", "Вид", "Код", "Мера", "Год", "План", "Факт", "Источник"):
        assert col in frame.columns
    assert set(frame["Вид"]) == {"показатель", "результат", "финансирование", "контрольная точка"}
    row = frame[(frame["Вид"] == "показатель") & (frame["Код"] == "1") & (frame["Год"] == 2020)].iloc[0]
    assert row["План"] == "76"
    assert (frame["Вид"] == "контрольная точка").sum() == 97


def test_cli_template_csv_and_xlsx(tmp_path, stores):
    env = {**os.environ, **stores.env(stores.location()), "COS_DB": str(built())}
    out = subprocess.run([sys.executable, "-m", "loaders", "facts-template", "--passport", "amur"],
                         capture_output=True, cwd=ROOT, env=env, check=True).stdout
    assert out.startswith("\ufeffПаспорт;Вид;".encode())
    xlsx = tmp_path / "t.xlsx"
    subprocess.run([sys.executable, "-m", "loaders", "facts-template", "--passport", "amur", "--out", str(xlsx)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet["A1"].value == "Паспорт" and sheet.max_row == 284  # header + 283 things that can have a fact


def test_cli_refuses_a_missing_database_in_russian(tmp_path):
    env = {**os.environ, "COS_FACTS_DB": str(tmp_path / "f.sqlite"), "COS_DB": str(tmp_path / "нет.duckdb")}
    run = subprocess.run([sys.executable, "-m", "loaders", "facts-template", "--passport", "amur"],
                         capture_output=True, text=True, cwd=ROOT, env=env)
    assert run.returncode == 2 and "база не собрана" in run.stderr and "python -m loaders" in run.stderr
    assert "Traceback" not in run.stderr


# ---- real-world file shapes ----------------------------------------------------------------------
def test_windows1251_semicolon_decimal_comma_thousands_and_percent(targets, store):
    raw = _csv(["amur;показатель;;1.1;;2019;4;3,5 %;отчёт № 12",
                "amur;результат;;10.1;workers_trained;2020;1280;1 280;приказ 45-о",
                "amur;финансирование;паспорт;1.1;federal;2019;23,48;20,1;кассовое исполнение",
                "tomsk;контрольная точка;;1.1.1;;2019;01.04.2019;15.04.2019;протокол"])
    plan = _import(raw, "факты.csv", targets, store)
    assert plan.ok, plan.problems
    values = {(c.key.kind, c.key.code): c.value for c in plan.changes}
    assert values[("indicator", "1.1")].fact_value == 3.5
    assert values[("result", "10.1")].fact_value == 1280
    assert values[("funding", "1.1")].fact_value == 20.1
    assert values[("control_point", "1.1.1")].fact_date == "2019-04-15"
    assert values[("control_point", "1.1.1")].fact_status == "done"
    assert {c.key.reporting_date for c in plan.changes} == {date(2019, 12, 31), date(2020, 12, 31)}
    assert plan.counts() == {"новый": 4, "изменён": 0, "без изменений": 0, "удалён": 0}


def test_utf8_bom_comma_separated(targets, store):
    raw = ("\ufeffПаспорт,Вид,Код,Мера,Год,Факт,Источник\n"
           "tomsk,показатель,1,,2020,70,\"отчёт, форма ОО-1\"\n").encode("utf-8")
    plan = _import(raw, "f.csv", targets, store)
    assert plan.ok, plan.problems
    assert plan.changes[0].value.fact_value == 70 and plan.changes[0].value.source == "отчёт, форма ОО-1"


def test_xlsx_filled_template(con, targets, store):
    frame = template_frame(con, "tomsk", store)
    idx = frame[(frame["Вид"] == "показатель") & (frame["Код"] == "1") & (frame["Год"] == 2019)].index[0]
    frame.loc[idx, ["Факт", "Источник"]] = ["40", "мониторинг"]
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx(frame)))
    sheet = book.active
    fact_column = [c.value for c in sheet[1]].index("Факт") + 1
    sheet.cell(row=idx + 2, column=fact_column, value=40.0)  # a real number cell, as Excel stores it
    buf = io.BytesIO()
    book.save(buf)
    plan = _import(buf.getvalue(), "факты.xlsx", targets, store)
    assert plan.ok, plan.problems
    assert [(c.key.code, c.key.year, c.value.fact_value) for c in plan.changes] == [("1", 2019, 40.0)]


def test_template_round_trip_changes_nothing(con, targets, store):
    put(store, key("tomsk", "indicator", "1", 2019), 41)
    raw = template_csv(template_frame(con, "tomsk", store))
    plan = _import(raw, "t.csv", targets, store)
    assert plan.ok and plan.changes == []
    assert plan.counts()["без изменений"] == 1


@pytest.mark.parametrize("text,value", [("1 280", 1280), ("1\u00a0280,5", 1280.5), ("42 %", 42), ("0,1", 0.1),
                                        ("", None), ("12.5", 12.5)])
def test_parse_number(text, value):
    assert parse_number(text) == value


# ---- rejections: row and column named, nothing stored ----------------------------------------------
@pytest.mark.parametrize("line,where,message", [
    ("amur;показатель;;9.9;;2019;;5;s", "строка 2, столбец «Код»", "нет кода «9.9»"),
    ("amur;показатель;;1.1;;2031;;5;s", "строка 2, столбец «Год»", "год 2031 вне паспорта"),
    ("amur;показатель;;1.1;;2019;;пять;s", "строка 2, столбец «Факт»", "ожидается число, получено «пять»"),
    ("amur;результат;;4.1;workers_trained;2019;;-3;s", "строка 2, столбец «Факт»", "не может быть отрицательным"),
    ("amur;показатель;;1.1;;2019;;140;s", "строка 2, столбец «Факт»", "процент больше 100"),
    ("kazan;показатель;;1.1;;2019;;5;s", "строка 2, столбец «Паспорт»", "неизвестный паспорт «kazan»"),
    ("amur;прогноз;;1.1;;2019;;5;s", "строка 2, столбец «Вид»", "неизвестный вид «прогноз»"),
    ("amur;результат;;4.1;it_cubes;2019;;5;s", "строка 2, столбец «Мера»", "нет меры «it_cubes»"),
    ("amur;показатель;;1.1;;2019;;5;", "строка 2, столбец «Источник»", "укажите источник"),
    ("tomsk;контрольная точка;;1.1.1;;2019;;32.13.2019;s", "строка 2, столбец «Факт»", "ожидается дата"),
])
def test_rejections_name_row_and_column_and_store_nothing(targets, store, line, where, message):
    put(store, key("amur", "indicator", "1.1", 2020), 20)
    before = store.facts()
    good = "tomsk;показатель;;1;;2020;;70;s"
    plan = _import(_csv([line, good]), "плохой.csv", targets, store)
    assert not plan.ok and plan.changes == []
    assert [str(p) for p in plan.problems] == [f"плохой.csv: {where}: {plan.problems[0].message}"]
    assert message in plan.problems[0].message
    pd.testing.assert_frame_equal(store.facts(), before)


def test_duplicate_rows_and_missing_column(targets, store):
    plan = _import(_csv(["amur;показатель;;1.1;;2019;;5;s", "amur;показатель;;1.1;;2019;;6;s"]), "d.csv",
                   targets, store)
    assert "строка 3, столбец «Код»: повтор: та же запись уже в строке 2" in str(plan.problems[0])
    plan = _import(_csv(["amur;1.1;5"], header="Паспорт;Код;Факт"), "m.csv", targets, store)
    assert "нет столбцов: «Вид», «Мера», «Год»" in str(plan.problems[0])


def test_huge_and_binary_files(targets, store):
    with pytest.raises(InputError, match="слишком большой"):
        read_table(b"x" * (21 * 1024 * 1024), "big.csv", FACTS_LAYOUT)
    with pytest.raises(InputError, match="Excel"):
        read_table(b"PK\x03\x04garbage", "broken.xlsx", FACTS_LAYOUT)


def test_cli_import_exit_codes(tmp_path, stores):
    where = stores.location()
    env = {**os.environ, **stores.env(where), "COS_DB": str(built())}
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(_csv(["amur;показатель;;1.1;;2019;;3,9;отчёт"]))
    bad.write_bytes(_csv(["amur;показатель;;1.1;;2019;;3,9;отчёт", "amur;показатель;;1.1;;2020;;абв;отчёт"]))
    run = lambda f: subprocess.run([sys.executable, "-m", "loaders", "import-facts", str(f)],  # noqa: E731
                                   capture_output=True, text=True, cwd=ROOT, env=env)
    rejected = run(bad)
    assert rejected.returncode == 1 and "строка 3, столбец «Факт»" in rejected.stderr
    assert stores.open(where).facts().empty
    stored = run(good)
    assert stored.returncode == 0 and "новых 1" in stored.stdout
    assert stores.open(where).facts()["fact_value"].tolist() == [3.9]


# ---- storage: audit, undo, concurrency, crash, rebuild ----------------------------------------------
def test_audit_and_undo(store, targets):
    k = key("amur", "indicator", "1.1", 2019)
    service = FactsService(store, targets)
    first = service.set([FactChange(k, FactValue(fact_value=3, source="a"))], author="Иванов И.И.")
    second = service.set([FactChange(k, FactValue(fact_value=4, source="b"))], author="Петров П.П.")
    log = store.audit_log()
    assert log["who"].tolist()[:2] == ["Петров П.П.", "Иванов И.И."]
    assert '"fact_value": 3' in log["old_json"].iloc[0] and '"fact_value": 4' in log["new_json"].iloc[0]
    service.undo(second.batch_id, author="Петров П.П.")
    assert store.get([k])[k].fact_value == 3
    service.undo(first.batch_id, author="Иванов И.И.")
    assert store.get([k]) == {}
    assert len(store.audit_log()) == 4


def _writer(where: str, year: int, n: int) -> None:
    store = open_store(where)
    for i in range(n):
        put(store, key("amur", "indicator", "1.1", year), i, "p", who=f"процесс {year}")


def test_two_processes_saving_at_once_lose_nothing(stores):
    where = stores.location()
    stores.open(where).version()  # the parent has used the store (and holds a connection) before it forks
    procs = [multiprocessing.Process(target=_writer, args=(where, year, 40)) for year in (2019, 2020)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    store = stores.open(where)
    assert store.version() == 80
    facts = store.facts()
    assert sorted(facts["year"]) == [2019, 2020]
    assert set(facts["fact_value"]) == {39}
    assert len(store.audit_log()) == 80


def test_kill_during_save_keeps_previous_state(stores):
    where = stores.location()
    store = stores.open(where)
    put(store, key("amur", "indicator", "1.1", 2019), 1)
    before = store.facts()
    script = (
        "import sys, time\n"
        "import store.facts_store as writes\n"
        "from store.location import open_store\n"
        "from store.records import FactChange, FactValue\n"
        "from domain.keys import FactKey\n"
        "s = open_store(sys.argv[1])\n"
        "orig = writes._write_fact\n"
        "def slow(*args):\n"
        "    time.sleep(0.01)\n"
        "    return orig(*args)\n"
        "writes._write_fact = slow\n"
        "print('start', flush=True)\n"
        "from datetime import date\n"
        "s.apply([FactChange(FactKey('amur','indicator','','1.1','',y,date(y,12,31)), FactValue(fact_value=99,"
        " source='x')) for y in range(2018, 2025)] * 200, who='kill')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, where], cwd=ROOT, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"start"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    pd.testing.assert_frame_equal(stores.open(where).facts(), before)
    assert stores.open(where).version() == 1


def test_rebuild_of_plans_keeps_facts(tmp_path, store):
    put(store, key("tomsk", "indicator", "1", 2020), 70)
    db = tmp_path / "cos.duckdb"
    for _ in range(2):
        build_database(ROOT / "data", db, facts=store.as_stg_fact())
    assert store.facts()["fact_value"].tolist() == [70]
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("select fact_value, status from plan_fact_asof(?, null, null) where passport_id = 'tomsk' "
                      "and kind = 'indicator' and code = '1' and year = 2020", [date(2025, 1, 1)]).fetchone()
    assert row == (70, "риск")  # 70 / 76 = 92,1 %


def test_examples_are_labelled_and_real_facts_win(store, targets):
    service = FactsService(store, targets)
    plan, saved = service.load_examples(author="Тестов Т.Т.")
    assert plan.ok and saved.changed == len(plan.changes) > 400, plan.problems[:3]
    real = key("tomsk", "indicator", "1", 2020)
    service.set([FactChange(real, FactValue(fact_value=77, source="отчёт"))], author="Тестов Т.Т.")
    con = model(store)
    row = con.execute("select fact_value, is_example from fact where passport_id = 'tomsk' and kind = 'indicator' "
                      "and code = '1' and year = 2020").fetchone()
    assert row == (77, False)


# ---- plan vs fact arithmetic (hand-computed) ----------------------------------------------------------
def _pf(con, as_of: date, **where):
    cond = " and ".join(f"{k} = ?" for k in where)
    return con.execute(f"select * from plan_fact_asof(?, null, null) where {cond}",  # noqa: S608
                       [as_of, *where.values()]).df()


def test_growing_indicator(make_con, clean_con):
    con = make_con([dict(passport_id="mini", kind="indicator", code="1", year=2019, fact_value=9)],
                   data_dir=ROOT / "tests/fixtures/clean")
    row = _pf(con, date(2020, 3, 1), passport_id="mini", kind="indicator", code="1", year=2019).iloc[0]
    assert (row.plan_value, row.fact_value, row.achievement_pct, row.deviation) == (10, 9, 90.0, -1)
    assert row.status == "риск"  # 85 % ≤ 90 % < 100 %


def test_falling_indicator_uses_plan_over_fact(make_con):
    con = make_con([dict(passport_id="mini", kind="indicator", code="2", year=2019, fact_value=75),
                    dict(passport_id="mini", kind="indicator", code="2", year=2020, fact_value=38)],
                   data_dir=ROOT / "tests/fixtures/clean")
    df = _pf(con, date(2021, 6, 1), passport_id="mini", kind="indicator", code="2").set_index("year")
    assert df.loc[2019, "achievement_pct"] == 80.0  # 60 / 75
    assert df.loc[2019, "status"] == "не достигнут"
    assert df.loc[2020, "status"] == "достигнут"  # 38 ≤ 40
    assert df.loc[2021, "status"] == "в работе"


def test_missing_years_and_as_of(make_con):
    con = make_con([], data_dir=ROOT / "tests/fixtures/clean")
    df = _pf(con, date(2020, 6, 30), passport_id="mini", kind="indicator", code="1").set_index("year")
    assert df.loc[2019, "status"] == "нет данных" and df.loc[2020, "status"] == "в работе"
    df = _pf(con, date(2019, 6, 30), passport_id="mini", kind="indicator", code="1").set_index("year")
    assert set(df["status"]) == {"в работе"}


def test_cumulative_target_and_forecast(make_con):
    # 1.2 plans 50 % by the end of 2020 (cumulative); on 1 July 2020 a level of 30 % after 10 % a year before
    con = make_con([dict(passport_id="mini", kind="result", code="1.1", measure="orgs_internet_pct", year=2019,
                         fact_value=10),
                    dict(passport_id="mini", kind="result", code="1.2", measure="orgs_internet_pct", year=2020,
                         fact_value=30, reporting_date=date(2020, 7, 1))],
                   data_dir=ROOT / "tests/fixtures/clean")
    row = _pf(con, date(2020, 7, 1), passport_id="mini", kind="result", code="1.2",
              measure="orgs_internet_pct").iloc[0]
    assert row.status == "в работе" and bool(row.is_cumulative)
    elapsed = 183 / 366  # 1 January to 1 July 2020 inclusive
    # a level: the year starts from last year's 10 % (planned under another code), not from zero
    assert row.start_level == 10
    assert row.forecast_value == pytest.approx(10 + (30 - 10) / elapsed, abs=0.01)  # 50 %


def test_funding_execution_and_flow_forecast(make_con):
    con = make_con([dict(passport_id="mini", kind="funding", section="passport", code="1", measure="federal",
                         year=2020, fact_value=2.0, reporting_date=date(2020, 4, 1))],
                   data_dir=ROOT / "tests/fixtures/clean")
    row = _pf(con, date(2020, 4, 1), passport_id="mini", kind="funding", measure="federal", year=2020).iloc[0]
    assert row.plan_value == 5.0 and row.achievement_pct == 40.0
    assert row.forecast_value == pytest.approx(2.0 / (92 / 366), abs=0.01)
    assert not bool(row.forecast_short)
    row = _pf(con, date(2021, 1, 10), passport_id="mini", kind="funding", measure="federal", year=2020).iloc[0]
    assert row.status == "не достигнут" and pd.isna(row.forecast_value)


def test_thresholds_are_configurable(make_con):
    con = make_con([dict(passport_id="mini", kind="indicator", code="1", year=2019, fact_value=9)],
                   data_dir=ROOT / "tests/fixtures/clean")
    status = con.execute("select status from plan_fact_asof(?, 100, 95) where kind = 'indicator' and code = '1' "
                         "and year = 2019", [date(2020, 1, 1)]).fetchone()[0]
    assert status == "не достигнут"


def test_audit_table_shows_deletions(store):
    from panels.journal import audit_table

    k = key("amur", "indicator", "1.1", 2019)
    put(store, k, 3.5, "a")
    put(store, k, None)
    table = audit_table(None, store.identity)
    assert table["Было"].tolist() == ["3,5", ""] and table["Стало"].tolist() == ["", "3,5"]


# ---- the year-end forecast: levels start from the series' last fact, flows from zero -----------------------
def test_level_forecast_starts_from_last_year_of_the_series_across_result_codes(make_con):
    # Amur's internet share is planned under 12.1 for 2020 and 17.1 for 2021: one series
    con = make_con([dict(passport_id="amur", kind="result", code="12.1", measure="orgs_internet_pct", year=2020,
                         fact_value=20),
                    dict(passport_id="amur", kind="result", code="17.1", measure="orgs_internet_pct", year=2021,
                         fact_value=30, reporting_date=date(2021, 7, 2))])
    row = _pf(con, date(2021, 7, 2), passport_id="amur", kind="result", code="17.1",
              measure="orgs_internet_pct").iloc[0]
    elapsed = 183 / 365  # 1 January to 2 July 2021 inclusive
    assert row.start_level == 20
    assert row.forecast_value == pytest.approx(20 + (30 - 20) / elapsed, abs=0.001)
    assert round(row.forecast_value, 1) == 39.9  # not 59,8 as when the year started from zero
    assert bool(row.forecast_short)  # 39,9 % against a plan of 44 %


def test_indicator_forecast_starts_from_its_previous_year_else_its_base_value(make_con):
    facts = [dict(passport_id="amur", kind="indicator", code="1.1", year=2019, fact_value=5,
                  reporting_date=date(2019, 12, 31)),
             dict(passport_id="amur", kind="indicator", code="1.1", year=2020, fact_value=14,
                  reporting_date=date(2020, 7, 1))]
    con = make_con(facts)
    row = _pf(con, date(2020, 7, 1), passport_id="amur", kind="indicator", code="1.1", year=2020).iloc[0]
    assert row.start_level == 5 and row.forecast_value == pytest.approx(5 + 9 / (183 / 366), abs=0.001)  # 23 %
    con = make_con(facts[1:])
    row = _pf(con, date(2020, 7, 1), passport_id="amur", kind="indicator", code="1.1", year=2020).iloc[0]
    assert row.start_level == 0  # the base value printed for 01.01.2019
    assert row.forecast_value == pytest.approx(14 / (183 / 366), abs=0.001)


def test_values_keep_full_precision(make_con):
    con = make_con([dict(passport_id="tomsk", kind="indicator", code="1", year=2020, fact_value=70)])
    row = _pf(con, date(2025, 1, 1), passport_id="tomsk", kind="indicator", code="1", year=2020).iloc[0]
    assert row.achievement_pct == pytest.approx(70 / 76 * 100, rel=1e-12)  # 92,105…, not 92,1
    assert row.achievement_pct != round(row.achievement_pct, 1)


# ---- the facts service: the one way facts change -------------------------------------------------------------
def test_service_needs_an_author_and_never_uses_the_os_account(store, targets, monkeypatch):
    monkeypatch.delenv("COS_AUTHOR", raising=False)
    service = FactsService(store, targets)
    change = FactChange(key("amur", "indicator", "1.1", 2019), FactValue(fact_value=3, source="s"))
    with pytest.raises(FactsError, match="кто вносит"):
        service.set([change], author="  ")
    assert store.facts().empty and store.version() == 0
    service.set([change], author="Сидоров С.С.")
    assert store.audit_log()["who"].tolist() == ["Сидоров С.С."]


def test_service_validates_typed_changes_like_a_file(store, targets):
    service = FactsService(store, targets)
    with pytest.raises(FactsError, match="процент больше 100"):
        service.set([FactChange(key("amur", "indicator", "1.1", 2019), FactValue(fact_value=140, source="s"))],
                    author="А")
    with pytest.raises(FactsError, match="нет кода"):
        service.set([FactChange(key("amur", "indicator", "99", 2019), FactValue(fact_value=1, source="s"))],
                    author="А")
    assert store.facts().empty


def test_nothing_to_save_writes_nothing(store, targets):
    service = FactsService(store, targets)
    plan = service.check_frame(pd.DataFrame(columns=["Паспорт", "Вид", "Код", "Мера", "Год", "Факт"]), "пусто.csv")
    assert [p.message for p in plan.problems] == [NO_FACTS]
    with pytest.raises(FactsError):
        service.save(plan, author="А")
    assert store.version() == 0 and store.audit_log().empty
    k = key("amur", "indicator", "1.1", 2019)
    service.set([FactChange(k, FactValue(fact_value=3, source="s"))], author="А")
    plan = service.check_frame(_frame_of([k], "3"), "same.csv")
    assert plan.ok and plan.changes == []  # all unchanged: fine, and nothing to save
    saved = service.save(plan, author="А")
    assert saved.batch_id is None and store.version() == 1 and len(store.audit_log()) == 1


def _frame_of(keys: list[FactKey], fact: str) -> pd.DataFrame:
    return pd.DataFrame([{"Паспорт": k.passport_id, "Вид": "показатель", "Код": k.code, "Мера": k.measure,
                          "Год": str(k.year), "Отчётная дата": k.reporting_date.strftime("%d.%m.%Y"),
                          "Факт": fact, "Источник": "s"} for k in keys])


def test_reports_keep_their_history_and_the_newest_counts(store, targets, make_con):
    service = FactsService(store, targets, today=lambda: date(2021, 4, 5))
    k = key("amur", "indicator", "1.1", 2021, reported=date(2021, 3, 31))
    service.set([FactChange(k, FactValue(fact_value=10, source="квартал 1"))], author="А")
    service.set([FactChange(k.with_reporting_date(date(2021, 6, 30)), FactValue(fact_value=25, source="кв. 2"))],
                author="А")
    facts = store.facts()
    assert sorted(facts["reporting_date"]) == ["2021-03-31", "2021-06-30"]
    con = model(store)
    assert con.execute("select fact_value from fact where passport_id = 'amur' and kind = 'indicator' "
                       "and code = '1.1' and year = 2021").fetchone() == (25,)


def test_a_row_without_reporting_date_reports_on_the_year_end_or_the_day_entered(store, targets):
    service = FactsService(store, targets, today=lambda: date(2021, 5, 20))
    frame = pd.DataFrame([{"Паспорт": "amur", "Вид": "показатель", "Код": "1.1", "Мера": "", "Год": "2020",
                           "Факт": "20", "Источник": "s"},
                          {"Паспорт": "amur", "Вид": "показатель", "Код": "1.1", "Мера": "", "Год": "2021",
                           "Факт": "15", "Источник": "s"}])
    plan = service.check_frame(frame, "f.csv")
    assert [c.key.reporting_date for c in plan.changes] == [date(2020, 12, 31), date(2021, 5, 20)]
    service.save(plan, author="А")
    # the same values again, days later: no new report
    later = FactsService(store, targets, today=lambda: date(2021, 6, 1)).check_frame(frame, "f.csv")
    assert later.changes == [] and later.counts()["без изменений"] == 2


def test_reading_the_version_never_takes_the_write_lock(store, stores, targets):
    FactsService(store, targets).set([FactChange(key("amur", "indicator", "1.1", 2019),
                                                 FactValue(fact_value=3, source="s"))], author="А")
    with _saving_elsewhere(store, stores.is_pg):  # another process in the middle of a long save
        started = time.perf_counter()
        assert store.version() == 1 and len(store.facts()) == 1
        assert time.perf_counter() - started < 1


@contextmanager
def _saving_elsewhere(store: FactStore, is_pg: bool):
    """Another connection holding the writers' lock and a changed fact, uncommitted."""
    if is_pg:
        import psycopg

        with psycopg.connect(store.backend._url) as writer:  # a transaction until the block ends
            writer.execute("select value from meta where key = 'version' for update")
            writer.execute("update fact set fact_value = 99")
            yield
            writer.rollback()
        return
    import sqlite3

    writer = sqlite3.connect(store.path, isolation_level=None)
    writer.execute("begin exclusive")
    writer.execute("update fact set fact_value = 99")
    try:
        yield
    finally:
        writer.execute("rollback")
        writer.close()


def test_a_store_of_the_first_release_is_migrated_and_its_batches_still_undo(tmp_path, targets):
    import sqlite3

    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript("""
        create table fact (passport_id text not null, kind text not null, section text not null default '',
            code text not null, measure text not null default '', year integer not null default 0,
            is_example integer not null default 0, fact_value real, fact_date text, fact_status text, comment text,
            source text, entered_by text, entered_at text not null,
            primary key (passport_id, kind, section, code, measure, year, is_example));
        create table audit (audit_id integer primary key autoincrement, batch_id text not null,
            action text not null, at text not null, who text not null, passport_id text not null,
            kind text not null, section text not null, code text not null, measure text not null,
            year integer not null, is_example integer not null, old_json text, new_json text, source text,
            note text);
        create table meta (key text primary key, value integer not null);
        insert into meta values ('version', 1);
        insert into fact values ('amur', 'indicator', '', '1.1', '', 2019, 0, 3.5, null, null, null, 'отчёт',
            'root', '2023-02-01T10:00:00');
        insert into fact values ('tomsk', 'control_point', '', '1.1.1', '', 2019, 0, null, '2019-04-15',
            'выполнено', null, 'протокол', 'root', '2023-02-01T10:00:00');
        insert into audit (batch_id, action, at, who, passport_id, kind, section, code, measure, year, is_example,
            old_json, new_json, source, note) values
            ('b1', 'save', '2023-02-01T10:00:00', 'root', 'amur', 'indicator', '', '1.1', '', 2019, 0, null,
             '{"fact_value": 3.5, "fact_date": null, "fact_status": null, "comment": null, "source": "отчёт"}',
             'отчёт', null);
    """)
    old.commit()
    old.close()
    store = FactStore(path)
    facts = store.facts().set_index("code")
    assert facts.loc["1.1", "reporting_date"] == "2019-12-31" and facts.loc["1.1.1", "fact_status"] == "done"
    FactsService(store, targets).undo("b1", author="А")
    assert store.facts()["code"].tolist() == ["1.1.1"]


def test_the_as_of_view_shows_the_newest_report_on_or_before_it_and_the_forecast_counts_to_that_report(make_con):
    q1, q2 = date(2021, 3, 31), date(2021, 6, 30)
    con = make_con([dict(passport_id="amur", kind="indicator", code="1.1", year=2020, fact_value=20,
                         reporting_date=date(2020, 12, 31)),
                    dict(passport_id="amur", kind="indicator", code="1.1", year=2021, fact_value=25,
                         reporting_date=q1),
                    dict(passport_id="amur", kind="indicator", code="1.1", year=2021, fact_value=32,
                         reporting_date=q2)])
    row = lambda as_of: _pf(con, as_of, passport_id="amur", kind="indicator", code="1.1", year=2021).iloc[0]  # noqa
    assert pd.isna(row(date(2021, 3, 30)).fact_value)  # no report for 2021 yet
    assert row(date(2021, 5, 15)).fact_value == 25  # the first quarter's
    later = row(date(2021, 8, 20))
    assert later.fact_value == 32 and pd.Timestamp(later.reporting_date).date() == q2
    # the forecast counts the year to the report's day (30.06: 181 of 365 days), not to the as-of day
    assert later.forecast_value == pytest.approx(20 + (32 - 20) / (181 / 365))


def test_one_report_serves_a_series_planned_under_two_codes(make_con):
    # Tomsk plans its 2024 internet share under results 1 and 1.25: a report entered under one serves both
    con = make_con([dict(passport_id="tomsk", kind="result", code="1", measure="orgs_internet_pct", year=2024,
                         fact_value=97)])
    rows = _pf(con, date(2025, 2, 1), passport_id="tomsk", kind="result", measure="orgs_internet_pct", year=2024)
    assert sorted(rows["code"]) == ["1", "1.25"] and set(rows["fact_value"]) == {97}
    assert set(rows["fact_code"]) == {"1"}


# ---- a file's cost follows the file: lookups of the passports it names only --------------------------------
def _plan_fields(plan) -> tuple:
    return ([str(p) for p in plan.problems], [str(w) for w in plan.warnings], plan.changes,
            plan.preview.to_dict("records"))


def test_catalogue_of_the_passports_a_file_names_is_the_whole_one_narrowed(targets):
    from facts.targets import Catalogue

    whole, narrow = Catalogue.of(targets), Catalogue.of(targets, ["Город Томск", " tomsk ", "нет такого"])
    assert (narrow.passports, narrow.names, narrow.labels, narrow.periods, narrow.spans) == (
        whole.passports, whole.names, whole.labels, whole.periods, whole.spans)
    assert narrow.known  # rows compared by repr: a missing plan is NaN, which equals nothing
    assert {k: repr(r) for k, r in narrow.known.items()} == {
        k: repr(r) for k, r in whole.known.items() if k[0] == "tomsk"}
    assert narrow.codes == {k for k in whole.codes if k[0] == "tomsk"}
    assert narrow.years == {k: y for k, y in whole.years.items() if k[0] == "tomsk"}


def test_import_narrowed_to_the_file_gives_what_the_whole_catalogue_gave(con, targets, store, monkeypatch):
    from facts import targets as facts_targets

    frame = template_frame(con, "tomsk", store)
    frame["Факт"] = ["01.01.2020" if k == "контрольная точка" else "1,5" for k in frame["Вид"]]
    frame.loc[3, "Паспорт"] = "Нетинск"  # an unknown passport: the same message either way
    frame["Источник"] = "отчёт"
    good = frame.drop(index=3).reset_index(drop=True)
    narrowed = [_plan_fields(plan_import(f.copy(), "f.csv", targets, store)) for f in (frame, good)]
    whole_of = facts_targets.Catalogue.of.__func__
    monkeypatch.setattr(facts_targets.Catalogue, "of",
                        classmethod(lambda cls, t, cells=None: whole_of(cls, t)))
    whole = [_plan_fields(plan_import(f.copy(), "f.csv", targets, store)) for f in (frame, good)]
    assert narrowed == whole
    assert narrowed[0][0] and "неизвестный паспорт «Нетинск»: нет паспорта с таким кодом" in narrowed[0][0][0]
    assert narrowed[1][2]  # the good file would save its facts
    by_ids = fact_targets(con, passport_ids=["tomsk"])
    assert by_ids.equals(targets[targets["passport_id"] == "tomsk"].reset_index(drop=True))


def test_passports_are_named_by_id_territory_or_label(con):
    from facts.targets import passports_named

    assert sorted(passports_named(con, ["AMUR", " Город   Томск ", "Нетинск"])) == ["amur", "tomsk"]
    assert passports_named(con, ["Город Томск (tomsk)", "Город Томск (tomsk)"]) == ["tomsk"]
    assert passports_named(con, ["", None, "Марс (mars)"]) == []


def test_the_service_reads_the_targets_of_the_file_passports_only(con, targets, store):
    asked: list[list[str]] = []

    def source(cells):
        frame = fact_targets(con, named_by=cells)
        asked.append(sorted(set(frame["passport_id"])))
        return frame

    frame = template_frame(con, "tomsk", store)
    frame["Факт"] = ["01.01.2020" if k == "контрольная точка" else "1,5" for k in frame["Вид"]]
    frame["Источник"] = "отчёт"
    narrowed = FactsService(store, source).check_frame(frame.copy(), "f.csv")
    whole = FactsService(store, targets).check_frame(frame.copy(), "f.csv")
    assert asked == [["tomsk"]]
    assert narrowed.changes and _plan_fields(narrowed) == _plan_fields(whole)
