"""Risks, events and the user's own measures: entered through the facts service, validated in Russian, numbered,
audited, undoable, and shown where they belong — never mixed with the passport's plans."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from domain.vocabulary import USER_TARGET
from facts.outcomes import FactsError
from facts.service import FactsService
from facts.targets import fact_targets
from metrics import registers as reg
from panels.base import Filters
from panels.journal import audit_table
from panels.topics import topic_panels
from store.records import FactChange, FactValue
from tests.helpers import fact_key, model

TODAY = date(2023, 10, 5)
RISKS_CSV = ("Паспорт;Риск;Вероятность;Влияние;Ответственный;Меры;Статус;Дата выявления;Срок;Тема\r\n"
             "Амурская область;Срыв поставки оборудования;высокая;высокая;Иванов И.И.;=HYPERLINK(\"x\");открыт;"
             "01.03.2023;30.11.2023;Целевая модель ЦОС\r\n"
             "amur;Нехватка педагогов;средняя;Высокое;;;;;;\r\n")


@pytest.fixture
def service(store) -> FactsService:
    """The facts service over a new store of each backend in turn (conftest)."""
    return FactsService(store, fact_targets(model()), today=lambda: TODAY)


def test_risks_from_a_windows_excel_csv_are_numbered_and_audited(service):
    raw = RISKS_CSV.encode("cp1251")
    plan = service.check_entries_file(raw, "риски.csv", "risk")
    assert plan.ok, plan.problems
    assert list(plan.preview["Изменение"]) == ["новый", "новый"]
    service.save(plan, author="Петров П.П.")
    stored = service.store.records("risk", "amur")
    assert [ref.entry_id for ref, _ in stored] == ["Р-1", "Р-2"]
    first, second = (payload for _, payload in stored)
    assert first["probability"] == "high" and first["impact"] == "high" and first["due"] == "2023-11-30"
    assert first["measures"] == '=HYPERLINK("x")'  # kept as typed; exports guard it
    # a blank status is «открыт», a blank identification date is the day it was entered
    assert second["status"] == "open" and second["identified"] == TODAY.isoformat()
    # the same file again changes nothing: a row without a number finds its record by its wording
    again = service.check_entries_file(raw, "риски.csv", "risk")
    assert set(again.preview["Изменение"]) == {"без изменений"} and not again.changes
    log = audit_table(model(service.store), service.store.identity)
    assert list(log["Вид"]) == ["риск", "риск"] and set(log["Кто"]) == {"Петров П.П."}
    assert log["Паспорт"].iloc[0] == "Амурская область"
    assert "Нехватка педагогов" in log["Стало"].iloc[0]


@pytest.mark.parametrize(("row", "column", "words"), [
    ("amur;;высокая;высокая;;;;;;", "Риск", "заполните"),
    ("amur;Риск;очень;высокая;;;;;;", "Вероятность", "допустимо: низкая, средняя, высокая"),
    ("amur;Риск;низкая;низкая;;;готово;;;", "Статус", "неизвестное значение «готово»"),
    ("amur;Риск;низкая;низкая;;;;01.06.2023;01.05.2023;", "Срок", "срок раньше даты выявления"),
    ("amur;Риск;низкая;низкая;;;;01.06.2030;;", "Дата выявления", "вне срока паспорта"),
    ("amur;Риск;низкая;низкая;;;;;;Космос", "Тема", "неизвестная тема «Космос»"),
    ("Марс;Риск;низкая;низкая;;;;;;", "Паспорт", "неизвестный паспорт «Марс»"),
])
def test_a_wrong_risk_row_is_refused_in_russian_naming_row_and_column(service, row, column, words):
    header = RISKS_CSV.split("\r\n")[0]
    plan = service.check_entries_file(f"{header}\r\n{row}\r\n".encode(), "r.csv", "risk")
    assert not plan.ok
    problem = plan.problems[0]
    assert problem.place == f"строка 2, столбец «{column}»" and words in problem.message, problem
    with pytest.raises(FactsError):
        service.save(plan, author="П")
    assert service.store.entries().empty


def test_a_number_that_does_not_exist_is_refused(service):
    raw = "Номер;Паспорт;Риск;Вероятность;Влияние\r\nР-7;amur;Риск;низкая;низкая\r\n".encode()
    plan = service.check_entries_file(raw, "r.csv", "risk")
    assert "нет записи № Р-7" in plan.problems[0].message


def test_deleting_a_record_and_undoing_it_keeps_its_number(service):
    service.save(service.check_entries_file(RISKS_CSV.encode(), "r.csv", "risk"), author="П")
    delete = "Номер;Паспорт;Риск;Вероятность;Влияние;Удалить\r\nР-1;amur;;;;Да\r\n".encode()
    saved = service.save(service.check_entries_file(delete, "d.csv", "risk"), author="П")
    assert [ref.entry_id for ref, _ in service.store.records("risk")] == ["Р-2"]
    # a new risk does not take the deleted one's number
    one = "Паспорт;Риск;Вероятность;Влияние\r\namur;Новый риск;низкая;низкая\r\n".encode()
    service.save(service.check_entries_file(one, "n.csv", "risk"), author="П")
    service.undo(saved.batch_id, author="П")
    assert sorted(ref.entry_id for ref, _ in service.store.records("risk")) == ["Р-1", "Р-2", "Р-3"]


def _measure(service: FactsService, name: str = "Оборудованные школы", target: str = "120") -> None:
    raw = ("Паспорт;Наименование;Ед. изм.;Накопительно;Тема;Цель пользователя;Год цели\r\n"
           f"amur;{name};единица;Да;Интернет;{target};\r\n").encode()
    plan = service.check_entries_file(raw, "m.csv", "user_measure")
    assert plan.ok, plan.problems
    service.save(plan, author="П")


def test_a_measure_of_the_user_takes_facts_by_number_or_name_and_is_never_a_plan(service):
    facts = ("Паспорт;Вид;Код;Мера;Год;Факт;Источник\r\n"
             "amur;мера пользователя;Оборудованные школы;;2022;40;отчёт\r\n").encode()
    assert "нет кода «Оборудованные школы»" in service.check_file(facts, "f.csv").problems[0].message
    _measure(service)
    ref, payload = service.store.records("user_measure", "amur")[0]
    assert ref.entry_id == "М-1" and payload["target_year"] == 2024  # a target without a year: the last year
    plan = service.check_file(facts, "f.csv")
    assert plan.ok, plan.problems
    service.save(plan, author="П")
    by_number = "Паспорт;Вид;Код;Мера;Год;Факт;Источник\r\namur;мера пользователя;М-1;;2023;75;отчёт\r\n".encode()
    service.save(service.check_file(by_number, "g.csv"), author="П")
    con = model(service.store)
    target = con.execute("select count(*), count(plan_value) from fact_target where kind = 'user_measure'").fetchone()
    assert target == (7, 0)  # every year of the Amur passport (2018–2024), and no plan
    rows = reg.user_measure_facts(con, ("amur",), "internet", date(2024, 12, 31), 2018, 2024)
    assert list(rows.dropna(subset=["fact_value"])["fact_value"]) == [40.0, 75.0]
    assert rows.loc[rows["year"] == 2024, "user_target"].item() == 120.0
    panels = topic_panels(con, Filters(("amur",), 2018, 2024, date(2024, 12, 31)), "internet")
    own = next(p for p in panels if p.key == "user_measures_internet")
    assert USER_TARGET.capitalize() in own.table.columns and "План" not in own.table.columns
    assert any(USER_TARGET.capitalize() in (t.name or "") for t in own.figure.data)


def test_a_measure_with_facts_cannot_be_deleted(service):
    _measure(service)
    service.set([FactChange(fact_key("amur", "user_measure", "М-1", 2022), FactValue(10, source="отчёт"))],
                author="П")
    delete = "Номер;Паспорт;Наименование;Ед. изм.;Тема;Удалить\r\nМ-1;amur;;;;Да\r\n".encode()
    with pytest.raises(FactsError, match="есть факты"):
        service.save(service.check_entries_file(delete, "d.csv", "user_measure"), author="П")


def test_events_are_marks_on_their_topic_page(service):
    raw = ("Паспорт;Событие;Где;Дата;Тема;Источник\r\n"
           "amur;Открыт центр «IT-куб»;Белогорск;01.09.2020;IT-куб;приказ № 5\r\n"
           "amur;<b>Открыт</b> центр «IT-куб»;Свободный;01.09.2021;IT-куб;приказ № 9\r\n").encode()
    service.save(service.check_entries_file(raw, "e.csv", "event"), author="П")
    con = model(service.store)
    panels = topic_panels(con, Filters(("amur",), 2018, 2024, date(2021, 1, 1)), "it_cube")
    events = next(p for p in panels if p.key == "events_it_cube")
    # as of 01.01.2021 the 2021 opening has not happened yet
    assert list(events.table["Где"]) == ["Белогорск"]
    later = topic_panels(con, Filters(("amur",), 2018, 2024, date(2022, 1, 1)), "it_cube")
    figure = next(p for p in later if p.key == "events_it_cube").figure
    hovers = " ".join(figure.data[0].customdata)
    assert "&lt;b&gt;Открыт&lt;/b&gt;" in hovers and "<b>Открыт</b>" not in hovers  # user text is escaped


def test_risks_panel_counts_and_matrix(service):
    service.save(service.check_entries_file(RISKS_CSV.encode(), "r.csv", "risk"), author="П")
    from panels.registers import risk_panels

    panels = risk_panels(model(service.store), Filters(("amur",), 2018, 2024, date(2024, 1, 1)))
    cards = {m.label: m.value for m in panels[0].metrics}
    assert cards["Открытых рисков"] == "2" and cards["Из них высоких"] == "2" and cards["Срок мер прошёл"] == "1"
    heat = panels[1].figure.data[0]
    assert heat.text[2][2] == "Р-1" and heat.text[1][2] == "Р-2"  # high × high, medium × high


def test_example_registers_load_with_the_example_facts_and_go_with_them(store):
    service = FactsService(store, fact_targets(model()))
    plan, saved = service.load_examples(author="Тестов Т.Т.")
    assert plan.ok and saved is not None
    entries = store.entries()
    assert set(entries["kind"]) == {"risk", "event", "user_measure"}
    own = store.facts().query("kind == 'user_measure'")
    assert len(own) == 7 and set(own["code"]) == {"М-1"}
    service.drop_examples(author="Тестов Т.Т.")
    assert store.entries().empty and store.facts().empty


def test_the_import_preview_asks_about_unlikely_values(service):
    service.set([FactChange(fact_key("amur", "indicator", "1.1", 2021), FactValue(40, source="отчёт"))], author="П")
    raw = ("Паспорт;Вид;Код;Мера;Год;Факт;Источник\r\n"
           "amur;показатель;1.1;;2022;30;отчёт\r\n"              # a running share below last year's
           "amur;показатель;1.1;;2023;95;отчёт\r\n"              # +65 points in a year
           "amur;результат;18.1;it_cubes;2021;20;отчёт\r\n").encode()  # 20 IT-cubes against a plan of 3
    plan = service.check_file(raw, "f.csv")
    assert plan.ok, plan.problems
    said = {(w.place, w.message.split(":")[0]) for w in plan.warnings}
    messages = " ".join(w.message for w in plan.warnings)
    assert "меньше, чем год назад (40)" in messages
    assert "больше плана" in messages  # 20 IT-cubes against a plan of 3
    assert "изменилась" in messages or "пунктов" in messages
    assert any(place.startswith("строка 2") for place, _ in said)
    # warnings never refuse: the file can be saved
    assert service.save(plan, author="П").changed == 3


def test_a_finished_year_short_of_plan_without_a_reason_is_asked(service):
    raw = "Паспорт;Вид;Код;Мера;Год;Факт;Источник\r\namur;показатель;1.1;;2021;30;отчёт\r\n".encode()
    plan = service.check_file(raw, "f.csv")
    assert any("причин" in w.message.lower() for w in plan.warnings)
    with_reason = raw.decode().replace("Источник\r\n", "Источник;Причина отклонения\r\n").replace(
        "отчёт\r\n", "отчёт;подрядчик сорвал сроки\r\n").encode()
    assert not [w for w in service.check_file(with_reason, "f.csv").warnings if "причин" in w.message.lower()]


def test_the_page_editor_adds_edits_and_deletes_register_rows(service):

    from facts.registers import register_rows

    con = model(service.store)
    empty = register_rows(con, service.store, "event", "amur").assign(Удалить=False)
    added = pd.concat([empty, pd.DataFrame([{"Событие": "Открыт IT-куб", "Где": "Тында", "Дата": "01.09.2022",
                                             "Тема": "IT-куб", "Источник": "сайт министерства"}])],
                      ignore_index=True)
    plan = service.check_register_edits("event", empty, added, "Амурская область")
    assert plan.ok, plan.problems
    service.save(plan, author="П")
    shown = register_rows(con, service.store, "event", "amur").assign(Удалить=False)
    assert list(shown["Номер"]) == ["С-1"] and list(shown["Паспорт"]) == ["Амурская область"]
    edited = shown.copy()
    edited.loc[0, "Дата"] = "31.02.2022"
    bad = service.check_register_edits("event", shown, edited, "Амурская область")
    assert bad.problems[0].place == "строка 1, столбец «Дата»"
    edited.loc[0, "Удалить"] = True
    edited.loc[0, "Дата"] = "01.09.2022"
    service.save(service.check_register_edits("event", shown, edited, "Амурская область"), author="П")
    assert service.store.entries().empty
