"""Panels of «Портфель»: every passport (or one region's) ranked in one table, the worst of them on charts, and the
key numbers of the whole portfolio — all from one set-based query."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd
import plotly.graph_objects as go

from charts.style import apply_style
from domain import vocabulary as v
from domain.formatting import DATE, INT, LINK, MONEY, TEXT, count_of, fmt_date, fmt_int, fmt_money, fmt_pct, percent
from metrics.portfolio import portfolio
from panels.base import Filters, Metric, Panel, finish
from panels.monitoring import current_report_cell

#: passports a chart of the portfolio shows (the worst by the ranking); the table holds them all
CHART_ROWS = 30


@dataclass(frozen=True)
class Ranking:
    """How the portfolio is ranked: a column, whether the worst is the lowest, its Russian name."""

    code: str
    label: str
    column: str
    worst_low: bool


RANKINGS = (
    Ranking("achieved", "доля достигнутых целей (меньше — хуже)", "achieved_pct", True),
    Ranking("overdue", "просроченные строки плана (больше — хуже)", "overdue", False),
    Ranking("execution", "исполнение денег (меньше — хуже)", "execution_pct", True),
    Ranking("quality", "ошибки в самом паспорте (больше — хуже)", "quality_errors", False),
    Ranking("report", "давность последнего отчёта (давнее — хуже)", "last_report_date", True),
    Ranking("late_reports", "просроченные отчёты (больше — хуже)", "late_reports", False),
)
RANKING_BY_CODE = {r.code: r for r in RANKINGS}
COLUMNS = {"Достигнуто": INT, "Риск": INT, "Не достигнуто": INT, "Нет данных": INT, "В работе": INT,
           "Достигнуто, %": percent(0), "План, млн руб.": MONEY, "Исполнено, млн руб.": MONEY,
           "Исполнение, %": percent(0), "Просрочено": INT, "Дольше всех, дн.": INT, "Последний отчёт": DATE,
           "Ошибки паспорта": INT, "Открытые риски": INT, "Высокие риски": INT, "Место": INT, "Открыть": LINK,
           "Уровень": TEXT, "Отчёт за период": TEXT, "Просрочено отчётов": INT}


def ranked(frame: pd.DataFrame, ranking: Ranking) -> pd.DataFrame:
    """Worst first by the ranking; passports without a value go last."""
    return frame.sort_values(ranking.column, ascending=ranking.worst_low, na_position="last",
                             kind="stable").reset_index(drop=True)


def portfolio_table(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Место": range(1, len(frame) + 1), "Паспорт": frame["territory"], "Регион": frame["region"],
        "Уровень": frame["level"].map(v.PASSPORT_LEVELS.label), "Достигнуто, %": frame["achieved_pct"],
        "Достигнуто": frame["achieved"], "Риск": frame["at_risk"], "Не достигнуто": frame["not_achieved"],
        "Нет данных": frame["no_data"], "В работе": frame["in_progress"], "План, млн руб.": frame["planned_mln_rub"],
        "Исполнено, млн руб.": frame["spent_mln_rub"], "Исполнение, %": frame["execution_pct"],
        "Просрочено": frame["overdue"], "Дольше всех, дн.": frame["max_overdue_days"],
        "Последний отчёт": frame["last_report_date"], "Ошибки паспорта": frame["quality_errors"],
        "Открытые риски": frame["open_risks"], "Высокие риски": frame["high_risks"],
        "Отчёт за период": [current_report_cell(p, s, d) for p, s, d in
                            zip(frame["report_period"], frame["report_state_label"], frame["report_days_late"],
                                strict=True)],
        "Просрочено отчётов": frame["late_reports"],
        "Пример": frame["has_examples"], "Открыть": "./?passport=" + frame["passport_id"]})


def status_bars(frame: pd.DataFrame, title: str) -> go.Figure:
    """Targets of each passport by status, stacked, the worst on top."""
    fig = go.Figure()
    names = list(frame["territory"])
    for code, column in (("achieved", "achieved"), ("at_risk", "at_risk"), ("not_achieved", "not_achieved"),
                         ("no_data", "no_data"), ("in_progress", "in_progress")):
        fig.add_trace(go.Bar(y=names, x=frame[column], orientation="h", name=v.PLAN_STATUSES.label(code),
                             marker_color=v.PLAN_STATUSES.colour(code),
                             hovertemplate="%{y}: %{x}<extra>" + v.PLAN_STATUSES.label(code) + "</extra>"))
    apply_style(fig, title, None)
    # the legend at the very bottom: on top it wrapped into the example mark's place on a narrow window
    fig.update_layout(barmode="stack", height=max(400, 220 + 24 * len(frame)), margin={"l": 220, "t": 70},
                      legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0,
                              "traceorder": "normal"})
    fig.update_yaxes(autorange="reversed", tickformat=None)
    fig.update_xaxes(title_text="целей (показатель или мера × год)", tickformat="d")
    return fig


def portfolio_panels(con: duckdb.DuckDBPyConnection, f: Filters, region: str | None = None,
                     ranking: str = "achieved", allowed: tuple[str, ...] | None = None) -> list[Panel]:
    """Key numbers, the ranked table of every passport (only `allowed` ones when given: a viewer's list) and the
    worst passports on a chart."""
    rank = RANKING_BY_CODE.get(ranking, RANKINGS[0])
    frame = ranked(portfolio(con, f.as_of, f.year_from, f.year_to, region, allowed), rank)
    where = region or "все регионы"
    if frame.empty:
        return [Panel(key="portfolio_empty", title="Портфель", empty=f"Нет паспортов: {where}.")]
    span = f"{f.year_from}–{f.year_to}"
    reported = frame["last_report_date"].notna()
    cards = Panel(key="portfolio_cards", title=f"Портфель: {where}", metrics=[
        Metric("Паспортов", fmt_int(len(frame)), note=f"регионов: {frame['region'].nunique()}; муниципальных: "
                                                       f"{int((frame['level'] == 'municipal').sum())}"),
        Metric("Целей достигнуто", fmt_int(frame["achieved"].sum()),
               note=f"риск: {fmt_int(frame['at_risk'].sum())} · не достигнуто: {fmt_int(frame['not_achieved'].sum())}"
                    f" · нет данных: {fmt_int(frame['no_data'].sum())}",
               help=f"Показатель или мера результата × год, {span}, годы, начавшиеся к {fmt_date(f.as_of)}"),
        Metric("Просрочено строк плана", fmt_int(frame["overdue"].sum()),
               note=f"у {count_of(int((frame['overdue'] > 0).sum()), 'паспорта', 'паспортов', 'паспортов')}"),
        Metric("План, млн руб.", fmt_money(frame["planned_mln_rub"].sum(), unit=False),
               note=f"исполнено по фактам: {fmt_money(frame['spent_mln_rub'].sum())}"),
        Metric("Отчитались", fmt_int(int(reported.sum())),
               note=f"последний отчёт — {fmt_date(frame['last_report_date'].max())}" if reported.any()
               else "внесён только пример" if frame["has_examples"].any() else "факты не внесены",
               help="Паспорта, по которым пользователи внесли факты (пример не считается)"),
        Metric("Ошибки в паспортах", fmt_int(frame["quality_errors"].sum()), page="quality",
               note=f"у {count_of(int((frame['quality_errors'] > 0).sum()), 'паспорта', 'паспортов', 'паспортов')}"),
    ])
    examples = frame["has_examples"]
    table = Panel(key="portfolio_table", title=f"Все паспорта по месту: {rank.label}", table=portfolio_table(frame),
                  columns=COLUMNS, subtitle=f"{where} · {span} · по состоянию на {fmt_date(f.as_of)}",
                  notes=["Место — по выбранному показателю, худшие вверху; таблицу можно сортировать по любому "
                         "столбцу. «Достигнуто, %» — доля достигнутых среди целей с итогом (без «в работе»). "
                         "«Исполнение» — исполнено к плану строк, по которым внесены факты. «Открыть» — страницы "
                         "паспорта."])
    worst = frame.head(CHART_ROWS)
    chart = Panel(key="portfolio_status", title=f"Цели по статусам: {min(CHART_ROWS, len(frame))} худших по месту",
                  figure=status_bars(worst, ""), table=portfolio_table(worst)[
                      ["Место", "Паспорт", "Регион", "Достигнуто", "Риск", "Не достигнуто", "Нет данных",
                       "В работе"]], columns=COLUMNS,
                  subtitle=f"{where} · {span} · по состоянию на {fmt_date(f.as_of)}")
    if frame["achieved_pct"].notna().any():
        best = frame.dropna(subset=["achieved_pct"])
        chart.notes.append(f"Доля достигнутых: от {fmt_pct(best['achieved_pct'].min())} до "
                           f"{fmt_pct(best['achieved_pct'].max())}.")
    panels = [finish(cards, examples=examples), finish(table, examples=examples), finish(chart, examples=examples)]
    for panel in panels:
        panel.passport_ids = tuple(frame["passport_id"]) if len(frame) <= 20 else ()
    return panels
