"""Section 1 «Основные положения» and the title above it → passport.yaml. What the form does not print (the
territory's name as a name, its region, the region's code and time zone) is read off the document's words and
listed as a guess."""

from __future__ import annotations

import re

from passport_documents.document import Document
from passport_documents.form import Section, level_of, title_of
from passport_documents.regions import cities_named, subject, subjects_named
from passport_documents.review import Review
from passport_documents.words import clean

_MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
           "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
_DATE = re.compile(rf"(\d{{1,2}})\.(\d{{2}})\.(\d{{4}})|(\d{{1,2}})\s+({'|'.join(_MONTHS)})\s+(\d{{4}})")
#: the row labels of section 1 -> the field they fill
_FIELDS = (
    (r"^Наименование (национального|федерального) проекта", "national_project"),
    (r"^Краткое наименование", "short_title"),
    (r"^Куратор", "curator"),
    (r"^Руководитель", "head"),
    (r"^Администратор", "administrator"),
    (r"^Связь с (государственными|муниципальными) программами", "state_programme"),
)


def _dates(period: str) -> list[str]:
    found = []
    for m in _DATE.finditer(period):
        if m.group(1):
            found.append(f"{int(m.group(1)):02d}.{m.group(2)}.{m.group(3)}")
        else:
            found.append(f"{int(m.group(4)):02d}.{_MONTHS[m.group(5)]:02d}.{m.group(6)}")
    return found


def _person(cell: str) -> dict | None:
    text = clean(cell)
    if not text:
        return None
    person, _, position = text.partition(",")
    return {"person": person.strip(), "position": position.strip() or None}


def read_basics(doc: Document, section: Section, goal_section: Section | None, passport_id: str,
                review: Review) -> dict:
    """passport.yaml of the document."""
    out: dict = {"passport_id": passport_id}
    first = next((line.number for line in doc.lines if line.text.strip()), 1)
    title, _ = title_of(doc, section.start)
    level = level_of(doc, section.start)
    if level is None:
        review.error("basics", 0, "не найден заголовок «ПАСПОРТ регионального / муниципального проекта»: "
                                  "уровень паспорта не ясен")
    fields: dict = {}
    for number in range(section.start + 1, section.end + 1):
        cells = doc.line(number).cells
        label = cells[0].strip()
        key = next((k for pattern, k in _FIELDS if re.match(pattern, label)), None)
        if key is None:
            if label:
                review.not_placed("basics", number, doc.line(number).text)
            continue
        fields[key] = (number, cells)
    period = clean(fields["short_title"][1][3]) if "short_title" in fields and len(fields["short_title"][1]) > 3 \
        else None
    dates = _dates(period or "")
    if len(dates) < 2:
        review.error("basics", fields.get("short_title", (section.start,))[0],
                     "срок начала и окончания проекта не распознан (нужно «01.10.2018 – 31.12.2024» или "
                     "«1 ноября 2018 г. – 31 декабря 2024 г.»)")
        dates = [None, None]
    approved = next((clean(line.text) for line in doc.lines[:section.start]
                     if line.text.strip().startswith("Протокол")), None)
    goal = None
    if goal_section is not None:
        goal = next((clean(doc.line(n).text) for n in range(goal_section.start + 1, goal_section.end + 1)
                     if doc.line(n).text.strip() and len([c for c in doc.line(n).cells if c.strip()]) == 1), None)
    text_1 = " ".join(doc.line(n).text for n in range(section.start, section.end + 1))
    territory, region = _territory(doc, text_1, level, review)
    found = subject(region) if region else None
    out.update({
        "level": level or "regional",
        "territory": territory,
        "title": title,
        "national_project": clean(fields["national_project"][1][1]) if "national_project" in fields else None,
        "short_title": clean(fields["short_title"][1][1]) if "short_title" in fields else None,
        "period_printed": period,
        "start_date": dates[0],
        "end_date": dates[1],
        "curator": _person(fields["curator"][1][1]) if "curator" in fields else None,
        "head": _person(fields["head"][1][1]) if "head" in fields else None,
        "administrator": _person(fields["administrator"][1][1]) if "administrator" in fields else None,
        "state_programme": clean(fields["state_programme"][1][1]) if "state_programme" in fields else None,
        "approved": approved,
        "goal": goal,
        "region": region,
        "region_code": found[0] if found else None,
        "timezone": found[2] if found else "Europe/Moscow",
        "source_file": doc.name,
        "line": first,
    })
    if found:
        review.guess("basics", 0, "код субъекта и часовой пояс — по названию региона (в паспорте не напечатаны)",
                     f"{found[0]}, {found[2]}")
    else:
        review.guess("basics", 0, "регион не найден в таблице субъектов РФ: код субъекта не указан, часовой пояс — "
                                  "московский", region)
    review.count("basics", f"уровень: {'региональный' if out['level'] == 'regional' else 'муниципальный'}; "
                           f"территория: {territory}; срок: {dates[0]} – {dates[1]}")
    return out


def _territory(doc: Document, text_1: str, level: str | None, review: Review) -> tuple[str, str | None]:
    """The territory and its region, read off the words of section 1 (and the whole document for a municipal
    passport's region)."""
    whole = " ".join(line.text for line in doc.lines)
    if level == "municipal":
        cities = cities_named(text_1) or cities_named(whole)
        territory = cities[0] if cities else "(не найдена)"
        regions = subjects_named(whole)
        region = regions[0] if regions else None
    else:
        regions = subjects_named(text_1) or subjects_named(whole)
        region = regions[0] if regions else None
        territory = region or "(не найдена)"
    review.guess("basics", 0, "территория — по словам раздела 1 (как имя в паспорте не напечатана)", territory)
    review.guess("basics", 0, "регион (субъект РФ)", region)
    if territory == "(не найдена)":
        review.error("basics", 0, "территория паспорта не найдена в разделе 1")
    return territory, region
