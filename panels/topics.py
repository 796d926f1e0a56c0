"""Panels of a topic (internet, IT-куб, training, the platform …): for every role the data has, plan against fact
by year of every series, the targets of the level above quoted beside them, and the share of those targets.

Nothing here knows a passport, a code or a measure: a series belongs to a panel because its data says so
(topic and role in the passport files). A comparison is the same panel with one series per passport.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from charts.plan_fact import plan_fact_bars
from domain import vocabulary as v
from domain.formatting import TEXT, YEAR, YESNO, Column, fmt_value, number, percent, years_label
from metrics import overview
from metrics.topics import results_mentioning, topic_references, topic_series
from panels.base import Filters, Metric, Panel, finish, subtitle
from panels.registers import event_panels, user_measure_panels

CHART_COLUMNS = ["passport_id", "series", "kind", "codes", "year", "plan_value", "fact_value", "achievement_pct",
                 "status_code", "forecast_value", "is_example", "fact_comment", "fact_source", "accumulates"]


def _series_label(row: pd.Series, several_measures: bool, several_passports: bool, names: dict[str, str]) -> str:
    """«Показатель 1.1» / «Цель результата» (with the measure when several), prefixed by the territory when
    passports are compared."""
    if row["kind"] == "indicator":
        label = f"Показатель {row['code']}"
    else:
        label = f"Цель результата: {row['series_name']}" if several_measures else "Цель результата"
    if several_passports:
        territory = names.get(row["passport_id"], row["passport_id"])
        label = f"{territory}: {label[0].lower()}{label[1:]}"
    return label


def chart_frame(series: pd.DataFrame, names: dict[str, str], several_passports: bool) -> pd.DataFrame:
    """The rows of one role as the chart draws them: a label per series, rows without a plan dropped."""
    rows = series[series["plan_value"].notna()].copy()
    if rows.empty:
        return pd.DataFrame(columns=CHART_COLUMNS)
    several_measures = rows.loc[rows["kind"] == "result", "measure"].nunique() > 1
    rows["series"] = [_series_label(r, several_measures, several_passports, names) for _, r in rows.iterrows()]
    rows["year"] = rows["year"].astype(int)
    return rows.reindex(columns=CHART_COLUMNS)


def reference_frame(refs: pd.DataFrame, names: dict[str, str], several_passports: bool) -> pd.DataFrame:
    """Quoted targets as reference lines: label («Федеральный результат» …), year, value."""
    if refs is None or refs.empty:
        return pd.DataFrame(columns=["passport_id", "label", "year", "value", "result_codes", "quote"])
    labels = [v.QUOTED_LEVELS.label(level) + (f" ({names.get(p, p)})" if several_passports else "")
              for p, level in zip(refs["passport_id"], refs["quoted_level"], strict=True)]
    return pd.DataFrame({"passport_id": refs["passport_id"], "label": labels, "year": refs["year"].astype(int),
                         "value": refs["target_value"], "result_codes": refs["result_codes"],
                         "quote": refs["quote"]}).reset_index(drop=True)


def plan_fact_table(frame: pd.DataFrame, reference: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Exactly the numbers of a plan/fact chart: its series and, as their own rows, the reference targets."""
    table = pd.DataFrame({
        "Паспорт": frame["passport_id"].map(lambda p: names.get(p, p)),
        "Ряд": frame["series"],
        "Коды": frame["codes"],
        "Год": frame["year"].astype(int),
        "План": frame["plan_value"],
        "Факт": frame["fact_value"],
        "Достижение, %": frame["achievement_pct"],
        "Статус": frame["status_code"].map(lambda c: v.PLAN_STATUSES.label(c, "—") if isinstance(c, str) else "—"),
        "Прогноз на 31.12": frame["forecast_value"],
        "Пример": frame["is_example"].fillna(False).astype(bool),
        "Комментарий": frame["fact_comment"],
        "Источник факта": frame["fact_source"],
    })
    if len(reference):
        ref = pd.DataFrame({"Паспорт": reference["passport_id"].map(lambda p: names.get(p, p)),
                            "Ряд": reference["label"], "Коды": reference["result_codes"],
                            "Год": reference["year"].astype(int), "План": reference["value"],
                            "Статус": "—", "Пример": False, "Комментарий": reference["quote"]})
        table = pd.concat([table, ref.reindex(columns=table.columns)], ignore_index=True)
        table["Пример"] = table["Пример"].astype("boolean").fillna(False).astype(bool)
    return table.reset_index(drop=True)


