"""The corpus of bad inputs, grouped by the class of failure it guards against (one folder per class).

Small hand-made files are committed in the class folders; bombs and workbooks are made at test time by
`tests.bad_inputs.build`. Each case says what the command line must answer: its exit code and the Russian
phrases (with the place) its output must hold. Run by tests/facts/test_bad_inputs.py.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.bad_inputs import build as b

H, G = b.HEADER, b.GOOD


@dataclass(frozen=True)
class Case:
    """One bad input: where it lives (or how it is made) and what the command must say."""

    klass: str
    name: str
    expect: tuple[str, ...]
    exit: int = 1
    #: import (python -m loaders import-facts FILE), build (--data DIR with one passport file replaced or edited),
    #: template (facts-template --out FILE)
    command: str = "import"
    make: Callable[[], bytes] | None = None
    #: build: the passport file the case replaces («amur/methodology.yaml»), or edits with edit(text) -> text
    target: str = ""
    edit: Callable[[str], str] | None = None
    #: import: a path that is missing or a folder instead of a file
    path: str = "file"
    args: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return f"{self.klass}/{self.name}"


def _xlsx_inf() -> bytes:
    return b.with_cells(b.book([H, G]), {"G2": '<c r="G2"><v>1e400</v></c>'})


def _hidden_first() -> bytes:
    """A hidden first sheet (imported by the old reader) and the visible sheet with the facts."""
    import openpyxl

    wb = openpyxl.Workbook()
    draft = wb.active
    draft.title = "Черновик"
    for row in ([*H], ["amur", "показатель", "", "1.1", "", 2019, "черновик", "отчёт"]):
        draft.append(row)
    sheet = wb.create_sheet("Факты")
    for row in (H, G):
        sheet.append(row)
    draft.sheet_state = "hidden"
    wb.active = 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xml_entities() -> bytes:
    """A workbook whose sheet declares a billion-laughs entity and uses it in a cell."""
    dtd = ('<!DOCTYPE worksheet [<!ENTITY a "lollollollollollollollollollol">'
           + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9)) + "]>")

    def edit(text: str) -> str:
        text = dtd + text
        return re.sub(r'<c r="H2"[^>]*>.*?</c>', '<c r="H2" t="inlineStr"><is><t>&j;</t></is></c>', text)
    return b._replace(b.book([H, G]), b.SHEET, edit)


def _not_a_book() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "не книга")
    return out.getvalue()


def _deep_yaml() -> bytes:
    return ("methodology:\n" + "".join(" " * (i + 2) + "-\n" for i in range(3000))).encode()


def _line_of(path: str, text: str) -> int:
    """The 1-based line of the bundled passport file where the text first stands."""
    lines = (Path(__file__).resolve().parents[2] / "data" / "passports" / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


#: the line of Amur's indicator 1.1 plan, where the edits below put a non-finite number
_AMUR_2021_LINE = _line_of("amur/indicators.yaml", "2021: 44")


CASES: list[Case] = [
    # ---- server killers: refused (or read) fast and small -------------------------------------------------------
    Case("server_killers", "billion_laughs.yaml", ("amur/methodology.yaml: строка", "разворачиваются"), 2,
         "build", target="amur/methodology.yaml"),
    Case("server_killers", "deep_list.yaml", ("amur/methodology.yaml: строка", "вложенность глубже 32"), 2,
         "build", target="amur/methodology.yaml", make=_deep_yaml),
    Case("server_killers", "deep_flow.yaml", ("amur/results.yaml: строка 1", "вложенность глубже 32"), 2,
         "build", target="amur/results.yaml", make=lambda: b"[" * 100_000 + b"]" * 100_000),
    Case("server_killers", "zip_bomb.xlsx", ("zip_bomb.xlsx", "распаковывается в 1024 МБ"), make=b.zip_bomb),
    Case("server_killers", "ratio_bomb.xlsx", ("ratio_bomb.xlsx", "сжата в"),
         make=lambda: b.zip_bomb(50 * 1024 * 1024)),
    Case("server_killers", "claims_whole_grid.xlsx", ("Проверка пройдена", "без изменений 1"), 0,
         make=lambda: b.claimed_dimension(b.book([H, G])), args=("--dry-run",)),
    Case("server_killers", "xfd_in_every_row.xlsx", ("xfd_in_every_row.xlsx", "в книге больше 1 000 000 ячеек",
                                                     "строки 63"),
         make=b.wide_rows),
    Case("server_killers", "row_1048576.xlsx", ("row_1048576.xlsx", "больше 200 000 строк"), make=b.far_row),
    Case("server_killers", "entity_bomb.xlsx", ("entity_bomb.xlsx", "книга Excel повреждена"), make=_xml_entities),
    Case("server_killers", "huge.csv", ("huge.csv", "файл слишком большой: 21 МБ при пределе 20 МБ"),
         make=lambda: (";".join(H) + "\r\n").encode() + b"x" * (21 * 1024 * 1024)),
    Case("server_killers", "one_long_cell.csv", ("one_long_cell.csv", "строка 2", "символов"),
         make=lambda: (";".join(H) + "\r\n").encode() + b"y" * (5 * 1024 * 1024)),
    Case("server_killers", "million_columns.csv", ("million_columns.csv: строка 1", "при пределе 100"),
         make=lambda: b"x;" * 1_000_000),
    Case("server_killers", "blank_rows.csv", ("blank_rows.csv: строка 200002", "больше 200 000 строк"),
         make=lambda: (";".join(H) + "\r\n").encode() + b"\r\n" * 300_000),
    # ---- English and tracebacks: every failure said in Russian -------------------------------------------------
    Case("english", "empty.csv", ("empty.csv: файл пуст (0 байт)",)),
    Case("english", "blank.csv", ("blank.csv", "нет ни одной строки",)),
    Case("english", "unclosed_quote.csv", ("unclosed_quote.csv: строка 2", "кавычка")),
    Case("english", "quote_to_end.csv", ("quote_to_end.csv: строка 2", "кавычка")),
    Case("english", "text_after_quote.csv", ("text_after_quote.csv: строка 2", "после закрывающей кавычки")),
    Case("english", "year_overflow.csv", ("year_overflow.csv: строка 2, столбец «Год»", "ожидается год")),
    Case("english", "binary.csv", ("binary.csv", "двоичный"), make=lambda: bytes(range(256)) * 40),
    Case("english", "broken.xlsx", ("broken.xlsx", "книга Excel повреждена"), make=lambda: b"PK\x03\x04" + b"\0" * 99),
    Case("english", "truncated.xlsx", ("truncated.xlsx", "книга Excel повреждена"),
         make=lambda: b.book([H, G])[:3000]),
    Case("english", "not_a_book.xlsx", ("not_a_book.xlsx", "не книга Excel"), make=_not_a_book),
    Case("english", "old_format.xls", ("old_format.xls", "XLS (Excel 97–2003)"),
         make=lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500),
    Case("english", "no_such_file.csv", ("no_such_file.csv: файл не найден",), path="missing"),
    Case("english", "a_folder.csv", ("a_folder.csv: это папка",), path="folder"),
    Case("english", "template_into_missing_folder.xlsx", ("Шаблон не записан", "папки"), command="template"),
    Case("english", "yaml_syntax.yaml", ("amur/passport.yaml: строка", "не закрыта квадратная скобка"), 2, "build",
         target="amur/passport.yaml", edit=lambda t: t.replace("passport_id: amur", "passport_id: [amur")),
    Case("english", "yaml_tag.yaml", ("amur/passport.yaml: строка", "неизвестный тег"), 2, "build",
         target="amur/passport.yaml", edit=lambda t: t.replace("passport_id: amur", "passport_id: !!python/none")),
    Case("english", "yaml_empty.yaml", ("tomsk/funding.yaml: файл пуст",), 2, "build", target="tomsk/funding.yaml",
         make=lambda: b""),
    Case("english", "yaml_folder.yaml", ("tomsk/funding.yaml: это папка",), 2, "build", target="tomsk/funding.yaml"),
    Case("english", "utf16_from_excel.txt", ("Проверка пройдена", "без изменений 1"), 0, args=("--dry-run",),
         make=lambda: codecs.BOM_UTF16_LE + ("\t".join(H) + "\r\namur\tпоказатель\t\t1.1\t\t2019\t3,5\tотчёт\r\n")
         .encode("utf-16-le")),
    Case("english", "koi8.csv", ("Проверка пройдена", "без изменений 1"), 0, args=("--dry-run",),
         make=lambda: (";".join(H) + "\r\namur;показатель;;1.1;;2019;3,5;отчёт\r\n").encode("koi8_r")),
    # ---- silent choices: refused, never guessed ---------------------------------------------------------------
    Case("silent_choices", "two_fact_columns.csv", ("two_fact_columns.csv: строка 1, столбцы F и H",
                                                    "«Факт» повторяется")),
    Case("silent_choices", "code_and_kod.csv", ("code_and_kod.csv: строка 1, столбцы C и H", "«Код» повторяется")),
    Case("silent_choices", "unit_alias_twice.csv", ("строка 1, столбцы E и I", "«Ед. изм.» повторяется")),
    Case("silent_choices", "row_more_fields.csv", ("row_more_fields.csv: строка 3", "10 полей при 9 столбцах")),
    Case("silent_choices", "row_fewer_fields.csv", ("row_fewer_fields.csv: строка 3", "8 полей при 9 столбцах")),
    Case("silent_choices", "formula_without_value.xlsx", ("formula_without_value.xlsx, лист «Факты»: строка 2, "
                                                          "столбец «Факт»", "без сохранённого значения"),
         make=lambda: b.with_cells(b.book([H, G]), {"G2": '<c r="G2"><f>F2/0</f></c>'})),
    Case("silent_choices", "div_zero.xlsx", ("div_zero.xlsx, лист «Факты»: строка 2, столбец «Факт»", "#DIV/0!"),
         make=lambda: b.with_cells(b.book([H, G]), {"G2": '<c r="G2" t="e"><f>1/0</f><v>#DIV/0!</v></c>'})),
    Case("silent_choices", "not_available.xlsx", ("not_available.xlsx, лист «Факты»: строка 2, столбец «Факт»", "#N/A"),
         make=lambda: b.with_cells(b.book([H, G]), {"G2": '<c r="G2" t="e"><v>#N/A</v></c>'})),
    Case("silent_choices", "hidden_sheet_first.xlsx", ("прочитан лист «Факты»", "скрытые листы не прочитаны: "
                                                       "«Черновик»", "Проверка пройдена"), 0,
         make=_hidden_first, args=("--dry-run",)),
    Case("silent_choices", "two_sheets_with_data.xlsx", ("two_sheets_with_data.xlsx", "несколько листов с данными"),
         make=lambda: b.book([H, G], extra={"Лист2": [H, G]})),
    Case("silent_choices", "merged_header.xlsx", ("merged_header.xlsx, лист «Факты»: строка 1, ячейки D1:E1",
                                                  "объединённые ячейки"),
         make=lambda: b.book([H, G], merged=["D1:E1"])),
    Case("silent_choices", "value_without_header.xlsx", ("value_without_header.xlsx, лист «Факты»: строка 2, столбец J",
                                                         "без заголовка"),
         make=lambda: b.book([H, [*G, "", "лишнее"]])),
    Case("silent_choices", "duplicate_key.yaml", ("amur/passport.yaml: строка 7", "ключ «territory» повторяется"),
         2, "build", target="amur/passport.yaml",
         edit=lambda t: t.replace("territory: Амурская область\n",
                                  "territory: Амурская область\nterritory: Тамбовская область\n")),
    # ---- values that cannot be real: refused at their cell ------------------------------------------------------
    Case("impossible_values", "year_decimal.csv", ("year_decimal.csv: строка 2, столбец «Год»", "целое число")),
    Case("impossible_values", "huge_number.csv", ("huge_number.csv: строка 2, столбец «Факт»", "длиннее 40 знаков")),
    Case("impossible_values", "money_too_big.csv", ("строка 2, столбец «Факт»", "больше 1 000 000 млн руб.")),
    Case("impossible_values", "count_too_big.csv", ("строка 2, столбец «Факт»", "больше 100 000 000")),
    Case("impossible_values", "completion_2999.csv", ("строка 2, столбец «Факт»", "вне срока паспорта «tomsk»")),
    Case("impossible_values", "reported_1900.csv", ("строка 2, столбец «Отчётная дата»", "вне срока паспорта")),
    Case("impossible_values", "not_a_number.csv", ("строка 2, столбец «Факт»: ожидается число, получено «inf»",
                                                   "строка 3, столбец «Факт»: ожидается число, получено «NaN»")),
    Case("impossible_values", "infinite_cell.xlsx", ("infinite_cell.xlsx, лист «Факты»: строка 2, "
                                                                      "столбец «Факт»", "не конечно"),
         make=_xlsx_inf),
    Case("impossible_values", "nan_plan.yaml", (f"amur/indicators.yaml: строка {_AMUR_2021_LINE}", "«.nan» — не число"),
         2, "build",
         target="amur/indicators.yaml", edit=lambda t: t.replace("2021: 44", "2021: .nan", 1)),
    Case("impossible_values", "inf_plan.yaml", (f"amur/indicators.yaml: строка {_AMUR_2021_LINE}", "не число"), 2,
         "build",
         target="amur/indicators.yaml", edit=lambda t: t.replace("2021: 44", "2021: .inf", 1)),
    # ---- nothing to save is not a save --------------------------------------------------------------------------
    Case("nothing_to_save", "header_only.csv", ("header_only.csv: в файле нет ни одного факта",)),
    Case("nothing_to_save", "no_fact_filled.csv", ("no_fact_filled.csv: в файле нет ни одного факта",)),
    Case("nothing_to_save", "header_only.xlsx", ("header_only.xlsx, лист «Факты»: в файле нет ни одного факта",),
         make=lambda: b.book([H])),
    Case("nothing_to_save", "unfilled_template.xlsx", ("unfilled_template.xlsx, лист «Факты»: в файле нет",),
         make=lambda: _unfilled_template("xlsx")),
    Case("nothing_to_save", "unfilled_template.csv", ("unfilled_template.csv: в файле нет ни одного факта",),
         make=lambda: _unfilled_template("csv")),
]


def _unfilled_template(kind: str) -> bytes:
    from facts.template import template_csv, template_frame, template_xlsx
    from tests.helpers import model

    frame = template_frame(model(), "amur")
    return template_xlsx(frame) if kind == "xlsx" else template_csv(frame)
