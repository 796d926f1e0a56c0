"""Russian number and date formats: 1 234,5 · 42 % · 31.12.2024."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

NBSP = "\u00a0"


def fmt_num(value: float | int | None, decimals: int = 1, empty: str = "—") -> str:
    """1234.5 -> '1 234,5' (no-break space for thousands, decimal comma); trailing ',0' dropped."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return empty
    text = f"{float(value):,.{decimals}f}"
    if decimals and text.endswith("." + "0" * decimals):
        text = text[: -(decimals + 1)]
    return text.replace(",", NBSP).replace(".", ",")


def fmt_pct(value: float | None, decimals: int = 0, empty: str = "—") -> str:
    """42 -> '42 %'."""
    shown = fmt_num(value, decimals, empty)
    return shown if shown == empty else f"{shown}{NBSP}%"


def fmt_money(value: float | None, empty: str = "—") -> str:
    """Millions of roubles with two decimals, as the passports print them: '1 234,56 млн руб.'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return empty
    text = f"{float(value):,.2f}".replace(",", NBSP).replace(".", ",")
    return f"{text}{NBSP}млн{NBSP}руб."


def fmt_date(value: date | datetime | str | None, empty: str = "—") -> str:
    """date -> '31.12.2024'."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return empty
    return pd.Timestamp(value).strftime("%d.%m.%Y")

def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for a count: 1 строка, 2 строки, 5 строк, 21 строка, 173 строки."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


LEVEL_RU = {"regional": "региональный", "municipal": "муниципальный"}
SOURCE_RU = {"federal": "Федеральный бюджет", "regional": "Бюджет региона / города",
             "municipal": "Бюджеты муниципалитетов", "extrabudgetary": "Внебюджетные источники",
             "state_funds": "Государственные внебюджетные фонды", "total": "Итого"}
