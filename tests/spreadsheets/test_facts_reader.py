"""The facts reader as a property: any bytes or text give rows or a Russian error, never an exception; numbers
parse or are refused in Russian; a template with users' formulas round-trips unchanged; rows keep Excel numbers."""

from __future__ import annotations

import io
import math
import re

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.keys import FactKey
from domain.problems import InputError
from facts.layout import FACTS_LAYOUT
from facts.service import FactsService
from facts.targets import fact_targets
from facts.template import template_csv, template_frame, template_xlsx
from spreadsheets.cells import ROW_INDEX
from spreadsheets.reading import read_file, read_table
from spreadsheets.values import BadValue, parse_date, parse_number
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.bad_inputs import build

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = "Паспорт;Вид;Код;Мера;Год;Факт;Источник"


def russian(message: str) -> bool:
    """Cyrillic words and no English ones (outside «quotes», which hold the user's own text)."""
    outside = re.sub(r"«[^»]*»", "", message)
    return bool(re.search(r"[а-яё]{3,}", outside)) and not re.search(r"\b(?!CSV|XLSX|XLS|UTF|BOM|Excel|Windows|"
                                                                      r"OpenDocument|ODS|NaN)[A-Za-z]{4,}", outside)


def _read_or_refuse(raw: bytes, name: str) -> pd.DataFrame | None:
    try:
        frame = read_table(raw, name, FACTS_LAYOUT)
    except InputError as exc:
        assert exc.problems and all(russian(p.message) for p in exc.problems), exc.problems
        return None
    assert isinstance(frame, pd.DataFrame) and frame.index.name == ROW_INDEX
    return frame


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_give_rows_or_a_russian_error(raw):
    _read_or_refuse(raw, "f.csv")


@FAST
@given(st.binary(max_size=500))
def test_any_bytes_after_the_zip_signature_give_a_russian_error(raw):
    _read_or_refuse(b"PK\x03\x04" + raw, "f.xlsx")


_CELL = st.text(alphabet=st.sampled_from(list(';,\t"\'\r\n =+-@%.,0123456789 amurпоказательФакт')), max_size=12)


@FAST
@given(st.lists(st.lists(_CELL, max_size=9), max_size=8), st.sampled_from(["utf-8", "utf-8-sig", "cp1251",
                                                                            "utf-16"]))
def test_any_text_under_a_header_gives_rows_or_a_russian_error(rows, encoding):
    text = "\r\n".join([HEADER, *(";".join(r) for r in rows)])
    frame = _read_or_refuse(text.encode(encoding), "f.csv")
    if frame is not None:
        assert list(frame.columns) == HEADER.split(";")


@FAST
@given(st.text(max_size=60))
def test_any_text_is_a_finite_number_nothing_or_a_russian_refusal(text):
    try:
        number = parse_number(text)
    except BadValue as exc:
        assert russian(str(exc)), str(exc)
        return
    assert number is None or math.isfinite(number)


@FAST
@given(st.text(max_size=60))
def test_any_text_is_a_date_nothing_or_a_russian_refusal(text):
    try:
        parse_date(text)
    except BadValue as exc:
        assert russian(str(exc))


@pytest.mark.parametrize("text,value", [("1,5E+03", 1500.0), ("-0", 0.0), ("1e400", None), ("9" * 400, None),
                                        ("١٢٣", None), ("12.5.1", None)])
def test_numbers_at_the_edges(text, value):
    if value is None:
        with pytest.raises(BadValue):
            parse_number(text)
    else:
        assert parse_number(text) == value


def test_rows_keep_the_numbers_excel_shows(con):
    raw = "\r\n".join([HEADER, "", "amur;показатель;1.1;;2019;пять;s", '"a', 'b";x;y;z;1;2;3', "",
                       "amur;показатель;1.1;;2019;шесть;s"]).encode("utf-8")
    frame = read_table(raw, "f.csv", FACTS_LAYOUT)
    assert list(frame.index) == [3, 4, 6]  # a blank row is a row; a quoted line break is not
    raw = build.book([["Паспорт", "Вид", "Код", "Мера", "Год", "Факт", "Источник"], [],
                      ["amur", "показатель", "1.1", "", 2019, "пять", "s"]])
    assert list(read_table(raw, "f.xlsx", FACTS_LAYOUT).index) == [3]


def test_a_workbook_names_its_sheet_and_hidden_sheets(con, tmp_path):
    raw = build.book([build.HEADER, ["amur", "показатель", "", "1.1", "", 2019, "пять", "отчёт"]],
                     hidden={"Старое": [["x"]]})
    table = read_file(raw, "f.xlsx", FACTS_LAYOUT)
    assert table.sheet == "Факты" and table.notes == ["прочитан лист «Факты»", "скрытые листы не прочитаны: «Старое»"]
    plan = FactsService(FactStore(tmp_path / "f.sqlite"), fact_targets(con)).check_file(raw, "f.xlsx")
    assert [str(p) for p in plan.problems] == ["f.xlsx, лист «Факты»: строка 2, столбец «Факт»: ожидается число, "
                                               "получено «пять»"]
    assert plan.notes == table.notes


HOSTILE = ["=HYPERLINK(\"http://x\";\"отчёт\")", " =1+2", "+7 913 123-45-67", "@SUM(A1)", "-2+3", "'=уже"]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_template_with_users_formulas_round_trips_unchanged(con, store, kind):
    service = FactsService(store, fact_targets(con))
    keys = [FactKey("tomsk", "indicator", "", "1", "", year, pd.Timestamp(year, 12, 31).date())
            for year in range(2019, 2019 + len(HOSTILE))]
    service.set([FactChange(k, FactValue(fact_value=50, source=text, comment=text))
                 for k, text in zip(keys, HOSTILE, strict=True)], author="Тестов Т.Т.")
    frame = template_frame(con, "tomsk", store)
    raw = template_csv(frame) if kind == "csv" else template_xlsx(frame)
    if kind == "xlsx":  # Excel saves what it read: resave the workbook as a user would
        book = openpyxl.load_workbook(io.BytesIO(raw))
        buf = io.BytesIO()
        book.save(buf)
        raw = buf.getvalue()
    back = read_table(raw, f"t.{kind}", FACTS_LAYOUT)
    assert back[back["Комментарий"] != ""]["Комментарий"].tolist() == [t.strip() for t in HOSTILE]  # as stored
    plan = service.check_file(raw, f"t.{kind}")
    assert plan.ok and plan.changes == [], plan.problems  # nothing changed, nothing to save


def test_many_problems_stop_at_the_limit(con, tmp_path):
    rows = [f"amur;показатель;1.1;;{2019 + i % 6};плохо{i};s" for i in range(1000)]
    raw = "\r\n".join([HEADER, *rows]).encode("utf-8")
    plan = FactsService(FactStore(tmp_path / "f.sqlite"), fact_targets(con)).check_file(raw, "f.csv")
    assert len(plan.problems) == 101 and "проверка остановлена после 100 ошибок" in plan.problems[-1].message


def test_a_big_real_file_is_read_within_the_limits(con, tmp_path):
    frame = pd.concat([template_frame(con, "amur")] * 10, ignore_index=True)  # 2 810 rows
    frame["Факт"] = "1"
    raw = template_xlsx(frame)
    table = read_file(raw, "big.xlsx", FACTS_LAYOUT)
    assert len(table.frame) == len(frame)
    assert len(read_table(template_csv(frame), "big.csv", FACTS_LAYOUT)) == len(frame)
