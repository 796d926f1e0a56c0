"""Russian formatting of numbers, percents, money and dates — the one formatter, on Babel (CLDR «ru»).

1234.5 → «1 234,5» (no-break space), 42 → «42 %», 39.745 → «39,75 млн руб.», 2024-12-31 → «31.12.2024».
Values keep full precision everywhere else; rounding happens only here, half up as people and Excel round.
"""

from __future__ import annotations

import decimal
import functools
import math
from dataclasses import dataclass
from datetime import date, datetime

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

from domain.vocabulary import MONEY_UNIT, NO, YES, is_share

LOCALE = "ru"
NBSP = "\u00a0"
EMPTY = "—"
#: plotly's `separators`: decimal comma, thousands no-break space
PLOTLY_SEPARATORS = "," + NBSP
_RU = Locale.parse(LOCALE)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return not math.isfinite(float(value))  # NaN, NA, inf
    except (TypeError, ValueError):
        return True


@functools.cache
def _pattern(decimals: int, keep_zeros: bool) -> NumberPattern:
    """Babel's pattern, parsed once (format_decimal parsed the pattern and the locale on every call: a table of
    2 000 passports formats 40 000 cells a render)."""
    return parse_pattern("#,##0" if decimals <= 0 else "#,##0." + ("0" if keep_zeros else "#") * decimals)


def fmt_num(value: object, decimals: int = 1, empty: str = EMPTY, keep_zeros: bool = False) -> str:
    """1234.5 → «1 234,5»; trailing zeros dropped unless keep_zeros; missing or non-finite → empty."""
    if _is_missing(value):
        return empty
    number = decimal.Decimal(repr(float(value)))
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        ctx.rounding = decimal.ROUND_HALF_UP
        text = _pattern(decimals, keep_zeros).apply(number, _RU)
    return text.replace("\u202f", NBSP)


def fmt_int(value: object, empty: str = EMPTY) -> str:
    """A count: 1234 → «1 234»."""
    return fmt_num(value, 0, empty)


def fmt_pct(value: object, decimals: int = 0, empty: str = EMPTY) -> str:
    """A value in percent points: 42 → «42 %», 89.44 (decimals=1) → «89,4 %»."""
    shown = fmt_num(value, decimals, empty)
    return shown if shown == empty else f"{shown}{NBSP}%"


def fmt_money(value: object, empty: str = EMPTY, unit: bool = True) -> str:
    """Millions of roubles with two decimals, as the passports print them: «1 234,56 млн руб.»."""
    shown = fmt_num(value, 2, empty, keep_zeros=True)
    if shown == empty or not unit:
        return shown
    return f"{shown}{NBSP}млн{NBSP}руб."


def fmt_value(value: object, percent: bool, decimals: int = 1, empty: str = EMPTY) -> str:
    """A plan or fact: as a percent when the unit is a share, else as a number."""
    return fmt_pct(value, decimals, empty) if percent else fmt_num(value, decimals, empty)


def fmt_date(value: object, empty: str = EMPTY) -> str:
    """date, datetime, Timestamp or ISO text → «31.12.2024»."""
    if value is None or value == "":
        return empty
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    try:
        if value != value:  # NaT / NaN
            return empty
    except (TypeError, ValueError):
        return empty
    if isinstance(value, datetime) or hasattr(value, "to_pydatetime"):
        value = value.date() if isinstance(value, datetime) else value.to_pydatetime().date()
    return format_date(value, "dd.MM.yyyy", locale=LOCALE)


def fmt_datetime(value: object, empty: str = EMPTY) -> str:
    """«31.12.2024 14:05»."""
    if value is None or value == "":
        return empty
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if not isinstance(value, datetime):
        return fmt_date(value, empty)
    return f"{format_date(value.date(), 'dd.MM.yyyy', locale=LOCALE)} {value:%H:%M}"


def plural(n: int | float, one: str, few: str, many: str) -> str:
    """The noun form for a count by CLDR plural rules: 1 ошибка, 2 ошибки, 5 ошибок, 21 ошибка."""
    form = _RU.plural_form(abs(n))
    return {"one": one, "few": few}.get(form, many)


def count_of(n: int, one: str, few: str, many: str) -> str:
    """«1 ошибка», «2 ошибки», «1 234 строки»."""
    return f"{fmt_int(n)} {plural(n, one, few, many)}"


def years_label(years: list[int] | tuple[int, ...]) -> str:
    """[2019, 2020, 2024] → «2019–2024»; [2019] → «2019»."""
    years = sorted(int(y) for y in years)
    return f"{years[0]}–{years[-1]}" if len(years) > 1 and years[0] != years[-1] else str(years[0])