def plan_fact_columns(share: bool) -> dict[str, Column]:
    value = percent(1) if share else number(1)
    return {"Паспорт": TEXT, "Год": YEAR, "План": value, "Факт": value, "Достижение, %": percent(1),
            "Прогноз на 31.12": value, "Пример": YESNO}


def _counting_note(rows: pd.DataFrame) -> str | None:
    kinds = set(rows["accumulates"].dropna())
    if len(kinds) == 1:
        return v.ACCUMULATES[kinds.pop()].note
    return None


def _single_year_panel(key: str, title: str, frame: pd.DataFrame, reference: pd.DataFrame, share: bool,
                       names: dict[str, str], sub: str) -> Panel:
    """A value planned for one year only: key numbers and the table, no chart (a chart would mislead)."""
    year = int(frame["year"].iloc[0])
    metrics = []
    for row in frame.itertuples():
        metrics.append(Metric(f"План на {year} · {row.series}", fmt_value(row.plan_value, share)))
        metrics.append(Metric("Факт", fmt_value(row.fact_value, share, empty="нет данных")))
    panel = Panel(key=key, title=title, table=plan_fact_table(frame, reference, names),
                  columns=plan_fact_columns(share), metrics=metrics, subtitle=sub,
                  notes=[f"Паспорт планирует это значение только на один год — {year}: график по годам не "
                         "строится."])
    return panel


def role_panel(key: str, title: str, axis: str, share: bool, rows: pd.DataFrame, refs: pd.DataFrame,
               names: dict[str, str], f: Filters) -> Panel:
    """Plan against fact of one role across the chosen passports: a chart, or key numbers for a single year."""
    several = len(f.passport_ids) > 1
    frame = chart_frame(rows, names, several)
    reference = reference_frame(refs, names, several)
    sub = subtitle(names, f)
    if frame["year"].nunique() == 1:
        panel = _single_year_panel(key, title, frame, reference, share, names, sub)
    else:
        figure = plan_fact_bars(frame, "", axis, reference[["label", "year", "value"]], percent=share)
        panel = Panel(key=key, title=title, figure=figure, table=plan_fact_table(frame, reference, names),
                      columns=plan_fact_columns(share), subtitle=sub)
    note = _counting_note(frame)
    if note:
        panel.notes.append(note)
    if len(reference):
        levels = " и ".join(dict.fromkeys(v.QUOTED_LEVELS.label(x).lower() for x in refs["quoted_level"]))
        panel.notes.append(f"Ромбы — {levels}, как его цитирует паспорт: только план, фактов к нему нет.")
    if frame["fact_value"].isna().all():
        panel.notes.insert(0, v.NO_FACTS)
    if frame["forecast_value"].notna().any():
        panel.notes.append("Пунктир — линейный прогноз на 31.12 текущего года: доля или нарастающий итог растёт от "
                           "значения прошлого года, годовой поток — от нуля.")
    return finish(panel, frame["fact_value"], frame["is_example"])


def share_of_quoted_panel(key: str, role: v.Role, rows: pd.DataFrame, refs: pd.DataFrame, names: dict[str, str],
                          f: Filters) -> Panel | None:
    """A count planned against the federal result it serves: the passport's plan and fact as a share of it
    (e.g. 1 IT-куб of the federal 20 = 5 %)."""
    federal = refs[refs["quoted_level"] == "federal"]
    own = rows[(rows["kind"] == "result") & rows["plan_value"].notna()]
    if federal.empty or own.empty:
        return None
    joined = own.merge(federal[["passport_id", "year", "target_value"]], on=["passport_id", "year"])
    if joined.empty:
        return None
    several = len(f.passport_ids) > 1
    joined["series"] = [names.get(p, p) if several else role.label for p in joined["passport_id"]]
    joined["plan_share"] = joined["plan_value"] / joined["target_value"] * 100
    joined["fact_share"] = joined["fact_value"] / joined["target_value"] * 100
    frame = pd.DataFrame({"passport_id": joined["passport_id"], "series": joined["series"], "kind": "result",
                          "codes": joined["codes"], "year": joined["year"].astype(int),
                          "plan_value": joined["plan_share"], "fact_value": joined["fact_share"],
                          "is_example": joined["is_example"]})
    table = pd.DataFrame({
        "Паспорт": frame["passport_id"].map(lambda p: names.get(p, p)), "Ряд": frame["series"],
        "Год": frame["year"], "План паспорта": joined["plan_value"], "Федеральный результат": joined["target_value"],
        "Доля плана, %": frame["plan_value"], "Факт": joined["fact_value"], "Доля факта, %": frame["fact_value"],
        "Пример": frame["is_example"].fillna(False).astype(bool)})
    title = f"{role.label}: доля в федеральном результате"
    sub = subtitle(names, f)
    columns = {"Год": YEAR, "План паспорта": number(0), "Федеральный результат": number(0), "Факт": number(0),
               "Доля плана, %": percent(1), "Доля факта, %": percent(1), "Пример": YESNO}
    note = ("Доля = план (или факт) паспорта ÷ федеральный результат того же года, как его цитирует паспорт. "
            "Федеральный результат — цель по России, фактов к нему нет.")
    if frame["year"].nunique() == 1:
        panel = Panel(key=key, title=title, table=table, columns=columns, subtitle=sub, notes=[note])
    else:
        figure = plan_fact_bars(frame, "", "% федерального результата", percent=True)
        panel = Panel(key=key, title=title, figure=figure, table=table, columns=columns, subtitle=sub, notes=[note])
    return finish(panel, frame["fact_value"], frame["is_example"])


