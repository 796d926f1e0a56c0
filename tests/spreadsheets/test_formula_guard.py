"""Every file the app writes guards users' text from running as an Excel formula; numbers stay numbers."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from facts.template import template_csv, template_frame, template_xlsx
from spreadsheets.guard import guard_text, needs_guard, unguard_text
from spreadsheets.writing import guard_formulas, to_csv

HOSTILE = ["=1+2", " =HYPERLINK(\"http://x\")", "  +7 913 123-45-67", "-2+3", "@SUM(A1)", "\tтаб", "\rвозврат",
           "'=уже с апострофом"]
HARMLESS = ["отчёт № 12", "-3", "+7,5", "-12 %", "1 280", "", "приказ 45-о"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_guarded_and_unguarded_exactly(text):
    assert needs_guard(text)
    assert guard_text(text) == "'" + text
    assert unguard_text(guard_text(text)) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_numbers_and_plain_text_are_left_alone(text):
    assert guard_text(text) == text and unguard_text(text) == text


def test_page_exports_guard_leading_spaces_tab_and_cr_but_not_numbers():
    frame = pd.DataFrame({"Комментарий": HOSTILE, "Число": range(len(HOSTILE)),
                          "Отрицательное": [-1.5] * len(HOSTILE)})
    guarded = guard_formulas(frame)
    assert guarded["Комментарий"].tolist() == ["'" + t for t in HOSTILE]
    assert guarded["Число"].tolist() == list(range(len(HOSTILE)))
    rows = list(csv.reader(io.StringIO(to_csv(frame).decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[1][0] == "'=1+2" and rows[1][2] == "-1,5"


def _with_comments(con, comments: list[str]) -> pd.DataFrame:
    frame = template_frame(con, "tomsk").head(len(comments)).copy()
    frame["Комментарий"] = comments
    frame["Источник"] = comments[::-1]
    return frame


def test_template_csv_guards_users_text(con):
    frame = _with_comments(con, HOSTILE)
    rows = list(csv.DictReader(io.StringIO(template_csv(frame).decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r["Комментарий"] for r in rows] == ["'" + t for t in HOSTILE]
    assert all(not needs_guard(r["План"]) or r["План"] == "" for r in rows)  # plans stay numbers


def test_template_xlsx_writes_users_text_as_text_cells(con):
    frame = _with_comments(con, HOSTILE)
    sheet = openpyxl.load_workbook(io.BytesIO(template_xlsx(frame))).active
    column = [c.value for c in sheet[1]].index("Комментарий")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == [*HOSTILE[:-1], "''=уже с апострофом"]  # as in CSV: read back as it was
    assert {c.data_type for c in cells} == {"s"}  # never a formula
    assert all(c.quotePrefix for c in cells)
