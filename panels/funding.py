"""Panels of «Финансирование»: money by year and source, by line, the federal share, plan against execution,
the structure line → source, and the document's own totals against the sums of their parts.

Amounts are млн руб. as printed; nothing is corrected. A comparison of passports is one panel with a subplot
(or a series) per passport on one scale; the lines of each passport are its own, so those panels come per passport.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from charts import funding as charts
from charts.layout import side_by_side
from domain import vocabulary as v
from domain.formatting import INT, TEXT, YEAR, YESNO, columns_by_name, fmt_money, fmt_pct, years_label
from metrics import funding, overview
from panels import funding_tables
from panels.base import Filters, Metric, Panel, finish, subtitle


def _of(frame: pd.DataFrame, pid: str) -> pd.DataFrame:
    return frame[frame["passport_id"] == pid]


def _money_columns(table: pd.DataFrame) -> dict:
    """Money columns (their names end in «млн руб.») with two decimals, percent columns with one."""
    counts = {c: INT for c in table.columns if str(c).startswith("Ячеек")}
    return columns_by_name(table.columns) | counts | {"Год": YEAR, "Пример": YESNO, "Паспорт": TEXT}


def funding_panels(con: duckdb.DuckDBPyConnection, f: Filters, section: str = "passport",
                   only_disagreements: bool = True) -> list[Panel]:
    """Every panel of one funding table (section 4 or the additional materials) for the chosen passports."""
    names = overview.passport_names(con)
    panels: list[Panel] = []
    have = funding.sections(con, f.passport_ids)
    in_section = set(have.loc[have["section"] == section, "passport_id"])
    tables = set(zip(have["passport_id"], have["section"], strict=True))
    for pid in f.passport_ids:
        if pid in in_section:
            continue
        if section == "additional":
            said = (f"{names.get(pid, pid)}: в паспорте нет таблицы «Дополнительные материалы» — финансирование "
                    "расписано только в разделе 4 «Финансовое обеспечение».")
        else:
            said = f"{names.get(pid, pid)}: раздел 4 паспорта не называет ни одной суммы."
        panels.append(Panel(key=f"funding_absent_{pid}", title="Нет таблицы", empty=said, passport_ids=(pid,)))
    shown = [p for p in f.passport_ids if p in in_section]
    if not shown:
        return panels
    in_range = funding.money_by_year_source(con, tuple(shown), section, f.year_from, f.year_to)
    marks = funding.markers(con, tuple(shown), section)
    for pid in [p for p in shown if p not in set(in_range["passport_id"])]:
        own = _of(marks, pid)
        note = funding_tables.markers_sentence(own, (pid, "additional") in tables) if len(own) else ""
        panels.append(Panel(key=f"funding_empty_{pid}", title="Нет сумм", passport_ids=(pid,),
                            empty=f"{names.get(pid, pid)}: в {years_label(f.years)} эта таблица сумм не называет. "
                                  f"{note}".strip()))
    shown = [p for p in shown if p in set(in_range["passport_id"])]
    if not shown:
        return panels
    ctx = _Context(con, f, tuple(shown), section, names, in_range, marks, tables)
    panels += ctx.cards()
    panels.append(ctx.year_source())
    panels += ctx.lines()
    panels.append(ctx.federal_share())
    panels.append(ctx.plan_spent())
    panels += ctx.trees()
    panels.append(ctx.checks(only_disagreements))
    details = ctx.details()
    if details is not None:
        panels.append(details)
    return panels


class _Context:
    """The data of one funding table for the chosen passports, shared by its panels."""

    def __init__(self, con: duckdb.DuckDBPyConnection, f: Filters, ids: tuple[str, ...], section: str,
                 names: dict[str, str], by_year_source: pd.DataFrame, marks: pd.DataFrame, tables: set):
        self.con, self.f, self.ids, self.section, self.names = con, f, ids, section, names
        self.by_year_source, self.marks, self.tables = by_year_source, marks, tables
        args = (ids, section, f.year_from, f.year_to)
        year_cols = funding.table_years(con, ids, section)
        self.year_cols = year_cols
        self.years = sorted(y for y in year_cols["year"].unique() if f.year_from <= y <= f.year_to)
        self.period = years_label(self.years) if self.years else years_label(f.years)
        self.by_year = funding.money_by_year(con, *args)
        self.by_line_source = funding.money_by_line_source(con, *args)
        self.by_line = funding.money_by_line(con, *args)
        self.plan_year = funding.plan_vs_spent_by_year(con, ids, section, f.as_of, f.year_from, f.year_to)
        self.checks_frame = funding.total_checks(con, *args)
        self.sub = subtitle(names, f)
        self.where = v.FUNDING_SECTIONS[section].note

    def name(self, pid: str) -> str:
        return self.names.get(pid, pid)

    def _panel(self, key: str, title: str, **kw) -> Panel:
        return Panel(key=f"funding_{self.section}_{key}", title=title, subtitle=self.sub, passport_ids=self.ids, **kw)

    # ---- key numbers ---------------------------------------------------------------------------------------------
    def cards(self) -> list[Panel]:
        out = []
        for pid in self.ids:
            yr = _of(self.by_year, pid)
            computed = yr["computed_mln_rub"].sum(min_count=1)
            federal = yr["federal_mln_rub"].sum(min_count=1)
            share = federal / computed * 100 if pd.notna(computed) and computed > 0 else None
            py = _of(self.plan_year, pid)
            spent, planned = py["spent_mln_rub"].sum(min_count=1), py["plan_mln_rub"].sum()
            covers_all = set(self.years) >= set(_of(self.year_cols, pid)["year"])
            notes = [funding_tables.printed_total_sentence(_of(self.checks_frame, pid), yr, computed, covers_all)]
            notes.append("Исполнение: факты не внесены." if pd.isna(spent) else
                         f"Исполнено (по внесённым фактам): {fmt_money(spent)} из {fmt_money(planned)} плана — "
                         f"{fmt_pct(spent / planned * 100 if planned else None, 1)}.")
            panel = Panel(key=f"funding_{self.section}_cards_{pid}", title=f"{self.name(pid)} · {self.where} · "
                          f"{self.period}", passport_ids=(pid,), notes=notes, group="Ключевые числа", metrics=[
                              Metric("Всего по источникам, млн руб.", fmt_money(computed, unit=False),
                                     help=f"Сумма строк источников всех строк таблицы за {self.period}"),
                              Metric("Доля федерального бюджета", fmt_pct(share, 1))])
            out.append(finish(panel, py["spent_mln_rub"], py["is_example"]))
        return out

    # ---- money by year and source --------------------------------------------------------------------------------
    def year_source(self) -> Panel:
        y_max = pd.concat([self.by_year["computed_mln_rub"], self.by_year["printed_total_mln_rub"]]).max()
        figures, tables = [], []
        for pid in self.ids:
            ys, yr = _of(self.by_year_source, pid), _of(self.by_year, pid)
            figures.append(charts.year_source_bars(ys, yr, "", years=self.years, y_max=y_max))
            table = funding_tables.year_source_table(ys, yr)
            tables.append(table.assign(Паспорт=self.name(pid)))
        table = _with_passport_first(pd.concat(tables, ignore_index=True))
        notes = ["Столбец — сумма строк источников; черта — «Всего по проекту», как его печатает документ."]
        for pid in self.ids:
            if len(_of(self.marks, pid)):
                notes.append(f"{self.name(pid)}: " + funding_tables.markers_sentence(
                    _of(self.marks, pid), has_additional=(pid, "additional") in self.tables))
        return self._panel("year_source", "Деньги по годам и источникам",
                           figure=side_by_side(figures, [self.name(p) for p in self.ids]),
                           table=table, columns=_money_columns(table), notes=notes)

    # ---- by line and source (each passport has its own lines) ----------------------------------------------------
    def lines(self) -> list[Panel]:
        x_max = pd.concat([self.by_line["computed_mln_rub"], self.by_line["printed_mln_rub"]]).max()
        out = []
        for pid in self.ids:
            ls, ln = _of(self.by_line_source, pid), _of(self.by_line, pid)
            title = f"По строкам (результатам) и источникам, {self.period} — {self.name(pid)}"
            if ls.empty:
                out.append(self._panel(f"lines_{pid}", title, empty=f"{self.name(pid)}: в {self.period} ни одна "
                                                                    "строка не называет сумм по источникам."))
                continue
            table = funding_tables.line_source_table(ls, ln)
            panel = self._panel(f"lines_{pid}", title, figure=charts.line_source_bars(ls, ln, "", x_max=x_max),
                                table=table, columns=_money_columns(table))
            panel.passport_ids = (pid,)
            out.append(panel)
        return out

    # ---- federal share -------------------------------------------------------------------------------------------
    def federal_share(self) -> Panel:
        frame = self.by_year.assign(label=self.by_year["passport_id"].map(self.name))
        table = pd.concat([funding_tables.share_table(_of(self.by_year, p)).assign(Паспорт=self.name(p))
                           for p in self.ids], ignore_index=True)
        table = _with_passport_first(table)
        if table.empty:
            return self._panel("share", "Доля федерального бюджета по годам",
                               empty=f"В {self.period} нет сумм, долю не посчитать.")
        return self._panel("share", "Доля федерального бюджета по годам, %",
                           figure=charts.federal_share_bars(frame, "", years=self.years), table=table,
                           columns=_money_columns(table))

    # ---- plan against execution ----------------------------------------------------------------------------------
    def plan_spent(self) -> Panel:
        plan_max = pd.concat([self.plan_year["plan_mln_rub"], self.plan_year["spent_mln_rub"]]).max()
        figures = [charts.plan_spent_bars(_of(self.plan_year, p), "", years=self.years, y_max=plan_max)
                   for p in self.ids]
        table = pd.concat([funding_tables.plan_spent_year_table(_of(self.plan_year, p)).assign(Паспорт=self.name(p))
                           for p in self.ids], ignore_index=True)
        table = _with_passport_first(table)
        notes = ["Исполнение, % = исполнено / запланировано. Факты — кассовое исполнение, внесённое на странице "
                 f"«Факты»; учитываются факты за годы не позже {self.f.as_of:%Y}."]
        if self.plan_year["spent_mln_rub"].isna().all():
            notes.insert(0, "Факты об исполнении не внесены — показан только план.")
        if self.plan_year["forecast_mln_rub"].notna().any():
            notes.append("«Прогноз на 31.12» — исполнение текущего года, пересчитанное на весь год (деньги — поток).")
        panel = self._panel("plan", "План и исполнение по годам",
                            figure=side_by_side(figures, [self.name(p) for p in self.ids]), table=table,
                            columns=_money_columns(table), notes=notes)
        return finish(panel, self.plan_year["spent_mln_rub"], self.plan_year["is_example"])

    def plan_spent_cells(self, pid: str) -> Panel:
        """Plan against execution by line, source and year (a table)."""
        detail = funding.plan_vs_spent(self.con, (pid,), self.section, self.f.as_of, self.f.year_from, self.f.year_to)
        table = funding_tables.plan_spent_table(detail)
        panel = self._panel(f"plan_cells_{pid}", f"План и исполнение по строкам — {self.name(pid)}", table=table,
                            columns=_money_columns(table))
        return finish(panel, detail["spent_mln_rub"], detail["is_example"])

    # ---- structure -----------------------------------------------------------------------------------------------
    def trees(self) -> list[Panel]:
        out = []
        for pid in self.ids:
            ls = _of(self.by_line_source, pid)
            title = f"Структура финансирования: строка → источник, {self.period} — {self.name(pid)}"
            if ls["amount_mln_rub"].sum() <= 0:
                continue
            table = funding_tables.line_source_table(ls, _of(self.by_line, pid))
            panel = self._panel(f"tree_{pid}", title, figure=charts.line_source_treemap(ls, ""), table=table,
                                columns=_money_columns(table))
            panel.passport_ids = (pid,)
            out.append(panel)
        return out

    # ---- the document's own totals -------------------------------------------------------------------------------
    def checks(self, only_disagreements: bool) -> Panel:
        title = "Итоги документа и расчёт"
        if self.checks_frame.empty:
            return self._panel("checks", title, empty="Документ не печатает итогов за выбранные годы — сверять нечего.")
        off = self.checks_frame[~self.checks_frame["is_match"].astype(bool)]
        notes = [f"Проверено итогов, напечатанных в документе: {len(self.checks_frame)}; расходятся с суммой "
                 f"слагаемых: {len(off)}. Разница = напечатано − рассчитано; документ не исправляется."]
        notes += funding_tables.check_sentences(funding.check_summary(self.checks_frame), self.names)
        shown = off if only_disagreements else self.checks_frame
        table = funding_tables.checks_table(shown, self.names)
        return self._panel("checks", title, table=table, columns=_money_columns(table) | {"Совпадает": YESNO},
                           notes=notes)

    def details(self) -> Panel | None:
        det = funding.details(self.con, self.ids, self.section, self.f.year_from, self.f.year_to)
        if det.empty:
            return None
        table = funding_tables.details_table(det, self.names)
        return self._panel("details", "«В т.ч.»: из чего складываются источники", table=table,
                           columns=_money_columns(table),
                           notes=["Строки «в т.ч.» и «из них» не прибавляются к источникам: это часть суммы строки "
                                  "источника, она показана рядом."])


def _with_passport_first(table: pd.DataFrame) -> pd.DataFrame:
    cols = ["Паспорт", *[c for c in table.columns if c != "Паспорт"]]
    return table[cols].reset_index(drop=True)