def yes_no(value: object) -> str:
    """True → «Да», False → «Нет», missing → «»."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return YES if bool(value) else NO


# ---- table columns: how a value is shown on a page and written to CSV / XLSX ---------------------------------
@dataclass(frozen=True)
class Column:
    """How one table column is shown: kind text | int | number | percent | money | date | yesno, value — a
    number shown as a percent in the rows whose unit (the column `unit_col`) is a share — or general: a number as
    typed into a spreadsheet, no display format (a template's plan, where a control point's row holds a date)."""

    kind: str = "text"
    decimals: int = 1
    unit_col: str = ""

    @property
    def is_number(self) -> bool:
        return self.kind in ("int", "number", "percent", "money", "value", "year", "general")

    def for_unit(self, unit: object) -> Column:
        """The column of one row: a value column becomes percent or number by the row's unit."""
        if self.kind != "value":
            return self
        return Column("percent" if is_share(unit) else "number", self.decimals)


def value_by_unit(unit_col: str, decimals: int = 1) -> Column:
    """A plan or fact column whose rows differ in unit: a share shows as «42 %», a count as «1 234»."""
    return Column("value", decimals, unit_col)


TEXT, INT, DATE, YESNO, YEAR = Column("text"), Column("int", 0), Column("date"), Column("yesno"), Column("year", 0)
#: a link to a page of the app (shown as a link on the page, left out of CSV and XLSX)
LINK = Column("link")
MONEY = Column("money", 2)
#: a number as typed into a spreadsheet: every digit up to six decimals
PLAIN_NUMBER = Column("number", 6)


def number(decimals: int = 1) -> Column:
    return Column("number", decimals)


def percent(decimals: int = 1) -> Column:
    return Column("percent", decimals)


def _year(value: object, empty: str) -> str:
    """A year as a year: 2024, never «2 024»; a text cell («Всего») as it is."""
    if isinstance(value, str):
        return value
    return empty if _is_missing(value) else str(int(float(value)))


def format_cell(value: object, column: Column, empty: str = EMPTY) -> str:
    """A cell as a page shows it: 1 234,5 · 42,1 % · 1 234,56 · 31.12.2024 · Да/Нет · 2024."""
    if column.kind == "year":
        return _year(value, empty)
    if column.kind == "int":
        return fmt_num(value, 0, empty)
    if column.kind == "number":
        return fmt_num(value, column.decimals, empty)
    if column.kind in ("percent", "value"):
        return fmt_pct(value, column.decimals, empty) if column.kind == "percent" else fmt_num(value,
                                                                                              column.decimals, empty)
    if column.kind == "money":
        return fmt_num(value, 2, empty, keep_zeros=True)
    if column.kind == "date":
        return fmt_date(value, empty)
    if column.kind == "yesno":
        return yes_no(value) or empty
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    return str(value)


def plain_cell(value: object, column: Column) -> str:
    """A cell as a Russian spreadsheet reads it from CSV: no thousands separator, decimal comma, rounded to the
    column's decimals; dates 31.12.2024; Да/Нет."""
    if column.kind == "general":
        return value if isinstance(value, str) else plain_cell(value, PLAIN_NUMBER)
    if column.kind == "year":
        return _year(value, "")
    if column.is_number:
        if _is_missing(value):
            return ""
        decimals = 0 if column.kind == "int" else (2 if column.kind == "money" else column.decimals)
        rounded = decimal.Decimal(repr(float(value))).quantize(decimal.Decimal(1).scaleb(-decimals),
                                                              rounding=decimal.ROUND_HALF_UP)
        text = format(rounded + 0, "f").replace(".", ",")  # + 0 turns -0,00 into 0,00
        if column.kind == "money" or "," not in text:
            return text
        return text.rstrip("0").rstrip(",")
    if column.kind == "date":
        return fmt_date(value, "")
    if column.kind == "yesno":
        return yes_no(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def plain_number(value: object) -> str:
    """A number as a Russian spreadsheet cell holds it (a facts template's plan, a message quoting a fact): no
    thousands separator, decimal comma, up to six decimals; empty when missing."""
    return plain_cell(value, PLAIN_NUMBER)


def columns_by_name(names: object) -> dict[str, Column]:
    """Formats read off column names: «…, млн руб.» money with two decimals, «…, %» a percent with one."""
    out: dict[str, Column] = {}
    for name in map(str, names):
        if name.endswith(MONEY_UNIT):
            out[name] = MONEY
        elif name.endswith("%"):
            out[name] = percent(1)
    return out
