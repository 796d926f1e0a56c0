"""XLSX, read safely: the archive's members are measured before anything is unpacked, the sheet is streamed
(openpyxl `read_only`) and stopped at a row and cell cap. Only the first visible sheet is read, and only when
no other visible sheet holds data; formulas need the value Excel saved, Excel errors and merged cells are refused.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile

import openpyxl

from domain.formatting import count_of
from domain.limits import LIMITS, mb
from domain.problems import InputError
from spreadsheets.cells import BadCell, Cell, Problems, cell_as_text, log_unexpected

_BROKEN = "книга Excel повреждена или сохранена не в формате XLSX: откройте её в Excel и сохраните как XLSX или CSV"
_MERGE = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="'
                    rb'([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)"')
_CHUNK = 1024 * 1024


def check_archive(raw: bytes, problems: Problems) -> zipfile.ZipFile:
    """The archive, once every member's uncompressed size and compression ratio are within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise problems.fatal(_BROKEN) from None
    if len(infos) > LIMITS.xlsx_members:
        raise problems.fatal(f"в архиве книги {count_of(len(infos), 'часть', 'части', 'частей')} при пределе "
                             f"{LIMITS.xlsx_members}: это не книга Excel")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise problems.fatal("книга защищена паролем: снимите защиту и сохраните её снова")
        cap = LIMITS.xlsx_sheet_bytes if info.filename.startswith("xl/worksheets/") else LIMITS.xlsx_part_bytes
        if info.file_size > cap:
            raise problems.fatal(f"часть книги «{info.filename}» распаковывается в {mb(info.file_size)} при "
                                 f"пределе {mb(cap)}: разделите файл")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > LIMITS.xlsx_ratio_from and ratio > LIMITS.xlsx_ratio:
            raise problems.fatal(f"часть книги «{info.filename}» сжата в {ratio:.0f} раз (предел — "
                                 f"{LIMITS.xlsx_ratio}): так сжимаются только файлы-«бомбы», файл не читается")
        total += info.file_size
    if total > LIMITS.xlsx_total_bytes:
        raise problems.fatal(f"книга распаковывается в {mb(total)} при пределе {mb(LIMITS.xlsx_total_bytes)}: "
                             "разделите файл")
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:200]:
            raise problems.fatal("файл в формате OpenDocument (ODS): сохраните его как XLSX или CSV")
        raise problems.fatal("это архив, но не книга Excel (XLSX): сохраните таблицу как XLSX или CSV")
    return archive


def read_rows(raw: bytes, problems: Problems) -> tuple[list[tuple[int, list[Cell]]], str, list[str]]:
    """The rows of the first visible sheet as text cells, its title, and notes (hidden sheets not read)."""
    archive = check_archive(raw, problems)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns in English about styles and extensions
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
            try:
                return _read_book(book, archive, raw, problems)
            finally:
                book.close()
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - whatever a broken workbook makes openpyxl raise, the user reads Russian
        log_unexpected(problems.file)
        raise problems.fatal(_BROKEN) from None


def _read_book(book, archive: zipfile.ZipFile, raw: bytes, problems: Problems):
    sheets = list(book.worksheets)
    visible = [ws for ws in sheets if ws.sheet_state == "visible"]
    hidden = [ws.title for ws in sheets if ws.sheet_state != "visible"]
    if not visible:
        raise problems.fatal("в книге нет видимых листов с таблицей")
    sheet = visible[0]
    budget = _Budget(LIMITS.xlsx_cells)
    others = [ws.title for ws in visible[1:] if _has_data(ws, problems, budget)]
    if others:
        raise problems.fatal(f"в книге несколько листов с данными: «{sheet.title}», "
                             + ", ".join(f"«{t}»" for t in others)
                             + ". Факты читаются с одного листа: оставьте данные только на нём")
    problems.file = f"{problems.file}, лист «{sheet.title}»"  # every later problem names the sheet
    _check_merged(sheet, archive, problems)
    rows, formulas = _cells(sheet, problems, budget)
    if formulas:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            values = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        try:
            _formula_values(values[sheet.title], rows, formulas, problems, budget)
        finally:
            values.close()
    notes = [f"прочитан лист «{sheet.title}»"]
    if hidden:
        notes.append("скрытые листы не прочитаны: " + ", ".join(f"«{t}»" for t in hidden))
    return rows, sheet.title, notes


