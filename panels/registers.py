"""Panels of what users keep beside the passports: the risk register, dated events, measures of the user's own,
and the reports of a year (quarterly running values) against the year's plan."""

from __future__ import annotations

import duckdb
import pandas as pd

from charts.registers import events_timeline, risk_matrix, user_measure_chart, year_reports_chart
from domain import vocabulary as v
from domain.formatting import DATE, INT, TEXT, YEAR, YESNO, count_of, fmt_date, fmt_int, number, percent
from metrics import overview
from metrics import registers as reg
from panels.base import Filters, Metric, Panel, finish, subtitle

ENTRY_PAGE = "«Факты», вкладка «{tab}»"
RISK_COLUMNS = {"Номер": TEXT, "Оценка": INT, "Выявлен": DATE, "Срок": DATE, "Пример": YESNO}
EVENT_COLUMNS = {"Дата": DATE, "Пример": YESNO}
OWN_COLUMNS = {"Год": YEAR, "Факт": number(1), v.USER_TARGET.capitalize(): number(1),
               "Отчётная дата": DATE, "Пример": YESNO}
REPORT_COLUMNS = {"Отчётная дата": DATE, "Год": YEAR, "План года": number(1), "Факт нарастающим итогом": number(1),
                  "% плана года": percent(1), "Пример": YESNO}


def risk_table(risks: pd.DataFrame, names: dict[str, str], several: bool) -> pd.DataFrame:
    """The register as a table, open risks first."""
    table = pd.DataFrame({
        "Номер": risks["risk_id"], "Риск": risks["title"],
        "Вероятность": risks["probability"].map(v.RISK_LEVELS.label),
        "Влияние": risks["impact"].map(v.RISK_LEVELS.label), "Оценка": risks["score"],
        "Уровень": risks["rating_label"], "Статус": risks["status_label"], "Ответственный": risks["owner"],
        "Меры": risks["measures"], "Выявлен": risks["identified_on"], "Срок": risks["due_on"],
        "Тема": risks["topic_label"], "Пример": risks["is_example"]})
    if several:
        table.insert(0, "Паспорт", risks["passport_id"].map(lambda p: names.get(p, p)))
    return table


def risk_panels(con: duckdb.DuckDBPyConnection, f: Filters) -> list[Panel]:
    """For each chosen passport: key numbers of its risks, the matrix of open ones and the register."""
    names = overview.passport_names(con)
    risks = reg.risks(con, f.passport_ids)
    out: list[Panel] = []
    for pid in f.passport_ids:
        territory = names.get(pid, pid)
        mine = risks[risks["passport_id"] == pid]
        if mine.empty:
            out.append(Panel(key=f"risks_{pid}", title=f"Риски: {territory}", group=territory, passport_ids=(pid,),
                             empty=f"Риски не внесены. Реестр рисков ведётся на странице "
                                   f"{ENTRY_PAGE.format(tab='Риски')}."))
            continue
        open_ = mine[mine["is_open"]]
        late = open_[open_["due_on"].notna() & (pd.to_datetime(open_["due_on"]).dt.date < f.as_of)]
        high = open_[open_["rating"] == "high"]
        cards = Panel(key=f"risk_counts_{pid}", title=f"Риски: {territory}", group=territory, passport_ids=(pid,),
                      metrics=[Metric("Открытых рисков", fmt_int(len(open_)), help="Все, кроме закрытых и наступивших"),
                               Metric("Из них высоких", fmt_int(len(high)),
                                      help=f"Вероятность × влияние ≥ {v.THRESHOLDS.risk_high_score}"),
                               Metric("Срок мер прошёл", fmt_int(len(late)),
                                      help=f"Открытые риски со сроком раньше {fmt_date(f.as_of)}"),
                               Metric("Наступило", fmt_int(int((mine["status"] == "happened").sum())))])
        out.append(finish(cards, examples=mine["is_example"]))
        one = Filters((pid,), f.year_from, f.year_to, f.as_of)
        figure = risk_matrix(open_, "") if len(open_) else None
        panel = Panel(key=f"risk_register_{pid}", title=f"Реестр рисков: {territory}", figure=figure,
                      table=risk_table(mine, names, False), columns=RISK_COLUMNS, group=territory,
                      passport_ids=(pid,), subtitle=subtitle(names, one),
                      notes=[f"На матрице — номера открытых рисков; цвет клетки — уровень риска (вероятность × "
                             f"влияние: высокий от {v.THRESHOLDS.risk_high_score}, средний от "
                             f"{v.THRESHOLDS.risk_medium_score}). Реестр ведут пользователи на странице "
                             f"{ENTRY_PAGE.format(tab='Риски')}."])
        if len(late):
            panel.notes.append("Срок мер прошёл: " + ", ".join(f"{r.risk_id} (срок {fmt_date(r.due_on)})"
                                                                for r in late.itertuples()) + ".")
        out.append(finish(panel, mine["risk_id"], mine["is_example"]))
    return out


