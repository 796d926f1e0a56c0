"""План мероприятий and Команда: status macro, metric functions and chart builders, on the real passports
and on hand-made facts and rows."""

from __future__ import annotations

import itertools
import re
import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import timeline
from domain.formatting import plural as plural_ru
from domain.vocabulary import ACTIVITY_STATUSES
from metrics import activities, team
from panels.plan import date_problems, overdue_table
from panels.team import team_table
from tests.helpers import model

ROOT = Path(__file__).resolve().parents[2]
TODAY_LIKE = date(2026, 11, 23)  # after every planned end: without facts all is overdue
MID = date(2020, 6, 1)
ALL_YEARS = (2018, 2024)
STATUSES = set(ACTIVITY_STATUSES.labels)


def cp_fact(passport_id: str, key: str, year: int, fact_date: date | None, status: str = "done") -> dict:
    """A control-point fact as the facts store hands it to stg_fact."""
    return {"passport_id": passport_id, "kind": "control_point", "code": key, "year": year,
            "fact_date": fact_date, "fact_status": status}


def plan_row(plan, key: str):
    rows = plan[plan["activity_key"] == key]
    assert len(rows) == 1, key
    return rows.iloc[0]


# ---- the activity_status_asof macro on the real passports --------------------------------------------------

@pytest.mark.parametrize(("passport_id", "n"), [("amur", 173), ("tomsk", 97)])
def test_one_status_row_per_plan_row(con, passport_id, n):
    frame = con.execute("select * from activity_status_asof(?) where passport_id = ?", [MID, passport_id]).df()
    assert len(frame) == n
    assert frame["activity_key"].is_unique
    assert frame["status"].notna().all()
    assert set(frame["status"]) <= STATUSES


def test_view_is_as_of_today(con):
    view = con.execute("select passport_id, activity_key, status from activity_status order by all").df()
    macro = con.execute(
        "select passport_id, activity_key, status from activity_status_asof(current_date) order by all").df()
    assert view.equals(macro)


def test_without_facts_everything_past_its_end_is_overdue(con):
    frame = con.execute("select * from activity_status_asof(?)", [TODAY_LIKE]).df()
    assert set(frame["status"]) == {"просрочено"}
    expected = [(TODAY_LIKE - d.date()).days for d in frame["end_date"]]
    assert frame["overdue_days"].tolist() == expected
    assert frame["slip_days"].tolist() == expected


def test_before_the_plan_nothing_has_started(con):
    frame = con.execute("select status from activity_status_asof(date '2018-01-01')").df()
    assert set(frame["status"]) == {"не начато"}


def test_mid_plan_statuses_follow_the_dates(con):
    frame = con.execute("select * from activity_status_asof(?)", [MID]).df()
    as_of = MID.isoformat()
    running = frame[frame["status"] == "в работе"]
    assert len(running) > 0
    assert (running["start_date"].dt.strftime("%Y-%m-%d") <= as_of).all()
    assert (running["end_date"].dt.strftime("%Y-%m-%d") >= as_of).all()
    late = frame[frame["status"] == "просрочено"]
    assert (late["end_date"].dt.strftime("%Y-%m-%d") < as_of).all()
    assert late["is_overdue"].all() and not frame.loc[frame["status"] != "просрочено", "is_overdue"].any()
    waiting = frame[frame["status"] == "не начато"]
    starts = waiting["start_date"].fillna(waiting["end_date"])
    assert (starts.dt.strftime("%Y-%m-%d") > as_of).all()


def test_tomsk_control_points_are_milestones(con):
    frame = con.execute(
        "select * from activity_status_asof(?) where passport_id = 'tomsk' and kind = 'control_point'", [MID]).df()
    assert len(frame) == 21
    assert frame["is_milestone"].all()
    assert frame["date_problem"].isna().all()  # printed without a start: nothing unreadable


def test_amur_rows_ending_before_they_start_are_named(con):
    frame = activities.activity_plan(con, "amur", MID, *ALL_YEARS)
    problems = date_problems(frame)
    assert set(problems["Код"]) == {"7.1.4", "11.1.8"}
    reason = problems.loc[problems["Код"] == "7.1.4", "Что не так"].item()
    assert reason == "окончание 20.08.2020 раньше начала 10.09.2020"


# ---- hand-made facts ------------------------------------------------------------------------------------