class _Budget:
    """Cells left to parse in this workbook: every sheet and pass takes from the same budget."""

    def __init__(self, cells: int):
        self.cells = cells


def _rows(ws, problems: Problems, budget: _Budget):
    """Rows of a read-only sheet without trusting its stated dimension, stopped at the row and cell caps."""
    ws.reset_dimensions()  # a sheet may claim A1:XFD1048576; read only the cells it has
    for number, row in enumerate(ws.iter_rows(), start=1):
        budget.cells -= len(row) + 1
        if budget.cells < 0:
            cap = count_of(LIMITS.xlsx_cells, "ячейки", "ячеек", "ячеек")
            raise problems.fatal(f"в книге больше {cap} (лист «{ws.title}» дочитан до строки {number}): "
                                 "разделите файл или сохраните его как CSV")
        if number > LIMITS.rows + 1:
            raise problems.fatal(f"на листе «{ws.title}» больше {count_of(LIMITS.rows, 'строки', 'строк', 'строк')}:"
                                 " разделите файл", f"строка {number}")
        yield number, row


def _has_data(ws, problems: Problems, budget: _Budget) -> bool:
    return any(c.value not in (None, "") for _, row in _rows(ws, problems, budget) for c in row)


def _cells(ws, problems: Problems, budget: _Budget) -> tuple[list[tuple[int, list[Cell]]], dict[tuple[int, int], str]]:
    """Text of every cell; formula cells are listed (row, column) -> formula, to be given their saved value."""
    rows: list[tuple[int, list[Cell]]] = []
    formulas: dict[tuple[int, int], str] = {}
    for number, row in _rows(ws, problems, budget):
        texts: list[Cell] = []
        for column, cell in enumerate(row):
            if cell.data_type == "f":
                formulas[(number, column)] = str(cell.value)
                texts.append("")
            elif cell.data_type == "e":
                texts.append(BadCell(f"в ячейке ошибка Excel {cell.value}: исправьте формулу или введите значение"))
            else:
                texts.append(cell_as_text(cell.value))
        rows.append((number, texts))
    return rows, formulas


def _formula_values(ws, rows: list[tuple[int, list[Cell]]], formulas: dict, problems: Problems,
                    budget: _Budget) -> None:
    """Put the value Excel saved in place of each formula; a formula without one is refused at its cell."""
    by_number = {number: texts for number, texts in rows}
    for number, row in _rows(ws, problems, budget):
        for column, cell in enumerate(row):
            if (number, column) not in formulas:
                continue
            if cell.data_type == "e":
                value: Cell = BadCell(f"в ячейке ошибка Excel {cell.value} (формула {formulas[(number, column)]}): "
                                      "исправьте формулу или введите значение")
            elif cell.value is None:
                value = BadCell(f"формула {formulas[(number, column)][:60]} без сохранённого значения: откройте файл "
                                "в Excel, пересчитайте и сохраните (или введите значение вместо формулы)")
            else:
                value = cell_as_text(cell.value)
            by_number[number][column] = value


def _check_merged(ws, archive: zipfile.ZipFile, problems: Problems) -> None:
    """Merged cells hold a value in the first cell only: which rows it belongs to is a guess, so refuse them."""
    member = getattr(ws, "_worksheet_path", None)
    if not member:
        return
    refs = []
    with archive.open(member) as stream:
        tail = b""
        while chunk := stream.read(_CHUNK):
            buffer = tail + chunk
            refs += [m.group(1).decode() for m in _MERGE.finditer(buffer)]
            tail = buffer[-512:]
    for ref in dict.fromkeys(refs):
        start = ref.split(":")[0]
        row = int(re.sub(r"[A-Z]", "", start))
        problems.add(f"строка {row}, ячейки {ref}", "объединённые ячейки: значение есть только в первой из них — "
                     "разъедините ячейки и заполните каждую")

