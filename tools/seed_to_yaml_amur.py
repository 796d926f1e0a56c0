#!/usr/bin/env python3
"""Convert the Amur passport seed (plain-text extract) into data/passports/amur/*.yaml.

Source: ../shared/seeds/000_900d984d53a9912a.txt (see data/README.md for the layout).

The text is parsed programmatically: tables are tab-separated, a page break repeats
the table header («№ п/п …») and may split one row's cells across lines (a
continuation line has an empty first cell; its cells are appended to the row above).
Footnote marks (¹²³…) are removed, HTML tags are stripped, decimal commas become
numbers.  Nothing is corrected: numbers and dates are kept as printed.

Quantitative targets of results are listed by hand in RESULT_TARGETS /
FEDERAL_TARGETS below; the script checks that every quote occurs in the text it
claims to come from and that the value occurs in the quote.

Usage:  python tools/seed_to_yaml_amur.py [--seed PATH] [--out DIR]
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / "000_900d984d53a9912a.txt"
DEFAULT_OUT = ROOT / "data" / "passports" / "amur"
SOURCE_FILE = "000_900d984d53a9912a.txt"

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
CODE_RE = re.compile(r"^\d+(?:\.\d+)*\.?$")
DATE_RE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")
NUM_RE = re.compile(r"^-?\d+(?:,\d+)?$")


# --------------------------------------------------------------------------- text helpers
def strip_html(s: str) -> str:
    s = re.sub(r"</?(?:p|ul|li|br)\b[^>]*>", " ", s)   # block tags -> space
    s = re.sub(r"<[^>]+>", "", s)                       # inline tags (i, u) -> nothing
    return s


def drop_footnotes(s: str) -> str:
    s = re.sub(rf"\s*[{SUP}]+\s*(?=[,.;:)»])", "", s)   # mark before punctuation
    s = re.sub(rf"\s*[{SUP}]+\s*$", "", s)               # mark at the end
    s = re.sub(rf"\s*[{SUP}]+\s*", " ", s)               # mark between words
    return s


def clean(s: str | None) -> str | None:
    if s is None:
        return None
    s = drop_footnotes(strip_html(s))
    s = re.sub(r"\s+", " ", s).strip()
    return s or None


def join_fragments(a: str, b: str) -> str:
    """Join a cell with its continuation after a page break."""
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    if not b:
        return a
    # a word broken by the page: «информационно-» + «аналитический», «ИТ-» + «куб»
    if re.search(r"\w-$", a):
        return a + b
    # a word broken in the middle (no hyphen) — seen once in the plan (line 575/579)
    if a.endswith("экспериментальн") and b.startswith("ые"):
        return a + b
    return a + " " + b


def num(s: str):
    """Decimal-comma number -> int/float; None when the cell is not a plain number."""
    t = s.strip().replace("\u00a0", "").replace(" ", "")
    if not NUM_RE.match(t):
        return None
    if "," in t:
        return float(t.replace(",", "."))
    return int(t)


def money(s: str):
    t = s.strip()
    if not NUM_RE.match(t):
        return None
    return float(t.replace(",", "."))


def code_of(printed: str) -> str:
    return printed.strip().rstrip(".")


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


class Flow(dict):
    """A mapping dumped in YAML flow style ({2019: 1, 2020: 2})."""


class FlowList(list):
    pass


class Q(str):
    """A string always written quoted (codes: '1.1', '3.1.1')."""


def q(s):
    return None if s is None else Q(s)


class Dumper(yaml.SafeDumper):
    pass


Dumper.add_representer(Q, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style="'"))


Dumper.add_representer(Flow, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m.items(), flow_style=True))
Dumper.add_representer(FlowList, lambda d, l: d.represent_sequence("tag:yaml.org,2002:seq", l, flow_style=True))


def dump(path: Path, header: str, data) -> None:
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=4096, default_flow_style=False)
    path.write_text(header + text, encoding="utf-8")


# --------------------------------------------------------------------------- table reading
class Doc:
    def __init__(self, path: Path):
        self.lines = path.read_text(encoding="utf-8").split("\n")

    def cells(self, n: int) -> list[str]:
        return self.lines[n - 1].split("\t")

    def find(self, pattern: str, start: int = 1) -> int:
        rx = re.compile(pattern)
        for i in range(start, len(self.lines) + 1):
            if rx.search(self.lines[i - 1]):
                return i
        raise ValueError(f"not found: {pattern}")


def is_table_header(line: str) -> bool:
    return line.startswith("№ п/п")


def is_sub_header(cells: list[str]) -> bool:
    vals = [c.strip() for c in cells]
    return ("Значение" in vals and "Дата" in vals) or ("Начало" in vals and "Окончание" in vals) or (
        vals[0] == "" and vals[1] == "" and any(v == "2019" or v == "2020" for v in vals[2:4]))


def is_footnote(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and (s[0] in SUP or s.startswith("*"))


def table_rows(doc: Doc, start: int, end: int, skip: set[int] = frozenset()):
    """Yield (line_no, cells) of the table lines between start and end (inclusive),
    without headers, blank lines and footnotes."""
    for n in range(start, end + 1):
        line = doc.lines[n - 1]
        if not line.strip() or n in skip:
            continue
        if is_table_header(line) or is_footnote(line):
            continue
        cells = line.split("\t")
        if is_sub_header(cells):
            continue
        yield n, cells


def merge_cells(rec_cells: list[str], cont: list[str]) -> list[str]:
    out = list(rec_cells) + [""] * max(0, len(cont) - len(rec_cells))
    for i, c in enumerate(cont):
        if c.strip():
            out[i] = join_fragments(out[i], c)
    return out


def group_rows(rows, is_start):
    """Group table lines into records: a record starts at a line for which is_start(cells)
    is true, continuation lines (empty first cell) are merged into it."""
    recs = []
    for n, cells in rows:
        if is_start(cells) or not recs:
            recs.append({"line": n, "cells": cells, "lines": [n]})
        else:
            recs[-1]["cells"] = merge_cells(recs[-1]["cells"], cells)
            recs[-1]["lines"].append(n)
    return recs


# --------------------------------------------------------------------------- passport.yaml
def build_passport(doc: Doc) -> dict:
    def field(label: str) -> tuple[str, list[str]]:
        n = doc.find("^" + re.escape(label))
        return n, [c.strip() for c in doc.cells(n)]

    _, nat = field("Наименование национального проекта")
    _, short = field("Краткое наименование регионального проекта")
    _, cur = field("Куратор регионального проекта")
    _, head = field("Руководитель регионального проекта")
    _, adm = field("Администратор регионального проекта")
    _, prog = field("Связь с государственными программами")

    def person(cell: str) -> Flow:
        p, pos = cell.split(",", 1)
        return Flow(person=p.strip(), position=pos.strip())

    period = short[3]
    m = re.match(r"(\d+) (\S+) (\d{4}) г\. – (\d+) (\S+) (\d{4}) г\.", period)
    months = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
              "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
    start = f"{int(m[1]):02d}.{months[m[2]]:02d}.{m[3]}"
    end = f"{int(m[4]):02d}.{months[m[5]]:02d}.{m[6]}"
    goal_line = doc.find(r"^2\. Цель и показатели") + 2
    return {
        "passport_id": "amur",
        "level": "regional",
        "territory": "Амурская область",
        "title": "Паспорт регионального проекта «Цифровая образовательная среда»",
        "national_project": nat[1],
        "short_title": short[1],
        "period_printed": period,
        "start_date": start,
        "end_date": end,
        "curator": person(cur[1]),
        "head": person(head[1]),
        "administrator": person(adm[1]),
        "state_programme": prog[1],
        "approved": None,
        "goal": clean(doc.lines[goal_line - 1]),
        "region": "Амурская область",  # not printed: the subject of the Russian Federation
        "region_code": "28",  # код субъекта РФ
        "timezone": "Asia/Yakutsk",  # not printed: the territory's time zone (UTC+9), where «today» starts
        "source_file": SOURCE_FILE,
        "line": doc.find(r"^ПАСПОРТ"),
    }


# --------------------------------------------------------------------------- indicators.yaml
# Line 31 continues an indicator row whose beginning (rows 2, 2.1, 3, 3.1) is not in
# the extract: there is no row to join it to, so it is left out (reported).
INDICATOR_ORPHAN_LINES = {31}
UNIT_RE = re.compile(r"[,\s]\s*(процент|человек|единиц[аы]?|тыс\. человек)\s*$")


def build_indicators(doc: Doc) -> dict:
    start = doc.find(r"^2\. Цель и показатели")
    end = doc.find(r"^3\. Результаты регионального проекта")
    rows = table_rows(doc, start + 3, end - 1, skip=INDICATOR_ORPHAN_LINES)
    recs = group_rows(rows, lambda c: bool(CODE_RE.match(c[0].strip())))
    years = [2018, 2019, 2020, 2021, 2022, 2023, 2024]
    out, units = [], {}
    for r in recs:
        c = [x.strip() for x in r["cells"]] + [""] * 12
        printed = c[0]
        code = code_of(printed)
        name = clean(c[1])
        m = UNIT_RE.search(name)
        unit = m.group(1) if m else units.get(parent_code(code))   # «- по программам …» rows: the parent's unit
        units[code] = unit
        plan, plan_printed = Flow(), Flow()
        for y, v in zip(years, c[5:12]):
            if not v:
                continue
            x = num(v)
            if x is None:
                plan_printed[y] = v
            else:
                plan[y] = x
        out.append({
            "code": q(code),
            "code_printed": q(printed),
            "parent": q(parent_code(code)),
            "name": name,
            "type": c[2].lower() or None,
            "unit": unit,
            "direction": "up",
            "base_value": num(c[3]) if c[3] else None,
            "base_date": c[4] or None,
            "plan": plan,
            "plan_printed": plan_printed,
            "line": r["line"],
        })
    return {"years": FlowList(years), "indicators": out}


# --------------------------------------------------------------------------- results.yaml
# (measure, value, cumulative, quote[, where]) — where: "text" (default) | "characteristic"
# cumulative: the text says «накопительным итогом» (5.1, 13.1, 18.1, 23.1), footnote ¹¹
# (line 109: «Далее по аналогичным мероприятиям – накопительным итогом к соответствующему
# году»), or the series is a running total (shares of organisations, IT-cube counts).
RESULT_TARGETS = {
    "2.1": [("orgs_website_pct", 4, True, "Не менее чем 4 % образовательных организаций, расположенных на территории Амурской области обновили информационное наполнение")],
    "3.1": [("orgs_internet_pct", 4, True, "Не менее 4 % образовательных организаций, расположенных на территории Амурской области обеспечены Интернет-соединением")],
    "4.1": [("workers_trained", 640, True, "Не менее 640 работников, привлекаемых к образовательной деятельности, осуществили повышение квалификации")],
    "5.1": [("it_cubes", 1, True, "не менее 1 центра цифрового образования «IT-куб»"),
            ("it_cube_children", 400, True, "с охватом не менее 400 детей, накопительным итогом")],
    "7.1": [("digital_tech_children", 400, True, "Для не менее 400 детей"),
            ("digital_tech_orgs_pct", 4, True, "обучающихся в 4 % общеобразовательных организаций")],
    "10.1": [("workers_trained", 1280, True, "Не менее 1280 человек, привлекаемых к образовательной деятельности, осуществили повышение квалификации")],
    "11.1": [("orgs_website_pct", 30, True, "Не менее чем 30 % образовательных организаций, расположенных на территории Амурской области, обновили информационное наполнение")],
    "12.1": [("orgs_internet_pct", 24, True, "Не менее 24 % образовательных организаций, расположенных на территории Амурской области обеспечены Интернет-соединением")],
    "13.1": [("it_cubes", 2, True, "не менее 2 центров цифрового образования «IT-куб»"),
             ("it_cube_children", 800, True, "с охватом не менее 800 детей, накопительным итогом")],
    "14.1": [("digital_tech_children", 3000, True, "Для не менее 3 000 детей"),
             ("digital_tech_orgs_pct", 10, True, "обучающихся в 10 % общеобразовательных организаций")],
    "16.1": [("orgs_website_pct", 70, True, "Не менее чем 70 % образовательных организаций, расположенных на территории Амурской области, обновили информационное наполнение")],
    "17.1": [("orgs_internet_pct", 44, True, "Не менее 44 % образовательных организаций, расположенных на территории Амурской области, обеспечены Интернет-соединением")],
    "18.1": [("it_cubes", 3, True, "не менее 3 центров цифрового образования «IT-куб»"),
             ("it_cube_children", 1200, True, "с охватом не менее 1200детей, накопительным итогом")],
    "19.1": [("digital_tech_children", 9000, True, "Для не менее чем 9000 детей"),
             ("digital_tech_orgs_pct", 15, True, "в 15 % общеобразовательных организаций")],
    "21.1": [("orgs_website_pct", 100, True, "Не менее чем 100 % образовательных организаций, расположенных на территории Амурской области, обновили информационное наполнение")],
    # «Все образовательные организации …» — every organisation: 100 % (line 177)
    "21.2": [("orgs_website_pct", 100, True, "Все образовательные организации, расположенные на территории Амурской области, обновили информационное наполнение")],
    "22.1": [("orgs_internet_pct", 64, True, "Не менее 64 % образовательных организаций, расположенных на территории Амурской области, обеспечены Интернет-соединением")],
    "23.1": [("it_cubes", 4, True, "не менее 4 центров цифрового образования «IT-куб»"),
             ("it_cube_children", 1600, True, "с охватом не менее 1600 детей, накопительным итогом")],
    "24.1": [("digital_tech_children", 13000, True, "Для не менее 13000 детей"),
             ("digital_tech_orgs_pct", 20, True, "в 20 % общеобразовательных организаций"),
             # the characteristic of the same result prints another number (document contradiction)
             ("digital_tech_children", 18300, True, "для не менее чем 18300 детей", "characteristic")],
    "26.1": [("orgs_internet_pct", 84, True, "Не менее 84 % образовательных организаций, расположенных на территории Амурской области, обеспечены Интернет-соединением")],
    "27.1": [("it_cubes", 5, True, "не менее 5 центров цифрового образования «IT-куб»"),
             ("it_cube_children", 2000, True, "с охватом не менее 2 000 детей")],
    "28.1": [("digital_tech_children", 23000, True, "Для не менее 23000 детей"),
             ("digital_tech_orgs_pct", 25, True, "в 25 % общеобразовательных организаций")],
    # «Во всех муниципальных образованиях …» — every municipality: 100 % (line 219)
    "29.1": [("municipalities_pct", 100, True, "Во всех муниципальных образованиях Амурской области внедрена целевая модель цифровой образовательной среды")],
    "30.1": [("orgs_internet_pct", 100, True, "100 % образовательных организаций, расположенных на территории Амурской области, обеспечены Интернет-соединением")],
}

# numbers of the quoted federal results (code of the federal row -> targets), attached to the first regional
# result under the federal row; where: "federal_result" (default) | "federal_characteristic"
FEDERAL_TARGETS = {
    "1": [("federal_target_model_regions", 10, True, "Не менее чем в 10 субъектах Российской Федерации внедрена целевая модель")],
    "2": [("federal_orgs_website_pct", 20, True, "Не менее чем 20% образовательных организаций")],
    "3": [("federal_orgs_internet_pct", 65, True, "Не менее 65% образовательных организаций обеспечены Интернет-соединением")],
    "4": [("federal_workers_trained", 2000, False, "Не менее 2 тыс. работников")],
    "5": [("federal_it_cubes", 20, True, "не менее 20 центров цифрового образования «IT-куб»"),
          ("federal_it_cube_children", 8000, True, "с охватом не менее 8 тыс. детей")],
    "7": [("federal_digital_tech_children", 5000, True, "Для не менее 5000 детей"),
          ("federal_digital_tech_orgs_pct", 5, True, "в 5% общеобразовательных организаций"),
          ("federal_digital_tech_regions", 10, True, "10 субъектов Российской Федерации")],
    "8": [("federal_target_model_regions", 20, True, "Не менее чем в 20 субъектах Российской Федерации внедрена целевая модель")],
    "10": [("federal_workers_trained", 2000, False, "Не менее 2 тыс. работников")],
    "11": [("federal_orgs_website_pct", 40, True, "Не менее чем 40 % образовательных организаций")],
    "12": [("federal_orgs_internet_pct", 70, True, "Не менее 70% образовательных организаций обеспечены Интернет-соединением")],
    "13": [("federal_it_cubes", 70, True, "не менее 70 центров цифрового образования «IT-куб»"),
           ("federal_it_cube_children", 28000, True, "с охватом не менее 28 тыс. детей")],
    "14": [("federal_digital_tech_children", 12000, True, "Для не менее 12 тыс. детей"),
           ("federal_digital_tech_orgs_pct", 10, True, "в 10% общеобразовательных организаций"),
           ("federal_digital_tech_regions", 25, True, "25 субъектов Российской Федерации")],
    "15": [("federal_target_model_regions", 35, True, "Не менее чем в 35 субъектах Российской Федерации внедрена целевая модель")],
    "16": [("federal_orgs_website_pct", 60, True, "Не менее чем 60 % образовательных организаций")],
    "17": [("federal_orgs_internet_pct", 75, True, "Не менее 75% образовательных организаций обеспечены Интернет-соединением")],
    "18": [("federal_it_cubes", 70, True, "70 центров цифрового образования «IT-куб»"),
           ("federal_it_cube_children", 28000, True, "с охватом не менее 28 тыс. детей"),
           # the federal characteristic of the same row prints another number (line 152: «не менее 125»)
           ("federal_it_cubes", 125, True, "не менее 125 центров цифрового образования «IT-куб»",
            "federal_characteristic")],
    "19": [("federal_digital_tech_children", 60000, True, "Для не менее 60 тыс. детей"),
           ("federal_digital_tech_orgs_pct", 15, True, "в 15% общеобразовательных организаций"),
           ("federal_digital_tech_regions", 45, True, "45 субъектах Российской Федерации")],
    "20": [("federal_target_model_regions", 50, True, "Не менее чем в 50 субъектах Российской Федерации внедрена целевая модель")],
    # «Все образовательные организации …» — every organisation: 100 % (line 170)
    "21": [("federal_orgs_website_pct", 100, True, "Все образовательные организации, реализующие основные и (или) дополнительные общеобразовательные программы, обновили информационное наполнение")],
    "22": [("federal_orgs_internet_pct", 85, True, "Не менее 85% образовательных организаций обеспечены Интернет-соединением")],
    "23": [("federal_it_cubes", 190, True, "не менее 190 центров цифрового образования «IT-куб»"),
           ("federal_it_cube_children", 76000, True, "с охватом не менее 76 тыс. детей")],
    "24": [("federal_digital_tech_children", 350000, True, "Для не менее 350 тыс. детей"),
           ("federal_digital_tech_orgs_pct", 20, True, "в 20% общеобразовательных организаций"),
           ("federal_digital_tech_regions", 60, True, "60 субъектов Российской Федерации")],
    "25": [("federal_target_model_regions", 65, True, "Не менее чем в 65 субъектах Российской Федерации внедрена целевая модель")],
    "26": [("federal_orgs_internet_pct", 95, True, "Не менее 95% образовательных организаций обеспечены Интернет-соединением")],
    "27": [("federal_it_cubes", 260, True, "не менее 260 центров цифрового образования «IT-куб»"),
           ("federal_it_cube_children", 104000, True, "с охватом не менее 104 тыс. детей")],
    "28": [("federal_digital_tech_children", 500000, True, "Для не менее 500 тыс. детей"),
           ("federal_digital_tech_orgs_pct", 25, True, "в 25% общеобразовательных организаций"),
           ("federal_digital_tech_regions", 75, True, "75 субъектов Российской Федерации")],
    "30": [("federal_orgs_internet_pct", 100, True, "100 % образовательных организаций обеспечены Интернет-соединением")],
}


def quote_has_value(quote: str, value) -> bool:
    if value == 100 and re.search(r"(?<!\w)(?:все|всех|всеми)(?!\w)", quote, re.IGNORECASE):
        return True                                          # «Все …», «Во всех …»: 100 %
    digits = re.sub(r"(?<=\d) (?=\d{3})", "", quote)       # «3 000» -> «3000»
    if re.search(rf"(?<![\d,.]){value}(?![\d,])", digits):
        return True
    if value % 1000 == 0 and re.search(rf"(?<!\d){value // 1000} тыс\.", quote):
        return True
    return False


def make_targets(spec, year, texts) -> list[dict]:
    out = []
    for t in spec:
        measure, value, cumulative, quote = t[:4]
        where = t[4] if len(t) > 4 else next(iter(texts))
        src = texts[where]
        assert quote in src, f"quote not in {where}: {quote!r}"
        assert quote_has_value(quote, value), f"value {value} not in quote {quote!r}"
        out.append({"measure": measure, "year": year, "value": value, "cumulative": cumulative, "quote": quote})
    return out


def split_federal(text: str) -> dict:
    m = re.search(r"Результат федерального проекта:\s*(.*?)\s*(?:Характеристика результата федерального проекта:|$)", text)
    res = m.group(1).lstrip(". ").strip()
    # the federal result's own characteristic: after its label, up to the «Срок:» that closes the cell
    c = re.search(r"Характеристика результата федерального проекта:\s*(.*?)\s*(?:Срок\s*:[^:]*)?$", text)
    d = re.search(r"Срок\s*:?\s*(\d{2}\.\d{2}\.(\d{4}))", text)
    return {"result": res, "characteristic": c.group(1).strip() if c else None,
            "deadline": d.group(1) if d else None, "year": int(d.group(2)) if d else None}


def build_results(doc: Doc) -> tuple[dict, list]:
    start = doc.find(r"^3\. Результаты регионального проекта")
    end = doc.find(r"^4\. Финансовое обеспечение")
    rows = table_rows(doc, start + 1, end - 1)
    recs = group_rows(rows, lambda c: bool(CODE_RE.match(c[0].strip())))
    out, federal_rows, tasks = [], [], []
    fed, fed_targets = None, []
    for r in recs:
        c = r["cells"] + [""] * 4
        printed = c[0].strip()
        code = code_of(printed)
        text = clean(c[1]) or ""
        if "Результат федерального проекта" in text:
            fed = {"code": code, "line": r["line"], **split_federal(text)}
            federal_rows.append(fed)
            fed_targets = FEDERAL_TARGETS.get(code, [])   # taken by the first regional result below it
            continue
        if "." not in code:             # the task row «1. Создание современной …» (line 62)
            tasks.append({"code": code, "text": text, "line": r["line"]})
            continue
        deadline_cell = c[2].strip()
        characteristic = clean(c[3])
        year = int(deadline_cell[-4:]) if DATE_RE.match(deadline_cell) else None
        texts = {"text": text, "characteristic": characteristic or "", "federal": fed["result"] if fed else ""}
        targets = make_targets(RESULT_TARGETS.get(code, []), year, texts)
        if fed:
            targets += make_targets(fed_targets, fed["year"], {"federal_result": fed["result"],
                                                               "federal_characteristic": fed["characteristic"] or ""})
            fed_targets = []
        out.append({
            "code": q(code),
            "code_printed": q(printed),
            "parent": q(fed["code"] if fed else None),
            "federal_result": fed["result"] if fed else None,
            "federal_characteristic": fed["characteristic"] if fed else None,
            "federal_line": fed["line"] if fed else None,
            "text": text,
            "deadline": deadline_cell if DATE_RE.match(deadline_cell) else None,
            "deadline_printed": None if (not deadline_cell or DATE_RE.match(deadline_cell)) else deadline_cell,
            "characteristic": characteristic,
            "targets": targets,
            "line": r["line"],
        })
    unused = (set(RESULT_TARGETS) - {r["code"] for r in out})
    assert not unused, unused
    return {"results": out}, federal_rows + tasks


# --------------------------------------------------------------------------- funding.yaml
SRC_NAMES = [  # (substring of the row name, role kind, source, detail)
    ("бюджеты государственных внебюджетных фондов", "source", "state_funds", None),
    ("межбюджетные трансферты бюджета субъекта Российской Федерации бюджетам муниципальных", "detail", "regional", "transfers_to_municipal"),
    ("бюджеты муниципальных образований (без учета", "detail", "regional", "municipal_own"),
    ("консолидированный бюджет субъекта", "source", "regional", None),
    ("бюджет субъекта Российской Федерации", "detail", "regional", "own_budget"),
    ("федеральный бюджет", "source", "federal", None),
    ("внебюджетные источники", "source", "extrabudgetary", None),
    ("Бюджет Амурской области", "source", "regional", None),
    ("Консолидированные бюджеты муниципальных образований", "source", "municipal", None),
]


def classify_source(name: str):
    low = name.lower()
    for key, kind, source, detail in SRC_NAMES:
        if key.lower() in low:
            return kind, source, detail
    return None


def amounts_of(cells: list[str], years: list[int]):
    """Right-aligned: the last cell is «Всего», the len(years) cells before it are the years."""
    vals = cells[-(len(years) + 1):]
    amounts, markers = Flow(), Flow()
    for y, v in zip(years, vals[:-1]):
        v = v.strip()
        if not v:
            continue
        x = money(v)
        if x is None:
            markers[y] = v
        else:
            amounts[y] = x
    tot = vals[-1].strip()
    total = money(tot) if tot else None
    if tot and total is None:
        markers["total"] = tot
    return amounts, total, markers


def build_funding(doc: Doc) -> dict:
    rows_out = []
    # ---- section 4
    s4 = doc.find(r"^4\. Финансовое обеспечение")
    s5 = doc.find(r"^5\. Участники")
    years4 = [2019, 2020, 2021, 2022, 2023, 2024]
    in_total = False
    line_code = None
    for n, cells in table_rows(doc, s4 + 1, s5 - 1):
        first = cells[0].strip()
        if CODE_RE.match(first):
            printed, name = first, clean(cells[1])
        else:
            printed, name = None, clean(first)
        code = code_of(printed) if printed else None
        amounts, total, markers = amounts_of(cells, years4)
        row = {"section": "passport", "line_code": code, "parent_line_code": None, "line_name": name,
               "role": None, "source": None, "detail": None, "kbk": None,
               "amounts": amounts, "total": total, "markers": markers, "line": n}
        if name.startswith("Всего по региональному проекту"):
            in_total = True
            row["role"] = "project_total"
        elif code is None and not in_total:
            row["role"] = "heading"
        elif in_total:
            kind, source, detail = classify_source(name)
            row.update(role="project_total_" + kind, source=source, detail=detail)
        elif code.count(".") == 0:
            row["role"] = "heading" if not amounts and not markers and total is None else "line"
        elif code.count(".") == 1:
            row.update(role="line", parent_line_code=parent_code(code))
            line_code = code
        else:
            kind, source, detail = classify_source(name)
            parent = line_code if kind == "source" else f"{line_code}.2"   # detail -> the regional row X.Y.2
            row.update(role=kind, source=source, detail=detail, parent_line_code=parent)
        rows_out.append(row)
    # ---- section 6 «Дополнительные материалы»
    s6 = doc.find(r"^6\. Дополнительные материалы")
    app1 = doc.find(r"^ПРИЛОЖЕНИЕ № 1")
    years6 = [2020, 2021, 2022, 2023, 2024]
    in_total = False
    line_code, last_source = None, None
    for n, cells in table_rows(doc, s6 + 1, app1 - 1):
        first = cells[0].strip()
        if not first and len(cells) > 1 and not cells[1].strip():
            continue
        if len(cells) < 6:          # prose paragraphs of section 6
            continue
        if CODE_RE.match(first):
            printed, name = first, clean(cells[1])
        elif first:
            printed, name = None, clean(first)
        else:
            printed, name = None, clean(cells[1])
        code = code_of(printed) if printed else None
        amounts, total, markers = amounts_of(cells, years6)
        row = {"section": "additional", "line_code": code, "parent_line_code": None, "line_name": name,
               "role": None, "source": None, "detail": None, "kbk": None,
               "amounts": amounts, "total": total, "markers": markers, "line": n}
        if code is not None:
            row.update(role="line", kbk=cells[2].strip() or None)
            line_code, in_total = code, False
        elif name.startswith("Всего по региональному проекту"):
            row["role"] = "project_total"
            in_total, line_code = True, None
        elif name.lower().startswith("из них межбюджетные трансферты"):
            # by position: «из них МБТ» of the regional budget are transfers to municipal budgets,
            # of the federal / municipal budgets — transfers to a budget (the printed labels are a
            # template and disagree at line 384, see the report)
            detail = "transfers_to_municipal" if last_source == "regional" else "transfers_to_budget"
            row.update(role=("project_total_detail" if in_total else "detail"), source=last_source,
                       detail=detail, parent_line_code=line_code)
        else:
            kind, source, detail = classify_source(name)
            assert kind == "source", name
            last_source = source
            row.update(role=("project_total_source" if in_total else "source"), source=source,
                       parent_line_code=line_code)
        rows_out.append(row)
    for row in rows_out:
        row["line_code"], row["parent_line_code"] = q(row["line_code"]), q(row["parent_line_code"])
    return {"years": Flow(passport=FlowList(years4), additional=FlowList(years6)), "rows": rows_out}


# --------------------------------------------------------------------------- participants.yaml
def build_participants(doc: Doc) -> dict:
    s5 = doc.find(r"^5\. Участники")
    s6 = doc.find(r"^6\. Дополнительные материалы")
    recs = group_rows(table_rows(doc, s5 + 1, s6 - 1),
                      lambda c: bool(c[0].strip()))
    out, block, block_line = [], None, None
    for r in recs:
        c = [x for x in r["cells"]] + [""] * 6
        first = c[0].strip()
        if not CODE_RE.match(first):
            block, block_line = clean(first), r["line"]     # a block heading row
            continue
        w = c[5].strip()
        wl = num(w) if w else None
        out.append({
            "number": q(code_of(first)),
            "number_printed": q(first),
            "block": block,
            "block_line": block_line,
            "role": clean(c[1]),
            "person": clean(c[2]),
            "position": clean(c[3]),
            "supervisor": clean(c[4]),
            "workload_pct": wl,
            "workload_printed": (w if (w and wl is None) else None),
            "line": r["line"],
        })
    return {"participants": out}


# --------------------------------------------------------------------------- activities.yaml
# The section-3 results each block of the plan (a top-level row «1.», «2.» …) delivers, read by hand off the
# wording of both: the block names the result (the same target, share, number of centres or children and year).
# Six blocks introduce the target model (2, 7, 13, 18, 23, 27) and six results state it (1.1, 8.1, 15.1, 20.1,
# 25.1, 29.1): they pair in order — block 7's control point 7.1 and agreement 7.1.2 are of 2020, as is 8.1.
# Block 1 (testing the federal platform) delivers no result of section 3; results 6.1 («НЕТ В ПМ» in its own
# text), 9.1 and 19.1 have no block.
DELIVERS = {
    "1": [], "2": ["1.1"], "3": ["2.1"], "4": ["3.1"], "5": ["4.1"], "6": ["5.1"], "7": ["8.1"], "8": ["10.1"],
    "9": ["11.1"], "10": ["12.1"], "11": ["13.1"], "12": ["7.1"], "13": ["15.1"], "14": ["16.1"], "15": ["17.1"],
    "16": ["18.1"], "17": ["14.1"], "18": ["20.1"], "19": ["21.1", "21.2"], "20": ["22.1"], "21": ["23.1"],
    "22": ["24.1"], "23": ["25.1"], "24": ["26.1"], "25": ["27.1"], "26": ["28.1"], "27": ["29.1"], "28": ["30.1"],
    "30": ["31.1"],
}


def delivers_of(code: str, result_lines: dict[str, int]) -> list:
    return [Flow(result=q(c), line=result_lines[c]) for c in DELIVERS[code]]


def build_activities(doc: Doc, result_lines: dict[str, int]) -> dict:
    start = doc.find(r"^№ п/п", doc.find(r"^ПЛАН МЕРОПРИЯТИЙ"))
    end = doc.find(r"^ПРИЛОЖЕНИЕ № 2")
    recs = group_rows(table_rows(doc, start, end - 1), lambda c: bool(CODE_RE.match(c[0].strip())))
    out = []
    for r in recs:
        c = r["cells"] + [""] * 7
        printed = c[0].strip()
        code = code_of(printed)
        depth = code.count(".") + 1
        name = clean(c[1])
        kind = "result" if depth == 1 else ("control_point" if depth == 2 or name.lower().startswith("контрольная точка") else "activity")
        row = {
            "code": q(code),
            "code_printed": q(printed),
            "kind": kind,
            "result_code": q(code.split(".")[0]),
            "name": name,
            "start": clean(c[2]),
            "end": clean(c[3]),
            "responsible": clean(c[4]),
            "document": clean(c[5]),
            "control_level": clean(c[6]),
        }
        if kind == "result":
            row["delivers"] = delivers_of(code, result_lines)
        row["line"] = r["line"]
        out.append(row)
    unused = set(DELIVERS) - {a["code"] for a in out if a["kind"] == "result"}
    assert not unused, unused
    return {"activities": out}


# --------------------------------------------------------------------------- methodology.yaml
def build_methodology(doc: Doc) -> dict:
    start = doc.find(r"^№ п/п", doc.find(r"^МЕТОДИКА"))
    out, pending = [], None      # pending: the indicator-name heading waiting for its row
    for n, cells in table_rows(doc, start, len(doc.lines)):
        c = cells + [""] * 8
        first = c[0].strip()
        if CODE_RE.match(first):
            out.append({
                "number": q(code_of(first)),
                "indicator_name": clean(pending["text"]) if pending else None,
                "method": c[1], "base_indicators": c[2], "data_source": c[3], "responsible": c[4],
                "aggregation": c[5], "timing": c[6], "extra": c[7],
                "line": pending["line"] if pending else n,
            })
            pending = None
        elif first:                      # indicator-name heading (may continue after a page break)
            if pending:
                pending["text"] = join_fragments(pending["text"], first)
            else:
                pending = {"text": first, "line": n}
        elif out and pending is None:    # continuation of the numbered row
            rec = out[-1]
            for key, v in zip(["method", "base_indicators", "data_source", "responsible", "aggregation", "timing", "extra"], c[1:8]):
                if v.strip():
                    rec[key] = join_fragments(rec[key], v)
    for rec in out:
        for key in ["method", "base_indicators", "data_source", "responsible", "aggregation", "timing", "extra"]:
            rec[key] = clean(rec[key])
        if rec["base_indicators"] is not None and num(rec["base_indicators"]) is not None:
            rec["base_indicators"] = num(rec["base_indicators"])
    return {"methodology": out}


# --------------------------------------------------------------------------- main
HEADER = "# {what}\n# Source: shared/seeds/{src} (Амурская область); generated by tools/seed_to_yaml_amur.py, reviewed by hand.\n# Numbers and dates exactly as printed — contradictions of the document are NOT corrected.\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    doc = Doc(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    results, _ = build_results(doc)
    files = {
        "passport.yaml": ("1. Основные положения и цель", build_passport(doc)),
        "indicators.yaml": ("2. Цель и показатели", build_indicators(doc)),
        "results.yaml": ("3. Результаты", results),
        "funding.yaml": ("4. Финансовое обеспечение (section: passport) и 6. Дополнительные материалы (section: additional), млн рублей", build_funding(doc)),
        "participants.yaml": ("5. Участники", build_participants(doc)),
        "activities.yaml": ("Приложение № 1. План мероприятий",
                            build_activities(doc, {r["code"]: r["line"] for r in results["results"]})),
        "methodology.yaml": ("Приложение № 2. Методика расчета дополнительных показателей", build_methodology(doc)),
    }
    for fname, (what, data) in files.items():
        dump(args.out / fname, HEADER.format(what=what, src=SOURCE_FILE), data)
        print("wrote", args.out / fname)


if __name__ == "__main__":
    main()