@pytest.fixture
def tomsk_with_facts(make_con):
    # 1.1.1 ends 01.04.2019, 1.1.2 ends 01.09.2019, 2.1.1 ends 28.02.2019, 2.1.2 ends 01.04.2019,
    # 3.1.1 ends 28.02.2019, 2.1 (a control point) ends 16.12.2019
    return make_con([
        cp_fact("tomsk", "1.1.1", 2019, date(2019, 3, 20)),                    # on time, 12 days early
        cp_fact("tomsk", "1.1.2", 2019, date(2019, 10, 1)),                    # 30 days late
        cp_fact("tomsk", "2.1.1", 2019, date(2020, 1, 10)),                    # done after the as-of date
        cp_fact("tomsk", "2.1.2", 2019, None, "cancelled"),
        cp_fact("tomsk", "3.1.1", 2019, date(2019, 3, 1), "not_done"),
        cp_fact("tomsk", "2.1", 2019, date(2019, 12, 16)),                     # a milestone met on its day
        cp_fact("tomsk", "4.1.1", 2020, date(2019, 6, 1)),                     # wrong year: not this row's fact
    ])


def test_facts_decide_the_status(tomsk_with_facts):
    plan = activities.activity_plan(tomsk_with_facts, "tomsk", date(2019, 12, 31), *ALL_YEARS)
    on_time = plan_row(plan, "1.1.1")
    assert (on_time["status"], on_time["slip_days"]) == ("выполнено", -12)
    late = plan_row(plan, "1.1.2")
    assert (late["status"], late["slip_days"]) == ("выполнено с опозданием", 30)
    assert pd.isna(late["overdue_days"])
    assert plan_row(plan, "2.1.1")["status"] == "просрочено"  # its fact is dated after 31.12.2019
    assert plan_row(plan, "2.1.2")["status"] == "отменено"
    assert not plan_row(plan, "2.1.2")["is_overdue"]
    assert plan_row(plan, "3.1.1")["status"] == "просрочено"  # «не выполнено» is no completion
    assert plan_row(plan, "2.1")["status"] == "выполнено"
    assert plan_row(plan, "4.1.1")["status"] == "просрочено"  # the 2020 fact is keyed to another year


def test_a_fact_counts_from_its_date(tomsk_with_facts):
    before = activities.activity_plan(tomsk_with_facts, "tomsk", date(2020, 1, 9), *ALL_YEARS)
    after = activities.activity_plan(tomsk_with_facts, "tomsk", date(2020, 1, 10), *ALL_YEARS)
    assert plan_row(before, "2.1.1")["status"] == "просрочено"
    assert plan_row(after, "2.1.1")["status"] == "выполнено с опозданием"
    assert plan_row(after, "2.1.1")["slip_days"] == (date(2020, 1, 10) - date(2019, 2, 28)).days


def test_fact_count(con, tomsk_with_facts):
    assert activities.control_point_fact_count(con, "tomsk") == 0
    assert activities.control_point_fact_count(tomsk_with_facts, "tomsk") == 7
    assert activities.control_point_fact_count(tomsk_with_facts, "amur") == 0


