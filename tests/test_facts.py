"""Facts: real-world file shapes, every rejection path (store unchanged), concurrency, kill during
save, undo, rebuild keeping facts, and plan-vs-fact arithmetic on hand-computed cases."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders.build import build_database, connect_memory
from loaders.facts_io import (
    fact_targets,
    parse_number,
    plan_import,
    plan_import_file,
    read_table,
    template_csv,
    template_frame,
    template_xlsx,
)
from loaders.facts_store import FactChange, FactKey, FactStore, FactValue

ROOT = Path(__file__).resolve().parent.parent
HEADER = "Паспорт;Вид;Раздел;Код;Мера;Год;План;Факт;Источник"


@pytest.fixture(scope="module")
def targets(con) -> pd.DataFrame:
    return fact_targets(con)


@pytest.fixture
def store(tmp_path) -> FactStore:
    return FactStore(tmp_path / "facts.sqlite")


def _csv(lines: list[str], encoding: str = "cp1251", header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode(encoding)


def _import(raw: bytes, name: str, targets, store, **kw):
    return plan_import(read_table(raw, name), name, targets, store, **kw)


# ---- template ------------------------------------------------------------------------------------
def test_template_has_every_plan_row_and_the_required_columns(con, store):
    frame = template_frame(con, "tomsk", store)
    for col in ("Паспорт", "Вид", "Код", "Мера", "Год", "План", "Факт", "Источник"):
        assert col in frame.columns
    assert set(frame["Вид"]) == {"показатель", "результат", "финансирование", "контрольная точка"}
    row = frame[(frame["Вид"] == "показатель") & (frame["Код"] == "1") & (frame["Год"] == 2020)].iloc[0]
    assert row["План"] == "76"
    assert (frame["Вид"] == "контрольная точка").sum() == 97


def test_cli_template_csv_and_xlsx(tmp_path):
    env = {**os.environ, "COS_FACTS_DB": str(tmp_path / "f.sqlite")}
    out = subprocess.run([sys.executable, "-m", "loaders", "facts-template", "--passport", "amur"],
                         capture_output=True, cwd=ROOT, env=env, check=True).stdout
    assert out.startswith("\ufeffПаспорт;Вид;".encode())
    xlsx = tmp_path / "t.xlsx"
    subprocess.run([sys.executable, "-m", "loaders", "facts-template", "--passport", "amur", "--out", str(xlsx)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet["A1"].value == "Паспорт" and sheet.max_row == 282  # header + 281 things that can have a fact


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
    assert plan.counts() == {"новый": 4, "изменён": 0, "без изменений": 0}


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
    sheet.cell(row=idx + 2, column=11, value=40.0)  # a real number cell, as Excel stores it
    buf = io.BytesIO()
    book.save(buf)
    plan = _import(buf.getvalue(), "факты.xlsx", targets, store)
    assert plan.ok, plan.problems
    assert [(c.key.code, c.key.year, c.value.fact_value) for c in plan.changes] == [("1", 2019, 40.0)]


def test_template_round_trip_changes_nothing(con, targets, store):
    store.apply([FactChange(FactKey("tomsk", "indicator", "1", year=2019), FactValue(fact_value=41, source="s"))])
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
    store.apply([FactChange(FactKey("amur", "indicator", "1.1", year=2020), FactValue(fact_value=20, source="s"))])
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
    with pytest.raises(ValueError, match="слишком большой"):
        read_table(b"x" * (21 * 1024 * 1024), "big.csv")
    with pytest.raises(ValueError, match="Excel"):
        read_table(b"PK\x03\x04garbage", "broken.xlsx")


def test_cli_import_exit_codes(tmp_path):
    env = {**os.environ, "COS_FACTS_DB": str(tmp_path / "f.sqlite")}
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(_csv(["amur;показатель;;1.1;;2019;;3,9;отчёт"]))
    bad.write_bytes(_csv(["amur;показатель;;1.1;;2019;;3,9;отчёт", "amur;показатель;;1.1;;2020;;абв;отчёт"]))
    run = lambda f: subprocess.run([sys.executable, "-m", "loaders", "import-facts", str(f)],  # noqa: E731
                                   capture_output=True, text=True, cwd=ROOT, env=env)
    rejected = run(bad)
    assert rejected.returncode == 1 and "строка 3, столбец «Факт»" in rejected.stderr
    assert FactStore(tmp_path / "f.sqlite").facts().empty
    stored = run(good)
    assert stored.returncode == 0 and "новых 1" in stored.stdout
    assert FactStore(tmp_path / "f.sqlite").facts()["fact_value"].tolist() == [3.9]


# ---- storage: audit, undo, concurrency, crash, rebuild ----------------------------------------------
def test_audit_and_undo(store):
    key = FactKey("amur", "indicator", "1.1", year=2019)
    first = store.apply([FactChange(key, FactValue(fact_value=3, source="a"))], who="Иванов")
    second = store.apply([FactChange(key, FactValue(fact_value=4, source="b"))], who="Петров")
    log = store.audit_log()
    assert log["who"].tolist()[:2] == ["Петров", "Иванов"]
    assert '"fact_value": 3' in log["old_json"].iloc[0] and '"fact_value": 4' in log["new_json"].iloc[0]
    store.undo(second, who="Петров")
    assert store.get([key])[key].fact_value == 3
    store.undo(first, who="Иванов")
    assert store.get([key]) == {}
    assert len(store.audit_log()) == 4


def _writer(path: str, year: int, n: int) -> None:
    store = FactStore(path)
    for i in range(n):
        store.apply([FactChange(FactKey("amur", "indicator", "1.1", year=year), FactValue(fact_value=i, source="p"))],
                    who=f"процесс {year}")


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "facts.sqlite")
    FactStore(path).version()
    procs = [multiprocessing.Process(target=_writer, args=(path, year, 40)) for year in (2019, 2020)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    store = FactStore(path)
    facts = store.facts()
    assert sorted(facts["year"]) == [2019, 2020]
    assert set(facts["fact_value"]) == {39}
    assert len(store.audit_log()) == 80


def test_kill_during_save_keeps_previous_state(tmp_path):
    path = tmp_path / "facts.sqlite"
    store = FactStore(path)
    store.apply([FactChange(FactKey("amur", "indicator", "1.1", year=2019), FactValue(fact_value=1, source="s"))])
    before = store.facts()
    script = (
        "import sys, time\n"
        "from loaders.facts_store import *\n"
        "s = FactStore(sys.argv[1])\n"
        "orig = s._read\n"
        "def slow(con, key):\n"
        "    time.sleep(0.01)\n"
        "    return orig(con, key)\n"
        "s._read = slow\n"
        "print('start', flush=True)\n"
        "s.apply([FactChange(FactKey('amur','indicator','1.1',year=y), FactValue(fact_value=99, source='x'))"
        " for y in range(2018, 2025)] * 200)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(path)], cwd=ROOT, stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"start"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    pd.testing.assert_frame_equal(FactStore(path).facts(), before)


def test_rebuild_of_plans_keeps_facts(tmp_path):
    store = FactStore(tmp_path / "facts.sqlite")
    store.apply([FactChange(FactKey("tomsk", "indicator", "1", year=2020), FactValue(fact_value=70, source="s"))])
    db = tmp_path / "cos.duckdb"
    for _ in range(2):
        build_database(ROOT / "data", db, facts=store.as_stg_fact())
    assert store.facts()["fact_value"].tolist() == [70]
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    row = con.execute("select fact_value, status from plan_fact_asof(?, null, null) where passport_id = 'tomsk' "
                      "and kind = 'indicator' and code = '1' and year = 2020", [date(2025, 1, 1)]).fetchone()
    assert row == (70, "риск")  # 70 / 76 = 92,1 %


def test_examples_are_labelled_and_real_facts_win(tmp_path):
    store = FactStore(tmp_path / "facts.sqlite")
    con = connect_memory(ROOT / "data")
    plan = plan_import_file(ROOT / "data/examples/facts_tomsk.csv", fact_targets(con), store, is_example=True)
    assert plan.ok, plan.problems[:3]
    store.apply(plan.changes)
    real = FactKey("tomsk", "indicator", "1", year=2020)
    store.apply([FactChange(real, FactValue(fact_value=77, source="отчёт"))])
    con = connect_memory(ROOT / "data", store.as_stg_fact())
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
                         fact_value=30)],
                   data_dir=ROOT / "tests/fixtures/clean")
    row = _pf(con, date(2020, 7, 1), passport_id="mini", kind="result", code="1.2",
              measure="orgs_internet_pct").iloc[0]
    assert row.status == "в работе" and bool(row.is_cumulative)
    elapsed = 183 / 366
    assert row.forecast_value == pytest.approx(min(100, 0 + 30 / elapsed), abs=0.01)


def test_funding_execution_and_flow_forecast(make_con):
    con = make_con([dict(passport_id="mini", kind="funding", section="passport", code="1", measure="federal",
                         year=2020, fact_value=2.0)], data_dir=ROOT / "tests/fixtures/clean")
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


def test_audit_table_shows_deletions(tmp_path):
    from metrics.facts import audit_table

    store = FactStore(tmp_path / "facts.sqlite")
    key = FactKey("amur", "indicator", "1.1", year=2019)
    store.apply([FactChange(key, FactValue(fact_value=3.5, source="a"))])
    store.apply([FactChange(key, None)])
    table = audit_table(None, str(tmp_path / "facts.sqlite"))
    assert table["Было"].tolist() == ["3,5", ""] and table["Стало"].tolist() == ["", "3,5"]