def topic_panels(con: duckdb.DuckDBPyConnection, f: Filters, topic_code: str,
                 every_series: pd.DataFrame | None = None) -> list[Panel]:
    """Every panel of one topic for the chosen passports: one per role the data has, the share of the federal
    result for counts, and notes for what a passport does not plan. every_series: the series of every topic for
    the same filters, when the caller read them at once (a page of several topics)."""
    topic = v.topic(topic_code)
    names = overview.passport_names(con)
    if every_series is None:
        series = topic_series(con, f.passport_ids, f.as_of, topic.code, f.year_from, f.year_to)
    else:
        series = every_series[every_series["topic"] == topic.code]
    refs = topic_references(con, f.passport_ids, topic.code, f.year_from, f.year_to)
    span = f"в {years_label((f.year_from, f.year_to))} гг."
    panels: list[Panel] = []
    for role in topic.roles:
        rows = series[series["role"] == role.code]
        role_refs = refs[refs["role"] == role.code]
        key = f"{topic.code}_{role.code}"
        if rows["plan_value"].notna().any():
            # a count against the level above's count (1 centre of the federal 20) is shown as a share of it
            # below; on one axis the passport's own numbers would vanish
            drawn_refs = role_refs if role.share else role_refs.iloc[0:0]
            panel = role_panel(key, role.label, role.axis, role.share, rows, drawn_refs, names, f)
            missing = [names.get(p, p) for p in f.passport_ids if p not in set(rows["passport_id"])]
            if missing:
                panel.notes.append(f"{', '.join(missing)}: паспорт не планирует «{role.label}» {span}")
            panels.append(panel)
            share = None if role.share else share_of_quoted_panel(f"{key}_federal_share", role, rows, role_refs,
                                                                   names, f)
            if share is not None:
                panels.append(share)
        elif role.keywords:
            said = results_mentioning(con, f.passport_ids, topic.code, role.keywords)
            if len(said):
                lines = [f"Результат {r.result_code} ({names.get(r.passport_id, r.passport_id)}, срок — "
                         f"{r.deadline_printed or '—'}), без числа: «{r.result_text}»" for r in said.itertuples()]
                panels.append(Panel(key=key, title=role.label, empty=f"Паспорт не называет числа: «{role.label}» "
                                    f"{span}", notes=lines, passport_ids=f.passport_ids))
    absent = [r.label for r in topic.roles if not r.quoted_only and r.code not in set(series["role"])
              and not any(p.key == f"{topic.code}_{r.code}" for p in panels)]
    if panels and absent:
        panels.append(Panel(key=f"{topic.code}_absent", title="Что паспорт не планирует",
                            empty=f"Не планируются {span}: " + "; ".join(absent) + "."))
    if not panels:
        who = ", ".join(names.get(p, p) for p in f.passport_ids)
        panels.append(Panel(key=f"{topic.code}_none", title=topic.label,
                            empty=f"{who}: в паспорте нет показателей и целей темы «{topic.label}» {span}"))
    panels += user_measure_panels(con, f, topic.code) + event_panels(con, f, topic.code)
    for panel in panels:
        panel.passport_ids = f.passport_ids
        panel.group = topic.label
    return panels