def test_unreadable_printed_dates_are_kept_and_named(tmp_path):
    """A start or end the loader cannot read stays in the plan and is described in words."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "clean", data)
    path = data / "passports" / "mini" / "activities.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("start: 01.02.2019, end: 30.06.2019", "start: I квартал 2019, end: 30.06.2019")
    text = text.replace("start: 01.07.2019, end: 31.12.2020", "start: 01.07.2019, end: декабрь 2020")
    path.write_text(text, encoding="utf-8")
    con = model(data_dir=data)
    plan = activities.activity_plan(con, "mini", date(2020, 1, 1), 2021, 2021)
    assert "1.1.2" in set(plan["activity_key"])  # no readable end: kept whatever the years
    plan = activities.activity_plan(con, "mini", date(2020, 1, 1), 2018, 2025)
    assert len(plan) == 7
    assert plan_row(plan, "1.1.2")["status"] == "нет срока"
    problems = date_problems(plan).set_index("Код")["Что не так"].to_dict()
    assert problems == {"1.1.1": "начало «I квартал 2019» не распознано",
                        "1.1.2": "окончание «декабрь 2020» не распознано"}
    fig = timeline.gantt(plan, date(2020, 1, 1), "т")
    drawn = {label for trace in fig.data if trace.y is not None for label in trace.y if label}
    assert len(drawn) == 6  # the row without an end is not drawn (the page lists it)


# ---- filters, counts and the overdue table ------------------------------------------------------------

def test_filters(con):
    whole = activities.activity_plan(con, "amur", MID, *ALL_YEARS)
    assert len(whole) == 173
    one = activities.activity_plan(con, "amur", MID, *ALL_YEARS, result_codes=("1",))
    assert set(one["result_code"]) == {"1"} and len(one) == 8
    frolov = activities.activity_plan(con, "amur", MID, *ALL_YEARS, persons=("Фролов А.В.",))
    assert len(frolov) == 84 and all("Фролов А.В." in people for people in frolov["person_list"])
    unlevelled = activities.activity_plan(con, "amur", MID, *ALL_YEARS, control_levels=(activities.NO_LEVEL,))
    assert len(unlevelled) == 5 and unlevelled["control_level"].isna().all()
    year = activities.activity_plan(con, "amur", MID, 2021, 2021)
    assert ((year["start_year"] <= 2021) & (year["end_year"] >= 2021)).all()
    assert 0 < len(year) < 173


def test_filter_options(con):
    assert activities.result_options(con, "tomsk")["result_code"].tolist()[:3] == ["1", "2", "3"]
    assert "Лапонникова Е.В." in activities.person_options(con, "amur")
    assert activities.control_level_options(con, "amur") == [activities.NO_LEVEL, "К", "РП"]
    assert activities.control_level_options(con, "tomsk") == ["АМП", "КП", "МП"]


def test_status_counts_list_every_status(con):
    plan = activities.activity_plan(con, "tomsk", TODAY_LIKE, *ALL_YEARS)
    counts = activities.status_counts(plan)
    assert counts["status"].tolist() == list(ACTIVITY_STATUSES.labels)
    assert counts.set_index("status")["n"].to_dict()["просрочено"] == 97
    assert counts["n"].sum() == 97
    assert activities.status_counts(plan.iloc[0:0])["n"].sum() == 0


def test_overdue_table(con):
    plan = activities.activity_plan(con, "amur", MID, *ALL_YEARS)
    table = overdue_table(plan)
    assert list(table.columns)[:5] == ["Код", "Наименование", "Ответственные", "Плановый срок", "Просрочка, дн."]
    assert len(table) == (plan["status"] == "просрочено").sum()
    assert table["Плановый срок"].notna().all()  # dates as dates; shown and exported as 31.12.2024
    assert table["Просрочка, дн."].is_monotonic_decreasing
    first = table.iloc[0]
    assert (first["Код"], first["Плановый срок"].date(), first["Просрочка, дн."]) == ("2.1.1", date(2018, 10, 30), 580)
    assert first["Ответственные"] == "Лапонникова Е.В."


# ---- team ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("passport_id", "expected"), [
    ("tomsk", {"Швайко И.В.": 585, "Чех А.Е.": 460, "Задорожная Е.В.": 315}),
    ("amur", {"Фролов А.В.": 290, "Ромас А.Ф.": 260, "Савватеев Н.В.": 160, "Продашанов Д.А.": 150}),
])
def test_overloaded_people(con, passport_id, expected):
    frame = team.team_workload(con, passport_id, MID, *ALL_YEARS)
    flagged = frame[frame["is_overloaded"]]
    assert dict(zip(flagged["person"], flagged["workload_pct"], strict=True)) == expected
    assert (frame.loc[~frame["is_overloaded"], "workload_pct"].fillna(0) <= team.OVERLOAD_PCT).all()
    assert frame["person"].is_unique


def test_workload_adds_up_from_section_5_rows(con):
    for pid in ("amur", "tomsk"):
        frame = team.team_workload(con, pid, MID, *ALL_YEARS)
        rows = team.workload_rows(con, pid)
        sums = rows.groupby("person")["workload_pct"].sum().to_dict()
        participants = frame[frame["is_participant"]]
        assert dict(zip(participants["person"], participants["workload_pct"], strict=True)) == sums
    shvaiko = team.workload_rows(con, "tomsk").query("person == 'Швайко И.В.'")
    assert len(shvaiko) == 11 and team.NO_BLOCK_RU in set(shvaiko["block"])


def test_everyone_responsible_is_in_the_team(con):
    frame = team.team_workload(con, "amur", MID, *ALL_YEARS).set_index("person")
    assert set(activities.person_options(con, "amur")) <= set(frame.index)
    outsider = frame.loc["Лапонникова Е.В."]
    assert not outsider["is_participant"] and outsider["activity_count"] == 22
    assert outsider["block_count"] == 0
    assert frame.loc["Фролов А.В.", "activity_count"] == 84
    assert frame.loc["Продашанов Д.А.", "block_count"] == 9  # his administrator row is not a block
    table = team_table(frame.reset_index())
    assert table.loc[table["Участник"] == "Лапонникова Е.В.", "Блоки"].item().startswith("нет в составе")


def test_overdue_per_person_follows_facts(con, make_con):
    before = team.team_workload(con, "tomsk", TODAY_LIKE, *ALL_YEARS).set_index("person")
    assert before.loc["Пустовалова В.В.", "overdue_count"] == 4
    assert (before["overdue_count"] == before["activity_count"]).all()
    done = make_con([cp_fact("tomsk", "5.1.1", 2019, date(2019, 2, 20))])
    after = team.team_workload(done, "tomsk", TODAY_LIKE, *ALL_YEARS).set_index("person")
    assert after.loc["Пустовалова В.В.", "overdue_count"] == 3
    assert after.loc["Пустовалова В.В.", "activity_count"] == 4


# ---- charts -------------------------------------------------------------------------------------------

def lightness(hex_color: str) -> float:
    """CIE L* of an sRGB colour: what is left of it when printed in grey."""
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    y = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_status_colours_differ_in_grey():
    colours = {s: c for s, c in timeline.ACTIVITY_STATUS_COLORS.items() if s != "cancelled"}  # hatched instead
    for (s1, c1), (s2, c2) in itertools.combinations(colours.items(), 2):
        assert abs(lightness(c1) - lightness(c2)) >= 15, (s1, s2)
    assert set(timeline.ACTIVITY_STATUS_COLORS) <= set(ACTIVITY_STATUSES.codes)


def test_gantt_of_the_real_plan(con):
    plan = activities.activity_plan(con, "amur", MID, *ALL_YEARS)
    fig = timeline.gantt(plan, MID, "План мероприятий")
    assert isinstance(fig, go.Figure)
    labels = list(fig.layout.yaxis.categoryarray)
    assert len(labels) == 173 and len(set(labels)) == 173
    assert labels[0].startswith("<b>1 ")  # document order, results in bold
    assert fig.layout.height == timeline.gantt_height(173) and fig.layout.height >= 173 * timeline.ROW_HEIGHT_PX
    legend = {t.name for t in fig.data if t.showlegend is not False}
    assert {"в работе", "не начато", "просрочено", "статус на 01.06.2020"} <= legend
    assert all(re.fullmatch(r"[а-яё .,:()0-9]+", name) for name in legend), legend
    as_of_lines = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(as_of_lines) == 1 and str(as_of_lines[0].x0).startswith("2020-06-01")
    bars = [t for t in fig.data if isinstance(t, go.Bar)]
    assert {t.name for t in bars} == {"в работе", "не начато", "просрочено"}
    points = [t for t in fig.data if isinstance(t, go.Scatter) and t.marker.symbol == "diamond" and t.x[0]]
    assert sum(len(t.x) for t in points) == 2  # 7.1.4 and 11.1.8 end before they start: drawn on the end
    compact = timeline.gantt(plan, MID, "т", compact=True)
    assert compact.layout.height == 900


def test_gantt_with_facts(tomsk_with_facts):
    plan = activities.activity_plan(tomsk_with_facts, "tomsk", date(2019, 12, 31), *ALL_YEARS)
    fig = timeline.gantt(plan, date(2019, 12, 31), "т")
    names = {t.name for t in fig.data}
    assert {"выполнено", "выполнено с опозданием", "отменено", "дата выполнения (факт)"} <= names
    cancelled = next(t for t in fig.data if t.name == "отменено" and isinstance(t, go.Bar))
    assert cancelled.marker.pattern.shape == "x"
    facts = next(t for t in fig.data if t.name == "дата выполнения (факт)")
    assert len(facts.x) == 3  # 1.1.1, 1.1.2 and the milestone 2.1; 2.1.1's fact is later than the date
    milestones = [t for t in fig.data if isinstance(t, go.Scatter) and t.marker.symbol == "diamond" and t.x[0]]
    assert sum(len(t.x) for t in milestones) == 21
    hover = [c for t in fig.data if t.customdata is not None for c in t.customdata]
    late = next(c for c in hover if c[0] == "1.1.2")
    assert late[3] == "01.09.2019" and "на 30 дн. позже срока" in late[6]


def test_gantt_of_nothing():
    empty = pd.DataFrame(columns=["end_date", "seq"])
    assert isinstance(timeline.gantt(empty, MID, "пусто"), go.Figure)


def test_workload_bars(con):
    frame = team.team_workload(con, "amur", MID, *ALL_YEARS)
    fig = timeline.workload_bars(frame, "Занятость")
    persons = list(fig.layout.yaxis.categoryarray)
    assert persons[:2] == ["Фролов А.В.", "Ромас А.Ф."]
    assert "Лапонникова Е.В." not in persons  # no workload in section 5
    over = next(t for t in fig.data if t.name.startswith("выше"))
    assert list(over.y) == ["Фролов А.В.", "Ромас А.Ф.", "Савватеев Н.В.", "Продашанов Д.А."]
    assert over.marker.color == timeline.OVERLOAD_COLOR
    assert over.text[0] == "290\u00a0%"
    line = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(line) == 1 and line[0].x0 == 100
    assert abs(lightness(timeline.OVERLOAD_COLOR) - lightness(timeline.NORMAL_LOAD_COLOR)) >= 15


@pytest.mark.parametrize(("n", "word"), [(1, "строка"), (2, "строки"), (5, "строк"), (11, "строк"), (12, "строк"),
                                         (21, "строка"), (97, "строк"), (173, "строки"), (0, "строк")])
def test_plural_ru(n, word):
    assert plural_ru(n, "строка", "строки", "строк") == word
