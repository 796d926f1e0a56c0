#!/usr/bin/env python3
"""Convert the Tomsk municipal passport seed (plain-text extract) into the YAML
files described in data/README.md.

    python tools/seed_to_yaml_tomsk.py [--seed PATH] [--out DIR]

The committed YAML is the source of truth; this script only produced the first
draft, which was then checked by hand against the seed.  Nothing in the
document is corrected: numbers, codes and dates are kept as printed.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SEED_NAME = "003_5fccdfa875f41e4c.txt"
DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / SEED_NAME
DEFAULT_OUT = ROOT / "data" / "passports" / "tomsk"

SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FOOTNOTE_RE = re.compile(r"\s*(?:\^\{[\d\s]+\}|[" + SUP + r"]+)")
TAG_RE = re.compile(r"<[^>]+>")
CODE_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|б\.)$")
DATE_RE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")

# Lines that follow a page-break header and start with an empty first cell
# but are NOT the continuation of the previous row (the unnumbered rows of
# «Всего по региональному проекту» in section 4).
NOT_CONTINUATION = {230, 231}


# ----------------------------------------------------------------- helpers
def clean(text: str | None) -> str | None:
    """Remove HTML tags and footnote marks, collapse whitespace."""
    if text is None:
        return None
    text = TAG_RE.sub(" ", text)
    text = FOOTNOTE_RE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;.])", r"\1", text)  # «взаимодействие ,» left by a removed mark
    return text or None


def join_text(a: str, b: str) -> str:
    a, b = a.rstrip(), b.strip()
    if not a:
        return b
    if not b:
        return a
    if re.search(r"\w-$", a):  # «Интернет-» + «соединением»
        return a + b
    return a + " " + b


def number(cell: str):
    s = clean(cell)
    if s is None:
        return None
    s = s.replace(" ", "")
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    if re.fullmatch(r"-?\d+,\d+", s):
        return float(s.replace(",", "."))
    raise ValueError(cell)


def is_number(cell: str) -> bool:
    try:
        return number(cell) is not None
    except ValueError:
        return False


def code_of(printed: str | None) -> str | None:
    if not printed:
        return None
    if printed == "б.":
        return "6"
    return printed.rstrip(".")


def parent_code(code: str | None) -> str | None:
    if not code or "." not in code:
        return None
    return code.rsplit(".", 1)[0]


def table_rows(lines: list[str], first: int, last: int) -> list[dict]:
    """Rows of the table between 1-based line numbers first..last.

    Page-break headers («№ п/п …» and its sub-header line) and footnotes are
    skipped; a row whose first cell is empty right after a page-break header
    is joined cell by cell to the previous row.
    """
    rows: list[dict] = []
    after_header = False
    i = first
    while i <= last:
        raw = lines[i - 1]
        if raw.startswith("№ п/п"):
            after_header = True
            nxt = lines[i] if i < len(lines) else ""
            if nxt.startswith("\t") and re.search(r"Значение|Начало|2019", nxt):
                i += 1
            i += 1
            continue
        if not raw.strip() or raw[0] in SUP:
            i += 1
            continue
        cells = raw.split("\t")
        if after_header and cells[0] == "" and rows and i not in NOT_CONTINUATION:
            prev = rows[-1]
            pc = prev["cells"]
            while len(pc) < len(cells):
                pc.append("")
            for k, c in enumerate(cells):
                if c.strip():
                    pc[k] = join_text(pc[k], c)
            prev["joined"].append(i)
        else:
            rows.append({"line": i, "cells": cells, "joined": []})
        after_header = False
        i += 1
    return rows


def find_line(lines, pattern, start=1):
    rx = re.compile(pattern)
    for n in range(start, len(lines) + 1):
        if rx.search(lines[n - 1]):
            return n
    raise LookupError(pattern)


def cell(cells, k):
    return cells[k] if k < len(cells) else ""


# ----------------------------------------------------------------- passport
def build_passport(lines):
    def row(label):
        n = find_line(lines, "^" + re.escape(label))
        return n, lines[n - 1].split("\t")

    _, c = row("Наименование федерального проекта")
    national = clean(c[1])
    _, c = row("Краткое наименование муниципального проекта")
    short_title, period = clean(c[1]), clean(c[3])
    m = re.match(r"(\d{2}\.\d{2}\.\d{4}).*?(\d{2}\.\d{2}\.\d{4})", period)

    def person(label):
        _, c = row(label)
        p, pos = clean(c[1]).split(", ", 1)
        return {"person": p, "position": pos}

    _, c = row("Связь с муниципальными программами")
    goal_line = find_line(lines, "^2\\. Цель и показатели") + 2
    approved_line = find_line(lines, "^Протокол")
    return {
        "passport_id": "tomsk",
        "level": "municipal",
        "territory": "Город Томск",
        "title": "Паспорт муниципального проекта «Цифровая образовательная среда»",
        "national_project": national,
        "short_title": short_title,
        "period_printed": period,
        "start_date": m.group(1),
        "end_date": m.group(2),
        "curator": person("Куратор муниципального проекта"),
        "head": person("Руководитель муниципального проекта"),
        "administrator": person("Администратор муниципального проекта"),
        "state_programme": clean(c[1]),
        "approved": clean(lines[approved_line - 1]),
        "goal": clean(lines[goal_line - 1]),
        "region": "Томская область",  # not printed: the subject of the Russian Federation
        "region_code": "70",  # код субъекта РФ
        "timezone": "Asia/Tomsk",  # not printed: the territory's time zone (UTC+7), where «today» starts
        "source_file": SEED_NAME,
        "line": find_line(lines, "^УТВЕРЖДЕНО"),
    }


# --------------------------------------------------------------- indicators
UNIT_RE = re.compile(r",?\s*(процент|человек|единица|единиц|тысяча человек)$")


def build_indicators(lines):
    first = find_line(lines, "^№ п/п\tЦелевой показатель")
    last = find_line(lines, "^3\\. Результаты") - 1
    years = [int(y) for y in lines[first].split("\t") if re.fullmatch(r"\d{4}", y.strip())]
    out = []
    by_code = {}
    src = {}
    for r in table_rows(lines, first, last):
        src[r["line"]] = [r["line"]] + r["joined"]
        c = r["cells"]
        printed = c[0].strip()
        if not CODE_RE.match(printed):  # heading row (task of the national project)
            out.append({
                "code": None, "code_printed": None, "parent": None,
                "name": clean(" ".join(c)), "type": None, "unit": None,
                "direction": None, "base_value": None, "base_date": None,
                "plan": {}, "plan_printed": {}, "line": r["line"],
            })
            continue
        code = code_of(printed)
        name = clean(c[1])
        um = UNIT_RE.search(name)
        par = parent_code(code)
        unit = um.group(1) if um else (by_code[par]["unit"] if par in by_code else None)
        plan, plan_printed = {}, {}
        for k, y in enumerate(years):
            v = cell(c, 5 + k).strip()
            if not v:
                continue
            if is_number(v):
                plan[y] = number(v)
            else:
                plan_printed[y] = v
        typ = clean(cell(c, 2))
        base_date = clean(cell(c, 4))
        rec = {
            "code": code, "code_printed": printed, "parent": par,
            "name": name, "type": typ.lower() if typ else None, "unit": unit,
            "direction": "up",
            "base_value": number(cell(c, 3)) if is_number(cell(c, 3)) else None,
            "base_date": base_date, "plan": plan, "plan_printed": plan_printed,
            "line": r["line"],
        }
        by_code[code] = rec
        out.append(rec)
    return {"years": years, "indicators": out, "_src": src}


# ------------------------------------------------------------------ results
# Quantitative targets: (measure, value, cumulative, quote).  The quote must
# occur in the cleaned text / characteristic / federal_result of the result.
# cumulative: true for levels of a running series (share/number of
# organisations, children, teachers reached by the year); false for one-off
# items (the IT-куб centre and its children, the yearly cohorts of
# organisations whose workers were trained).
TARGETS = {
    "1": [
        ("orgs_internet_pct", 100, True, "обеспечены к концу 2024 года Интернет-соединением и гарантированным интернет-трафиком не менее 100 % образовательных организаций, расположенных на территории Города Томска"),
        ("target_model_orgs_pct", 100, True, "в 100% образовательных организациях Города Томска внедрена целевая модель цифровой образовательной среды"),
        ("students_profile_pct", 90, True, "для 90% обучающихся формируется цифровой образовательный профиль и индивидуальный план обучения"),
        ("orgs_platform_pct", 95, True, "95% образовательных организаций, осуществляют образовательную деятельность с использованием федеральной информационно-сервисной платформы цифровой образовательной среды"),
        ("students_platform_pct", 20, True, "20 % обучающихся системы общего образования, используют федеральную информационно-сервисную платформу цифровой образовательной среды"),
        ("teachers_one_window_pct", 50, True, "50 % педагогических работников общего образования прошли повышение квалификации в рамках периодической аттестации в цифровой форме с использованием информационного ресурса «одного окна»"),
        ("regional_orgs_internet_pct", 100, True, "обеспечены к концу 2024 года Интернет-соединением и гарантированным интернет-трафиком не менее 100 % образовательных организаций, расположенных на территории Томской области"),
        ("regional_target_model_orgs_pct", 100, True, "в 100% образовательных организаций Томской области внедрена целевая модель цифровой образовательной среды"),
        ("regional_students_profile_pct", 90, True, "для 90 % обучающихся формируется цифровой образовательный профиль и индивидуальный план обучения"),
        ("regional_orgs_platform_pct", 95, True, "95% образовательных организаций, осуществляют образовательную деятельность с использованием федеральной информационно-сервисной платформы цифровой образовательной среды (федеральных цифровых платформ, информационных систем и ресурсов);"),
        ("regional_students_platform_pct", 20, True, "20% обучающихся систем общего образования и среднего профессионального образования, используют федеральную информационно-сервисную платформу"),
        ("regional_teachers_one_window_pct", 50, True, "50 % педагогических работников общего образования прошли повышение квалификации в рамках периодической аттестации в цифровой форме с использованием информационного ресурса «одного окна»"),
    ],
    "1.1": [("target_model_orgs_count", 4, True, "В г.Томске внедрена целевая модель цифровой образовательной среды (4 ОО г. Томска: лицей № 1, СОШ № 40, гимназия № 55, Школа «Перспектива»)")],
    "1.2": [("orgs_website_pct", 20, True, "Не менее чем 20 % образовательных организаций, расположенных на территории г.Томска, обновили информационное наполнение")],
    "1.3": [
        ("orgs_internet_pct", 42, True, "Не менее 42 % образовательных организаций, расположенных на территории г.Томска (28 ОО г. Томска) обеспечены Интернет-соединением"),
        ("orgs_internet_count", 28, True, "(28 ОО г. Томска) обеспечены Интернет-соединением"),
    ],
    "1.4": [("workers_trained_orgs_count", 4, False, "Все работники образовательных учреждений, в которых внедрена целевая модель цифровой образовательной среды (4 ОО г. Томска), привлекаемых к образовательной деятельности, осуществили повышение квалификации")],
    "1.7": [
        ("digital_tech_children", 2000, True, "Для не менее 2 тысяч детей, обучающихся в 5 % общеобразовательных организаций"),
        ("digital_tech_orgs_pct", 5, True, "обучающихся в 5 % общеобразовательных организаций, расположенных на территории г.Томска, проведен эксперимент"),
    ],
    "1.8": [("target_model_orgs_count", 25, True, "В г.Томске внедрена целевая модель цифровой образовательной среды (25 ОО г. Томска)")],
    "1.10": [("workers_trained_orgs_count", 21, False, "Все работники образовательных учреждений, в которых внедрена целевая модель цифровой образовательной среды (из 21 ОО г. Томска), привлекаемых к образовательной деятельности, осуществили повышение квалификации")],
    "1.11": [("orgs_website_pct", 40, True, "Не менее чем 40 % образовательных организаций, расположенных на территории г.Томска, обновили информационное наполнение")],
    "1.12": [
        ("orgs_internet_pct", 76, True, "Не менее 76 % образовательных организаций, расположенных на территории г.Томска (51 ОО г. Томска) обеспечены Интернет-соединением"),
        ("orgs_internet_count", 51, True, "(51 ОО г. Томска) обеспечены Интернет-соединением"),
    ],
    "1.13": [
        ("it_cubes", 1, False, "за счет федеральной поддержки не менее 1 центра цифрового образования «IT-куб»"),
        ("it_cube_children", 400, False, "«IT-куб» с охватом не менее 400 детей"),
    ],
    "1.14": [
        ("digital_tech_children", 5000, True, "Для не менее 5 тысяч детей, обучающихся в 10 % общеобразовательных организаций"),
        ("digital_tech_orgs_pct", 10, True, "обучающихся в 10 % общеобразовательных организаций, расположенных на территории г.Томска, в основные общеобразовательные программы внедрены современные цифровые технологии"),
    ],
    "1.15": [("target_model_orgs_count", 67, True, "В г.Томске внедрена целевая модель цифровой образовательной среды (67 ОО г. Томска)")],
    "1.16": [("orgs_website_pct", 70, True, "Не менее чем 70 % образовательных организаций, расположенных на территории г.Томска обновили информационное наполнение")],
    "1.17": [
        ("orgs_internet_pct", 85, True, "Не менее 85 % образовательных организаций, расположенных на территории г.Томска (57 ОО г. Томска) обеспечены Интернет-соединением"),
        ("orgs_internet_count", 57, True, "(57 ОО г. Томска) обеспечены Интернет-соединением"),
    ],
    "1.18": [
        ("digital_tech_children", 8000, True, "Для не менее 8 тысяч детей в 15 % общеобразовательных организаций"),
        ("digital_tech_orgs_pct", 15, True, "в 15 % общеобразовательных организаций, расположенных на территории г.Томска внедрены в основные общеобразовательные программы современные цифровые технологии"),
    ],
    "1.19": [("orgs_website_pct", 100, True, "Все образовательные организации, расположенные на территории г.Томска, обновили информационное наполнение")],
    "1.20": [
        ("orgs_internet_pct", 90, True, "Не менее 90 % образовательных организаций, расположенных на территории г.Томска (60 ОО г. Томска) обеспечены Интернет-соединением"),
        ("orgs_internet_count", 60, True, "(60 ОО г. Томска) обеспечены Интернет-соединением"),
    ],
    "1.21": [
        ("digital_tech_children", 12000, True, "Для не менее 12 тысяч детей в 20 % общеобразовательных организаций"),
        ("digital_tech_orgs_pct", 20, True, "в 20 % общеобразовательных организаций, расположенных на территории г.Томска и, внедрены в основные общеобразовательные программы современные цифровые технологии"),
    ],
    "1.22": [
        ("orgs_internet_pct", 95, True, "Не менее 95 % образовательных организаций, расположенных на территории г.Томска (63 ОО г. Томска) обеспечены Интернет-соединением"),
        ("orgs_internet_count", 63, True, "(63 ОО г. Томска) обеспечены Интернет-соединением"),
    ],
    "1.23": [
        ("digital_tech_children", 15000, True, "Для не менее 15 тысяч детей в 25 % общеобразовательных организаций"),
        ("digital_tech_orgs_pct", 25, True, "в 25 % общеобразовательных организаций, расположенных на территории г.Томска внедрены в основные общеобразовательные программы современные цифровые технологии"),
    ],
    "1.24": [("target_model_orgs_pct", 100, True, "В г. Томске в 100 % общеобразовательных организациях внедрена целевая модель цифровой образовательной среды")],
    "1.25": [
        ("orgs_internet_pct", 100, True, "100 % образовательных организаций, расположенных на территории г.Томска (67 ОО г. Томска) обеспечены Интернет-соединением"),
        ("orgs_internet_count", 67, True, "(67 ОО г. Томска) обеспечены Интернет-соединением"),
    ],
    "1.27": [("orgs_online_assessment_pct", 100, True, "Во всех образовательных организациях, расположенных на территории г.Томска внедрены механизмы обеспечения оценки качества результатов промежуточной и итоговой аттестации обучающихся на онлайн-ресурсах")],
}


def build_results(lines):
    first = find_line(lines, "^№ п/п\tНаименование задачи, результата")
    last = find_line(lines, "^4\\. Финансовое обеспечение") - 1
    out = []
    for r in table_rows(lines, first, last):
        c = r["cells"]
        printed = c[0].strip()
        if not CODE_RE.match(printed):  # «Задача национального проекта: …»
            out.append({
                "code": None, "code_printed": None, "parent": None,
                "federal_result": None, "text": clean(" ".join(c)),
                "deadline": None, "deadline_printed": None, "characteristic": None,
                "targets": [], "line": r["line"],
            })
            continue
        code = code_of(printed)
        body = clean(c[1])
        federal = None
        char = clean(cell(c, 3))
        deadline = clean(cell(c, 2))
        if code == "1":
            # the cell holds the regional result (+characteristic, срок) and
            # then the municipal result (+characteristic, срок)
            reg, mun = body.split(" Результат муниципального проекта: ")
            federal = reg
            text, rest = mun.split(" Характеристика результата муниципального проекта: ")
            char, srok = rest.rsplit(" Срок: ", 1)
            deadline = srok
        deadline_printed = None
        if deadline and not DATE_RE.match(deadline):
            deadline_printed, deadline = deadline, None
        text = body if code != "1" else text
        year = int(deadline[-4:]) if deadline else None
        haystack = " ".join(x for x in (text, char, federal) if x)
        targets = []
        for measure, value, cum, quote in TARGETS.get(code, []):
            assert quote in haystack, (code, quote)
            targets.append({"measure": measure, "year": year, "value": value,
                            "cumulative": cum, "quote": quote})
        out.append({
            "code": code, "code_printed": printed, "parent": parent_code(code),
            "federal_result": federal, "text": text, "deadline": deadline,
            "deadline_printed": deadline_printed, "characteristic": char,
            "targets": targets, "line": r["line"],
        })
    return {"results": out}


# ------------------------------------------------------------------ funding
def funding_kind(name: str):
    n = name.lower()
    if n.startswith("федеральный бюджет"):
        return "source", "federal", None
    if n.startswith("бюджеты государственных внебюджетных фондов"):
        return "source", "state_funds", None
    if n.startswith("консолидированный бюджет"):
        return "source", "regional", None
    if n.startswith("внебюджетные источники"):
        return "source", "extrabudgetary", None
    if n.startswith("бюджет томской области"):
        return "detail", "regional", "own_budget"
    if n.startswith("межбюджетные трансферты"):
        return "detail", "regional", "transfers_to_municipal"
    if n.startswith("бюджеты муниципальных образований"):
        return "detail", "regional", "municipal_own"
    return None, None, None


def build_funding(lines):
    first = find_line(lines, "^№ п/п\tНаименование регионального проекта и источники")
    last = find_line(lines, "^5\\. Участники") - 1
    years = [2019, 2020, 2021, 2022, 2023, 2024]
    out = []
    in_total = False
    for r in table_rows(lines, first, last):
        c = r["cells"]
        if c[0].startswith("*"):
            continue
        printed = c[0].strip()
        if CODE_RE.match(printed):
            line_code, name = code_of(printed), clean(c[1])
        else:
            line_code, name = None, clean(c[0] or c[1])
        amounts, markers = {}, {}
        for k, y in enumerate(years):
            v = cell(c, 2 + k).strip()
            if not v:
                continue
            if is_number(v):
                amounts[y] = number(v)
            else:
                markers[y] = v
        tot = cell(c, 8).strip()
        total = number(tot) if tot and is_number(tot) else None
        if tot and total is None:
            markers["total"] = tot
        role, source, detail = funding_kind(name)
        parent = None
        if name.startswith("Всего по"):
            in_total = True
            role, source, detail = "project_total", None, None
        elif in_total:
            role = "project_total_" + role
        elif role is None:
            role = "heading" if (line_code and "." not in line_code and not amounts) else "line"
            parent = parent_code(line_code)
        else:
            parent = parent_code(line_code)
        out.append({
            "section": "passport", "line_code": line_code,
            "parent_line_code": parent, "line_name": name, "role": role,
            "source": source, "detail": detail, "kbk": None,
            "amounts": amounts, "total": total, "markers": markers,
            "line": r["line"],
        })
    return {"years": {"passport": years, "additional": []}, "rows": out}


# ------------------------------------------------------------- participants
def build_participants(lines):
    first = find_line(lines, "^№ п/п\tРоль в региональном проекте")
    last = find_line(lines, "^ПЛАН МЕРОПРИЯТИЙ") - 1
    out = []
    block = block_line = None
    for r in table_rows(lines, first, last):
        c = r["cells"]
        num = c[0].strip()
        if num and not re.fullmatch(r"\d+(\.\d+)*\.?", num):
            block, block_line = clean(c[0]), r["line"]
            continue
        wl = clean(cell(c, 5))
        workload = number(wl) if wl and is_number(wl) else None
        out.append({
            "number": num.rstrip(".") or None,
            "number_printed": num or None,
            "block": block,
            "block_line": block_line,
            "role": clean(cell(c, 1)),
            "person": clean(cell(c, 2)),
            "position": clean(cell(c, 3)),
            "supervisor": clean(cell(c, 4)),
            "workload_pct": workload,
            "workload_printed": wl if (wl and workload is None) else None,
            "line": r["line"],
        })
    return {"participants": out}


# --------------------------------------------------------------- activities
# The section-3 results each block of the plan (a top-level row «1.», «2.» …) delivers, read by hand off the
# wording of both (the same share, number of organisations or children and year). Block 1 (the federal platform,
# «во всех муниципальных общеобразовательных учреждениях») delivers the platform line of result 1's
# characteristic («95% образовательных организаций … с использованием федеральной информационно-сервисной
# платформы»). Results 1.5, 1.6, 1.9, 1.10 and 1.24 have no block.
DELIVERS = {
    "1": ["1"], "2": ["1.1"], "3": ["1.2"], "4": ["1.3"], "5": ["1.4"], "6": ["1.7"], "7": ["1.8"], "8": ["1.11"],
    "9": ["1.12"], "10": ["1.13"], "11": ["1.14"], "12": ["1.15"], "13": ["1.16"], "14": ["1.17"], "15": ["1.18"],
    "17": ["1.19"], "18": ["1.20"], "19": ["1.21"], "21": ["1.22"], "22": ["1.23"], "24": ["1.25"], "25": ["1.26"],
    "26": ["1.27"],
}


class Flow(dict):
    """A mapping written in YAML flow style: {result: "1.1", line: 69}."""


def build_activities(lines, result_lines):
    first = find_line(lines, "^№ п/п\tНаименование результата, мероприятия")
    out = []
    result_code = None
    for r in table_rows(lines, first, len(lines)):
        c = r["cells"]
        printed = c[0].strip()
        code = code_of(printed)
        depth = code.count(".") if code else None
        if depth == 0:
            kind, result_code = "result", code
        elif depth == 1:
            kind = "control_point"
        else:
            kind = "activity"
        out.append({
            "code": code, "code_printed": printed or None, "kind": kind,
            "result_code": result_code, "name": clean(cell(c, 1)),
            "start": clean(cell(c, 2)), "end": clean(cell(c, 3)),
            "responsible": clean(cell(c, 4)), "document": clean(cell(c, 5)),
            "control_level": clean(cell(c, 6)),
        })
        if kind == "result":
            out[-1]["delivers"] = [Flow(result=rc, line=result_lines[rc]) for rc in DELIVERS[code]]
        out[-1]["line"] = r["line"]
    unused = set(DELIVERS) - {a["code"] for a in out if a["kind"] == "result"}
    assert not unused, unused
    return {"activities": out}


# -------------------------------------------------------------- methodology
def build_methodology(lines, indicators):
    """Tomsk prints no Приложение № 2.  The only methodology text it prints is
    the footnotes on the indicator rows (section 2); they are kept here, one
    entry per indicator that carries such a footnote (number = indicator code)."""
    foot = {}
    first = find_line(lines, "^2\\. Цель и показатели")
    last = find_line(lines, "^3\\. Результаты")
    for n in range(first, last):
        m = re.match(r"^([" + SUP + r"]+)\s+(.*)$", lines[n - 1])
        if m:
            foot[m.group(1)] = (n, m.group(2).strip())
    sup_to_int = {ch: str(i) for i, ch in enumerate(SUP)}
    out = []
    for ind in indicators["indicators"]:
        if not ind["code"]:
            continue
        raw = " ".join(lines[ln - 1] for ln in indicators["_src"][ind["line"]])
        marks = re.findall(r"\^\{([\d\s]+)\}|([" + SUP + r"]+)", raw)
        nums = []
        for brace, sup in marks:
            if brace:
                nums += brace.split()
            else:
                nums.append("".join(sup_to_int[ch] for ch in sup))
        method, extra, mline = None, [], None
        for num in nums:
            key = "".join(SUP[int(d)] for d in num)
            if key not in foot:
                continue
            ln, text = foot[key]
            if "етодик" in text and method is None:
                method, mline = text, ln
            else:
                extra.append(text)
        if method is None:
            continue
        out.append({
            "number": ind["code"], "indicator_name": ind["name"], "method": method,
            "base_indicators": None, "data_source": None, "responsible": None,
            "aggregation": None, "timing": None,
            "extra": " ".join(extra) or None, "line": mline,
        })
    return {"methodology": out}


# -------------------------------------------------------------------- dump
class Dumper(yaml.SafeDumper):
    pass


def _repr_dict(dumper, data):
    flow = bool(data) and all(isinstance(k, int) or k == "total" for k in data)
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


class Code(str):
    """A code / number printed in the document: always written double-quoted."""


CODE_KEYS = {"code", "code_printed", "parent", "line_code", "parent_line_code",
             "number", "number_printed", "result_code", "result"}


def _repr_str(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)


def _repr_code(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


def mark_codes(obj):
    if isinstance(obj, dict):
        marked = {k: (Code(v) if k in CODE_KEYS and isinstance(v, str) else mark_codes(v))
                  for k, v in obj.items()}
        return Flow(marked) if isinstance(obj, Flow) else marked
    if isinstance(obj, list):
        return [mark_codes(x) for x in obj]
    return obj


def _repr_list(dumper, data):
    flow = bool(data) and all(isinstance(x, int) for x in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


Dumper.add_representer(dict, _repr_dict)
Dumper.add_representer(list, _repr_list)
Dumper.add_representer(str, _repr_str)
Dumper.add_representer(Code, _repr_code)
Dumper.add_representer(Flow, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m.items(), flow_style=True))


def dump(path: Path, data, header: str):
    text = yaml.dump(mark_codes(data), Dumper=Dumper, allow_unicode=True, sort_keys=False,
                     width=10**6, default_flow_style=False)
    path.write_text(header + text, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    lines = args.seed.read_text(encoding="utf-8").split("\n")
    args.out.mkdir(parents=True, exist_ok=True)
    hdr = f"# Город Томск — {SEED_NAME}; see data/README.md. Numbers as printed, not corrected.\n"
    ind = build_indicators(lines)
    dump(args.out / "passport.yaml", build_passport(lines), hdr)
    dump(args.out / "indicators.yaml", {k: v for k, v in ind.items() if k != "_src"}, hdr)
    dump(args.out / "results.yaml", build_results(lines), hdr)
    dump(args.out / "funding.yaml", build_funding(lines), hdr)
    dump(args.out / "participants.yaml", build_participants(lines), hdr)
    results = build_results(lines)
    dump(args.out / "activities.yaml",
         build_activities(lines, {r["code"]: r["line"] for r in results["results"] if r["code"]}), hdr)
    dump(args.out / "methodology.yaml", build_methodology(lines, ind),
         hdr + "# Tomsk prints no Приложение № 2; the entries below are the methodology\n"
               "# footnotes printed under the indicator table (section 2), keyed by indicator code.\n")


if __name__ == "__main__":
    main()