def event_panels(con: duckdb.DuckDBPyConnection, f: Filters, topic: str | None) -> list[Panel]:
    """Events of one topic (or all) up to the as-of date as marks on a timeline, with their table; nothing when
    there are none (events are optional)."""
    names = overview.passport_names(con)
    events = reg.events(con, f.passport_ids, topic, f.as_of)
    events = events[pd.to_datetime(events["event_date"]).dt.year.between(f.year_from, f.year_to)]
    if events.empty:
        return []
    several = len(f.passport_ids) > 1
    frame = events.assign(passport=events["passport_id"].map(lambda p: names.get(p, p))) if several else events
    start, end = pd.Timestamp(f.year_from, 1, 1), pd.Timestamp(f.year_to, 12, 31)
    table = pd.DataFrame({"Дата": events["event_date"], "Событие": events["title"], "Где": events["place"],
                          "Тема": events["topic_label"], "Источник": events["source"],
                          "Комментарий": events["comment"], "Пример": events["is_example"]})
    if several:
        table.insert(0, "Паспорт", events["passport_id"].map(lambda p: names.get(p, p)))
    label = v.topic(topic).label if topic else "проекта"
    panel = Panel(key=f"events_{topic or 'all'}", title=f"События: {label}" if topic else "События проекта",
                  figure=events_timeline(frame, "", start, end), table=table, columns=EVENT_COLUMNS,
                  passport_ids=f.passport_ids, subtitle=subtitle(names, f),
                  notes=[f"{count_of(len(events), 'событие', 'события', 'событий')} по {fmt_date(f.as_of)}: что, "
                         f"где и когда произошло, как внесли пользователи (страница "
                         f"{ENTRY_PAGE.format(tab='События')})."])
    return [finish(panel, events["event_id"], events["is_example"])]


def user_measure_panels(con: duckdb.DuckDBPyConnection, f: Filters, topic: str | None) -> list[Panel]:
    """Measures of the user's own of one topic (or all): facts by year against the user's target — never mixed
    with the passport's plans; nothing when there are none."""
    names = overview.passport_names(con)
    rows = reg.user_measure_facts(con, f.passport_ids, topic, f.as_of, f.year_from, f.year_to)
    if rows.empty:
        return []
    several = len(f.passport_ids) > 1
    series = [f"{names.get(p, p)}: {n}" if several else str(n) for p, n in zip(rows["passport_id"], rows["name"],
                                                                               strict=True)]
    frame = rows.assign(series=series)
    target = v.USER_TARGET.capitalize()
    table = pd.DataFrame({"Мера": frame["series"], "Ед. изм.": rows["unit"], "Год": rows["year"],
                          "Факт": rows["fact_value"], target: rows["user_target"],
                          "Отчётная дата": rows["reporting_date"], "Источник": rows["fact_source"],
                          "Комментарий": rows["fact_comment"], "Пример": rows["is_example"]})
    label = v.topic(topic).label if topic else "все темы"
    panel = Panel(key=f"user_measures_{topic or 'all'}", title=f"Свои меры пользователей: {label}",
                  figure=user_measure_chart(frame, ""), table=table, columns=OWN_COLUMNS,
                  passport_ids=f.passport_ids, subtitle=subtitle(names, f),
                  notes=[f"Меры, которых нет в паспорте, — их завели пользователи (страница "
                         f"{ENTRY_PAGE.format(tab='Свои меры')}). «{target}» — ориентир, который задал "
                         "пользователь, а не план паспорта."])
    if rows["fact_value"].isna().all():
        panel.notes.append("Факты по этим мерам ещё не внесены.")
    return [finish(panel, rows["fact_value"], rows["is_example"])]


def year_reports_panel(con: duckdb.DuckDBPyConnection, pid: str, kind: str, code: str, f: Filters, title: str,
                       unit: str | None) -> Panel | None:
    """The reports of a target through each year (end of month, quarter, year) against that year's plan; None
    when no year has more than its year-end report (there is nothing to show beyond the yearly chart)."""
    reports = reg.series_reports(con, pid, kind, code, f.as_of, f.year_from, f.year_to)
    if reports.empty or not (~reports["is_year_end"]).any():
        return None
    share = v.is_share(unit)
    names = overview.passport_names(con)
    table = pd.DataFrame({"Отчётная дата": reports["reporting_date"], "Год": reports["year"],
                          "План года": reports["plan_value"], "Факт нарастающим итогом": reports["fact_value"],
                          "% плана года": reports["achievement_pct"], "Причина отклонения": reports["reason"],
                          "Меры": reports["measures"], "Источник": reports["source"], "Пример": reports["is_example"]})
    panel = Panel(key=f"reports_{pid}_{kind}_{code}", title=title,
                  figure=year_reports_chart(reports, "", unit, share), table=table, columns=REPORT_COLUMNS,
                  passport_ids=(pid,), subtitle=subtitle(names, Filters((pid,), f.year_from, f.year_to, f.as_of)),
                  notes=["Каждая точка — отчёт на свою отчётную дату (конец месяца, квартала, года), значение "
                         "нарастающим итогом с начала года; линия — план года целиком. До конца года отставание от "
                         "плана года — не срыв."])
    return finish(panel, reports["fact_value"], reports["is_example"])
