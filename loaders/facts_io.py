"""Reading a filled facts file as Excel in Russia writes it: XLSX, or CSV in UTF-8 (with or without BOM) or
Windows-1251, separated by ';', ',' or tab, with decimal commas, thousands spaces and '%' signs."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pandas as pd

MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 200_000

#: template columns in order; the required ones must be present in an uploaded file
COLUMNS = ["Паспорт", "Вид", "Раздел", "Код", "Наименование", "Мера", "Ед. изм.", "Год", "Накопительно",
           "План", "Отчётная дата", "Факт", "Статус", "Комментарий", "Источник"]
REQUIRED = ["Паспорт", "Вид", "Код", "Мера", "Год", "Факт"]
_ALIASES = {c.lower(): c for c in COLUMNS} | {"единица": "Ед. изм.", "отчетная дата": "Отчётная дата"}


# ---- reading an uploaded file -------------------------------------------------------------------
def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("cp1251", raw, 0, 1, "не удалось определить кодировку")


def _sniff_separator(text: str) -> str:
    head = text.splitlines()[0] if text else ""
    counts = {sep: head.count(sep) for sep in (";", "\t", ",")}
    return max(counts, key=counts.get) if any(counts.values()) else ";"


def read_table(raw: bytes, name: str) -> pd.DataFrame:
    """A filled template as strings: XLSX, or CSV in UTF-8 (with/without BOM) or Windows-1251,
    separated by ';', ',' or tab. Raises ValueError with a Russian message."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise ValueError(f"файл слишком большой: {len(raw) // 1024 // 1024} МБ при пределе "
                         f"{MAX_IMPORT_BYTES // 1024 // 1024} МБ")
    if raw[:2] == b"PK" or name.lower().endswith(".xlsx"):
        try:
            frame = pd.read_excel(io.BytesIO(raw), dtype=object, engine="openpyxl")
        except Exception as exc:  # noqa: BLE001 - any unreadable workbook
            raise ValueError(f"не удалось прочитать файл Excel: {exc}") from None
        frame = frame.map(_cell_to_text)
    else:
        try:
            text = _decode(raw)
        except UnicodeDecodeError:
            raise ValueError("кодировка не распознана: сохраните файл как CSV (UTF-8 или Windows-1251)") from None
        sep = _sniff_separator(text)
        try:
            frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False,
                                quoting=csv.QUOTE_MINIMAL, skip_blank_lines=True)
        except pd.errors.ParserError as exc:
            raise ValueError(f"не удалось разобрать CSV: {exc}") from None
    if len(frame) > MAX_IMPORT_ROWS:
        raise ValueError(f"слишком много строк: {len(frame)} при пределе {MAX_IMPORT_ROWS}")
    frame.columns = [_canonical_column(c) for c in frame.columns]
    return frame.fillna("")


def _cell_to_text(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _canonical_column(name) -> str:
    text = str(name).strip().lstrip("\ufeff")
    return _ALIASES.get(text.lower(), text)


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_number(text: str) -> float | None:
    """'1 280' / '12,5' / '42 %' / '1.5' -> float; '' -> None; anything else raises ValueError."""
    cleaned = _SPACES.sub("", str(text)).rstrip("%")
    if cleaned == "":
        return None
    if cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    return float(cleaned)


def parse_date(text: str) -> date | None:
    """'31.12.2024' or '2024-12-31' -> date; '' -> None; otherwise ValueError."""
    text = str(text).strip()
    if not text:
        return None
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)
