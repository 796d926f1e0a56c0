"""Panels of «Показатели»: every indicator of section 2 (a status grid by year), one indicator in detail with
its methodology, and the topics that have no page of their own."""

from __future__ import annotations

import duckdb
import pandas as pd

from charts.plan_fact import plan_fact_bars, status_grid
from domain import vocabulary as v
from domain.formatting import TEXT, YEAR, YESNO, fmt_date, fmt_value, percent, value_by_unit, years_label
from metrics import indicators, overview
from metrics.topics import topic_series
from panels.base import Filters, Metric, Panel, finish, subtitle
from panels.registers import year_reports_panel
from panels.topics import topic_panels

METHOD_FIELDS = {"method": "Методика расчёта", "base_indicators": "Базовые показатели",
                 "data_source": "Источник данных", "responsible": "Ответственный за сбор данных",
                 "aggregation": "Уровень агрегирования", "timing": "Периодичность", "extra": "Дополнительно"}
INDICATOR_COLUMNS = {"Год": YEAR, "План": value_by_unit("Ед. изм."), "Факт": value_by_unit("Ед. изм."),
                     "Достижение, %": percent(1), "Прогноз на 31.12": value_by_unit("Ед. изм."), "Пример": YESNO,
                     "Паспорт": TEXT}


def indicator_table(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The numbers of the indicators' grid with Russian column names (numbers stay numbers)."""
    return pd.DataFrame({
        "Паспорт": frame["passport_id"].map(lambda p: names.get(p, p)),
        "Код": frame["indicator_code"],
        "Показатель": frame["full_name"],
        "Тип": frame["indicator_type"].fillna("—"),
        "Ед. изм.": frame["unit"],
        "Год": frame["year"].astype(int),
        "План": frame["plan_value"],
        "Факт": frame["fact_value"],
        "Достижение, %": frame["achievement_pct"],
        "Статус": frame["status"],
        "Прогноз на 31.12": frame["forecast_value"],
        "Пример": frame["is_example"].fillna(False).astype(bool),
        "Комментарий": frame["fact_comment"],
        "Источник факта": frame["fact_source"],
    }).reset_index(drop=True)


def grid_panel(con: duckdb.DuckDBPyConnection, f: Filters, names: dict[str, str]) -> Panel:
    """Every indicator of the chosen passports by year, coloured by status, plan and fact written in."""
    rows = indicators.indicator_plan_fact(con, f.passport_ids, f.as_of, f.year_from, f.year_to)
    listing = indicators.indicator_list(con, f.passport_ids)
    title = "Показатели: план и факт по годам"
    heads = listing[listing["is_heading"]]
    notes = []
    if len(heads):
        shown = "; ".join(f"{r.code_printed if pd.notna(r.code_printed) else 'без номера'} "
                          f"{r.indicator_name[:80]}{'…' if len(r.indicator_name) > 80 else ''}"
                          for r in heads.itertuples())
        notes.append(f"Строки без значений: {len(heads)} — напечатаны как заголовки, на графике их нет: {shown}")
    if rows.empty:
        return Panel(key="indicators_grid", title=title, notes=notes, passport_ids=f.passport_ids,
                     empty=f"Паспорт не планирует значений показателей в {years_label(f.years)} гг.")
    several = len(f.passport_ids) > 1
    width = 24 if several else 48
    grid = rows.assign(
        label=[(f"{names.get(p, p)[:14]}: " if several else "") + short_label(c, n, width)
               for p, c, n in zip(rows["passport_id"], rows["indicator_code"], rows["full_name"], strict=True)],
        indicator_name=rows["full_name"])
    figure = status_grid(grid, "")
    panel = Panel(key="indicators_grid", title=title, figure=figure, table=indicator_table(rows, names),
                  columns=INDICATOR_COLUMNS, subtitle=subtitle(names, f), notes=notes)
    panel.notes.insert(0, "Цвет клетки — статус на выбранную дату: достигнут, риск (не ниже "
                          f"{v.THRESHOLDS.risk_pct:g} % плана), не достигнут, нет данных (год прошёл, факта нет), "
                          "в работе (год не закончился). В клетке — план, под ним жирным — факт.")
    if rows["fact_value"].isna().all():
        panel.notes.insert(0, v.NO_FACTS)
    return finish(panel, rows["fact_value"], rows["is_example"])


def indicator_choices(con: duckdb.DuckDBPyConnection, f: Filters) -> dict[str, str]:
    """Indicators one can look at in detail: 'passport|code' -> label, those with values first in order."""
    names = overview.passport_names(con)
    listing = indicators.indicator_list(con, f.passport_ids)
    listing = listing[listing["indicator_code"].notna()].sort_values(["is_heading", "passport_id", "seq"],
                                                                      kind="stable")
    several = len(f.passport_ids) > 1
    return {f"{r.passport_id}|{r.indicator_code}": (f"{names.get(r.passport_id, r.passport_id)} · " if several
                                                      else "") + short_label(r.indicator_code,
                                                                                        r.full_name, 90)
            for r in listing.itertuples()}


def detail_panels(con: duckdb.DuckDBPyConnection, f: Filters, choice: str | None) -> list[Panel]:
    """One indicator: its card (type, unit, base value), plan against fact by year, and its methodology."""
    if not choice or "|" not in choice:
        return []
    pid, code = choice.split("|", 1)
    names = overview.passport_names(con)
    listing = indicators.indicator_list(con, (pid,))
    found = listing[listing["indicator_code"] == code]
    if found.empty:
        return [Panel(key="indicator_detail", title="Показатель", empty=f"В паспорте нет показателя {code}.")]
    ind = found.iloc[0]
    share = v.is_share(ind["unit"])
    title = f"{ind['code_printed']} {ind['full_name']}"
    card = Panel(key="indicator_card", title=title, passport_ids=(pid,), metrics=[
        Metric("Тип", ind["indicator_type"] if pd.notna(ind["indicator_type"]) else "не указан"),
        Metric("Единица", ind["unit"] if pd.notna(ind["unit"]) else "—"),
        Metric("Базовое значение", fmt_value(ind["base_value"], share)),
        Metric("Дата базового значения", fmt_date(ind["base_date"])),
    ], notes=[f"{v.DIRECTIONS.label(ind['direction'])}. Строка {int(ind['line'])} документа."])
    panels = [card]
    one = indicators.indicator_plan_fact(con, (pid,), f.as_of, f.year_from, f.year_to, (code,))
    one = one[one["plan_value"].notna()]
    chart_title = f"Показатель {code}: план и факт"
    if ind["is_heading"]:
        panels.append(Panel(key="indicator_detail", title=chart_title, empty="Строка напечатана без значений по "
                            "годам — это заголовок: план и факт у её подпоказателей."))
    elif one.empty:
        panels.append(Panel(key="indicator_detail", title=chart_title,
                            empty=f"В {years_label(f.years)} гг. показатель не планируется."))
    else:
        frame = pd.DataFrame({"passport_id": one["passport_id"], "series": f"Показатель {code}",
                              "year": one["year"].astype(int), "plan_value": one["plan_value"],
                              "fact_value": one["fact_value"], "achievement_pct": one["achievement_pct"],
                              "status_code": one["status_code"], "forecast_value": one["forecast_value"],
                              "fact_comment": one["fact_comment"], "fact_source": one["fact_source"],
                              "is_example": one["is_example"]})
        unit = "%" if share else (ind["unit"] if pd.notna(ind["unit"]) else None)
        figure = plan_fact_bars(frame, "", unit, percent=share)
        panel = Panel(key=f"indicator_{pid}_{code}", title=chart_title, figure=figure,
                      table=indicator_table(one, names), columns=INDICATOR_COLUMNS, passport_ids=(pid,),
                      subtitle=subtitle(names, Filters((pid,), f.year_from, f.year_to, f.as_of)))
        if one["fact_value"].isna().all():
            panel.notes.append(v.NO_FACTS)
        panels.append(finish(panel, one["fact_value"], one["is_example"]))
        reports = year_reports_panel(con, pid, "indicator", code, f, f"Показатель {code}: отчёты в течение года",
                                     unit)
        if reports is not None:
            panels.append(reports)
    panels.append(methodology_panel(con, pid, code))
    return panels


def methodology_panel(con: duckdb.DuckDBPyConnection, pid: str, code: str) -> Panel:
    """The methodology of the indicator as printed, matched by name; said in words when there is none."""
    method = indicators.indicator_methodology(con, pid, code)
    title = "Методика расчёта"
    if method.empty:
        said = ("В методике паспорта нет строки для этого показателя." if indicators.has_methodology(con, pid)
                else "Паспорт не печатает методику расчёта показателей.")
        return Panel(key="indicator_method", title=title, empty=said, passport_ids=(pid,))
    m = method.iloc[0]
    via = f", по показателю {m['via_code']}, который эта строка детализирует" if m["via_code"] != code else ""
    notes = [f"№ {m['methodology_number']} в методике паспорта (строка {int(m['line'])} документа{via}); "
             "сопоставлено по названию показателя."]
    notes += [f"{label}: {m[field]}" for field, label in METHOD_FIELDS.items()
              if m[field] is not None and not (isinstance(m[field], float) and pd.isna(m[field]))
              and str(m[field]).strip()]
    return Panel(key="indicator_method", title=title, notes=notes, passport_ids=(pid,))


def indicator_panels(con: duckdb.DuckDBPyConnection, f: Filters) -> list[Panel]:
    """The grid of every indicator, then the topics without a page of their own (platform, target model …)."""
    names = overview.passport_names(con)
    panels = [grid_panel(con, f, names)]
    every = topic_series(con, f.passport_ids, f.as_of, None, f.year_from, f.year_to)  # one query for all topics
    for topic in v.TOPICS:
        if topic.page is None:
            panels.extend(topic_panels(con, f, topic.code, every))
    return panels


def short_label(code: str | None, name: str, width: int = 48) -> str:
    """'1.1 Доля образовательных организаций…' cut to width characters for an axis."""
    text = f"{code} {name}" if code else f"Без номера: {name}"
    text = text.replace(" - ", " ").replace("  ", " ")
    return text if len(text) <= width else text[: width - 1].rstrip(" ,.") + "…"
