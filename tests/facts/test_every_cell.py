"""Any value in any column of a facts file — empty, huge, negative, fractional, text, odd Unicode — gives a checked
plan or a Russian message that names the row and the column; never «Непредвиденная ошибка» or a reader failure,
and a check stores nothing. Both file kinds a user uploads: CSV (as Russian Excel saves it) and XLSX."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts.layout import COLUMNS
from facts.service import FactsService
from facts.targets import fact_targets
from facts.template import template_csv, template_frame, template_xlsx
from loaders.__main__ import main as loaders_main
from store.facts_store import FactStore
from tests.helpers import built, model

ODD = ["", " ", "\t", "\n", "0", "-5", "-0,0", "2020,7", "0,0000001", "1e308", "1e400", "9" * 45,
       "99999999999999999999", "nan", "inf", "-inf", "абв", "=1+2", "'", "“кавычки”", "🙂", "\u202eперевёрнутый",
       "\ufeff2020", "２０２０", "١٢٣", "2\u00a0020", "1 280,5 %", "31.02.2024", "31.12.99999", "\x00", "\x1b[31m",
       "Z̴̡a̶l̸g̵o", "x" * 10_001, "<script>alert(1)</script>", "NULL", "None", "True", "-"]
KINDS = ("показатель", "результат", "финансирование", "контрольная точка")
GENERIC = ("Непредвиденная", "не прочитан", "Traceback", "Error", "error")
Values = st.one_of(st.sampled_from(ODD), st.text(max_size=40))


@pytest.fixture(scope="module")
def rows() -> dict[str, dict]:
    """One filled template row of each kind (a real plan line of Tomsk), facts and sources given."""
    frame = template_frame(model(), "tomsk")
    out = {}
    for kind in KINDS:
        row = frame[frame["Вид"] == kind].iloc[0].to_dict()
        row["Факт"] = "31.12.2020" if kind == "контрольная точка" else "1,5"
        row["Источник"] = "отчёт"
        out[kind] = row
    return out


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> FactsService:
    store = FactStore(tmp_path_factory.mktemp("every_cell") / "facts.sqlite")
    return FactsService(store, fact_targets(model()))


def _file(row: dict, kind: str) -> bytes:
    frame = pd.DataFrame([row], columns=COLUMNS)
    return template_xlsx(frame) if kind == "xlsx" else template_csv(frame)


def _checked(service: FactsService, row: dict, kind: str):
    plan = service.check_file(_file(row, kind), f"факты.{kind}")
    for problem in plan.problems:
        text = f"{problem.place} {problem.message}"
        assert not any(word in text for word in GENERIC), text
        assert re.search("[а-яё]", problem.message), text  # Russian, not a driver's English
        if problem.place not in ("", "заголовок"):
            assert re.match(r"строка \d+", problem.place), text
    return plan


@pytest.mark.parametrize("file_kind", ["csv", "xlsx"])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(COLUMNS), kind=st.sampled_from(KINDS), value=Values)
def test_any_value_in_any_column_is_a_russian_message_with_its_row_and_column(service, rows, file_kind, column,
                                                                              kind, value):
    before = service.store.version()
    row = {**rows[kind], column: value}
    plan = _checked(service, row, file_kind)
    places = {p.place for p in plan.problems}
    if plan.problems and column in ("Паспорт", "Вид", "Код", "Мера", "Год", "Факт", "Отчётная дата"):
        assert any(f"«{column}»" in place or place in ("", "заголовок") or "столбец" in place for place in places)
    assert service.store.version() == before  # a check stores nothing


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("file_kind", ["csv", "xlsx"])
def test_an_empty_year_is_said_at_its_row_and_column(service, rows, kind, file_kind):
    plan = _checked(service, {**rows[kind], "Год": ""}, file_kind)
    if kind == "контрольная точка" and plan.ok:
        return  # a control point may have no deadline year
    assert [p.place for p in plan.problems] == ["строка 2, столбец «Год»"], plan.problems
    assert plan.problems[0].message.startswith("укажите год: план ")


def test_the_command_line_says_the_empty_year_in_russian(tmp_path, rows, capsys, monkeypatch):
    """The reproduction of the issue: `import-facts` of a file whose result row has no year."""
    path = tmp_path / "факты.csv"
    path.write_bytes(_file({**rows["результат"], "Год": ""}, "csv"))
    code = loaders_main(["--db", str(built()), "import-facts", str(path), "--facts", str(tmp_path / "f.sqlite"),
                         "--who", "Тестов Т. Т."])
    err = capsys.readouterr().err
    assert code == 1 and "строка 2, столбец «Год»: укажите год" in err and "Непредвиденная" not in err
    assert not Path(tmp_path / "f.sqlite").exists() or FactStore(tmp_path / "f.sqlite").facts().empty
