"""Subjects of the Russian Federation: code, name and the time zone of their capital — what a passport does not
print but the app needs (the region a municipal passport belongs to, where «today» starts)."""

from __future__ import annotations

import re

_M, _S, _Y, _O = "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk"
#: (code, name, IANA time zone)
SUBJECTS: tuple[tuple[str, str, str], ...] = (
    ("01", "Республика Адыгея", _M), ("02", "Республика Башкортостан", _Y), ("03", "Республика Бурятия",
                                                                           "Asia/Irkutsk"),
    ("04", "Республика Алтай", "Asia/Barnaul"), ("05", "Республика Дагестан", _M), ("06", "Республика Ингушетия", _M),
    ("07", "Кабардино-Балкарская Республика", _M), ("08", "Республика Калмыкия", _M),
    ("09", "Карачаево-Черкесская Республика", _M), ("10", "Республика Карелия", _M), ("11", "Республика Коми", _M),
    ("12", "Республика Марий Эл", _M), ("13", "Республика Мордовия", _M),
    ("14", "Республика Саха (Якутия)", "Asia/Yakutsk"), ("15", "Республика Северная Осетия — Алания", _M),
    ("16", "Республика Татарстан", _M), ("17", "Республика Тыва", "Asia/Krasnoyarsk"),
    ("18", "Удмуртская Республика", _S), ("19", "Республика Хакасия", "Asia/Krasnoyarsk"),
    ("20", "Чеченская Республика", _M), ("21", "Чувашская Республика", _M), ("22", "Алтайский край", "Asia/Barnaul"),
    ("23", "Краснодарский край", _M), ("24", "Красноярский край", "Asia/Krasnoyarsk"),
    ("25", "Приморский край", "Asia/Vladivostok"), ("26", "Ставропольский край", _M),
    ("27", "Хабаровский край", "Asia/Vladivostok"), ("28", "Амурская область", "Asia/Yakutsk"),
    ("29", "Архангельская область", _M), ("30", "Астраханская область", "Europe/Astrakhan"),
    ("31", "Белгородская область", _M), ("32", "Брянская область", _M), ("33", "Владимирская область", _M),
    ("34", "Волгоградская область", "Europe/Volgograd"), ("35", "Вологодская область", _M),
    ("36", "Воронежская область", _M), ("37", "Ивановская область", _M), ("38", "Иркутская область", "Asia/Irkutsk"),
    ("39", "Калининградская область", "Europe/Kaliningrad"), ("40", "Калужская область", _M),
    ("41", "Камчатский край", "Asia/Kamchatka"), ("42", "Кемеровская область", "Asia/Novokuznetsk"),
    ("43", "Кировская область", "Europe/Kirov"), ("44", "Костромская область", _M), ("45", "Курганская область", _Y),
    ("46", "Курская область", _M), ("47", "Ленинградская область", _M), ("48", "Липецкая область", _M),
    ("49", "Магаданская область", "Asia/Magadan"), ("50", "Московская область", _M),
    ("51", "Мурманская область", _M), ("52", "Нижегородская область", _M), ("53", "Новгородская область", _M),
    ("54", "Новосибирская область", "Asia/Novosibirsk"), ("55", "Омская область", _O),
    ("56", "Оренбургская область", _Y), ("57", "Орловская область", _M), ("58", "Пензенская область", _M),
    ("59", "Пермский край", _Y), ("60", "Псковская область", _M), ("61", "Ростовская область", _M),
    ("62", "Рязанская область", _M), ("63", "Самарская область", _S), ("64", "Саратовская область", "Europe/Saratov"),
    ("65", "Сахалинская область", "Asia/Sakhalin"), ("66", "Свердловская область", _Y),
    ("67", "Смоленская область", _M), ("68", "Тамбовская область", _M), ("69", "Тверская область", _M),
    ("70", "Томская область", "Asia/Tomsk"), ("71", "Тульская область", _M), ("72", "Тюменская область", _Y),
    ("73", "Ульяновская область", "Europe/Ulyanovsk"), ("74", "Челябинская область", _Y),
    ("75", "Забайкальский край", "Asia/Chita"), ("76", "Ярославская область", _M), ("77", "Москва", _M),
    ("78", "Санкт-Петербург", _M), ("79", "Еврейская автономная область", "Asia/Vladivostok"),
    ("83", "Ненецкий автономный округ", _M), ("86", "Ханты-Мансийский автономный округ — Югра", _Y),
    ("87", "Чукотский автономный округ", "Asia/Anadyr"), ("89", "Ямало-Ненецкий автономный округ", _Y),
    ("91", "Республика Крым", "Europe/Simferopol"), ("92", "Севастополь", "Europe/Simferopol"),
)
#: how a name is printed inside a sentence (genitive) -> its nominative ending
_GENITIVE = ((r"ской области", "ская область"), (r"ского края", "ский край"), (r"ской республики", "ская республика"),
             (r"ского автономного округа", "ский автономный округ"))
_SUBJECT_IN_TEXT = re.compile(r"\b([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)(ской области|ского края|ского автономного округа)")
_REPUBLIC_IN_TEXT = re.compile(r"\bРеспублики ([А-ЯЁ][а-яё]+(?: [А-ЯЁ][а-яё]+)?)")
_CITY_IN_TEXT = re.compile(r"\b[Гг]орода ([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)")


def subjects_named(text: str) -> list[str]:
    """The subjects a text names, in the nominative: those of the table of subjects first, most named first."""
    counts: dict[str, int] = {}
    for m in _SUBJECT_IN_TEXT.finditer(text):
        name = m.group(1) + dict(_GENITIVE)[m.group(2)]
        counts[name] = counts.get(name, 0) + 1
    for m in _REPUBLIC_IN_TEXT.finditer(text):
        name = f"Республика {m.group(1)}"
        counts[name] = counts.get(name, 0) + 1
    return [n for n, _ in sorted(counts.items(), key=lambda kv: (subject(kv[0]) is None, -kv[1]))]


def cities_named(text: str) -> list[str]:
    """The cities a text names as «Города X» / «города X», in the nominative, most named first."""
    counts: dict[str, int] = {}
    for m in _CITY_IN_TEXT.finditer(text):
        word = m.group(1)
        name = word[:-1] + "а" if word.endswith("ы") else word[:-1] if word.endswith("а") else word
        counts[f"Город {name}"] = counts.get(f"Город {name}", 0) + 1
    return [n for n, _ in sorted(counts.items(), key=lambda kv: -kv[1])]


def subject(name: str) -> tuple[str, str, str] | None:
    """(code, name, time zone) of a subject by its name (any case)."""
    key = name.strip().lower()
    return next((s for s in SUBJECTS if s[1].lower() == key), None)
