"""Synthetic passports for scale benches and tests: copies of data/passports/amur (regional) and tomsk (municipal)
with another id, territory, region and region code, shifted indicator and result codes and changed numbers.

Deterministic: the same n and seed give the same folders byte for byte. About 85 passports are regional (one per
subject of the Russian Federation, copies of Amur), the rest municipal (copies of Tomsk, each naming its region).
The texts of the source are kept (a copy of Tomsk still speaks of «Города Томска»): only what a new passport
changes in data is changed, by editing the source text line by line (fast: 2 000 passports in seconds).

    python bench/synthetic.py --n 2000 --out /tmp/cos-2000      # writes /tmp/cos-2000/passports/<id>/
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {"regional": "amur", "municipal": "tomsk"}
#: the files of a passport folder the loader reads (not_targets.yaml is read by the data tests only)
FILES = ("passport.yaml", "indicators.yaml", "results.yaml", "funding.yaml", "participants.yaml",
         "activities.yaml", "methodology.yaml")

#: the 85 subjects of the Russian Federation (2019–2024) by their code
REGIONS = (
    ("01", "Республика Адыгея"), ("02", "Республика Башкортостан"), ("03", "Республика Бурятия"),
    ("04", "Республика Алтай"), ("05", "Республика Дагестан"), ("06", "Республика Ингушетия"),
    ("07", "Кабардино-Балкарская Республика"), ("08", "Республика Калмыкия"),
    ("09", "Карачаево-Черкесская Республика"), ("10", "Республика Карелия"), ("11", "Республика Коми"),
    ("12", "Республика Марий Эл"), ("13", "Республика Мордовия"), ("14", "Республика Саха (Якутия)"),
    ("15", "Республика Северная Осетия — Алания"), ("16", "Республика Татарстан"), ("17", "Республика Тыва"),
    ("18", "Удмуртская Республика"), ("19", "Республика Хакасия"), ("20", "Чеченская Республика"),
    ("21", "Чувашская Республика"), ("22", "Алтайский край"), ("23", "Краснодарский край"),
    ("24", "Красноярский край"), ("25", "Приморский край"), ("26", "Ставропольский край"),
    ("27", "Хабаровский край"), ("28", "Амурская область"), ("29", "Архангельская область"),
    ("30", "Астраханская область"), ("31", "Белгородская область"), ("32", "Брянская область"),
    ("33", "Владимирская область"), ("34", "Волгоградская область"), ("35", "Вологодская область"),
    ("36", "Воронежская область"), ("37", "Ивановская область"), ("38", "Иркутская область"),
    ("39", "Калининградская область"), ("40", "Калужская область"), ("41", "Камчатский край"),
    ("42", "Кемеровская область — Кузбасс"), ("43", "Кировская область"), ("44", "Костромская область"),
    ("45", "Курганская область"), ("46", "Курская область"), ("47", "Ленинградская область"),
    ("48", "Липецкая область"), ("49", "Магаданская область"), ("50", "Московская область"),
    ("51", "Мурманская область"), ("52", "Нижегородская область"), ("53", "Новгородская область"),
    ("54", "Новосибирская область"), ("55", "Омская область"), ("56", "Оренбургская область"),
    ("57", "Орловская область"), ("58", "Пензенская область"), ("59", "Пермский край"),
    ("60", "Псковская область"), ("61", "Ростовская область"), ("62", "Рязанская область"),
    ("63", "Самарская область"), ("64", "Саратовская область"), ("65", "Сахалинская область"),
    ("66", "Свердловская область"), ("67", "Смоленская область"), ("68", "Тамбовская область"),
    ("69", "Тверская область"), ("70", "Томская область"), ("71", "Тульская область"),
    ("72", "Тюменская область"), ("73", "Ульяновская область"), ("74", "Челябинская область"),
    ("75", "Забайкальский край"), ("76", "Ярославская область"), ("77", "Москва"), ("78", "Санкт-Петербург"),
    ("79", "Еврейская автономная область"), ("83", "Ненецкий автономный округ"),
    ("86", "Ханты-Мансийский автономный округ — Югра"), ("87", "Чукотский автономный округ"),
    ("89", "Ямало-Ненецкий автономный округ"), ("91", "Республика Крым"), ("92", "Севастополь"),
)
_STEMS = ("Бел", "Красн", "Нов", "Стар", "Сосн", "Берёз", "Озёр", "Речн", "Лесн", "Светл", "Камен", "Лугов",
          "Полев", "Солнечн", "Яблон", "Кедр", "Ключев", "Горн", "Зелен", "Тих", "Быстр", "Вишн", "Липов", "Снежн")
_TOWN = ("огорск", "оярск", "озёрск", "ореченск", "оборск", "оградск", "одольск", "омайск")
#: a town, or a district named after it («Белогорск», «Белогорский муниципальный район»)
_KINDS = ("Город {town}", "{town}ий муниципальный район", "{town}ий муниципальный округ", "Город {town}",
          "{town}ий городской округ")
#: factors for counts and money; a share moves by a few points instead (0 and 100 stay: they mean «none», «all»)
_FACTORS = (0.5, 1, 1.5, 2, 3)


@dataclass(frozen=True)
class Synthetic:
    """One synthetic passport: who it is and how it differs from its source."""

    passport_id: str
    level: str
    territory: str
    region: str
    region_code: str
    #: added to the first number of every indicator code (1.1 -> 4.1) and of every result code
    indicator_shift: int
    result_shift: int
    #: counts and money are multiplied by it; shares (other than 0 and 100) move by share_shift points
    factor: float
    share_shift: int

    @property
    def source(self) -> str:
        return SOURCES[self.level]


def default_regional(n: int) -> int:
    """About 85 of 2 000 are regional; at least two (or all, when n is smaller)."""
    return min(n, max(2, round(n * len(REGIONS) / 2000)), len(REGIONS))


def plan(n: int, seed: int = 14, regional: int | None = None) -> list[Synthetic]:
    """The passports to write: `regional` copies of Amur (one per region), the rest copies of Tomsk."""
    rng = random.Random(seed)
    regional = default_regional(n) if regional is None else min(regional, n, len(REGIONS))
    regions = sorted(rng.sample(REGIONS, regional))
    out: list[Synthetic] = []
    for code, name in regions:
        out.append(_one(rng, f"r{code}", "regional", name, name, code))
    for k in range(1, n - regional + 1):
        code, region = rng.choice(REGIONS)
        out.append(_one(rng, f"m{code}_{k:04d}", "municipal", _municipality(rng), region, code))
    return out


def _one(rng: random.Random, pid: str, level: str, territory: str, region: str, code: str) -> Synthetic:
    return Synthetic(pid, level, territory, region, code, indicator_shift=rng.randint(0, 9),
                     result_shift=rng.randint(0, 9), factor=rng.choice(_FACTORS), share_shift=rng.randint(-5, 5))


def _municipality(rng: random.Random) -> str:
    return rng.choice(_KINDS).format(town=rng.choice(_STEMS) + rng.choice(_TOWN))


# ---- editing the source text -------------------------------------------------------------------------------
_CODE = re.compile(r"^(\s*-?\s*(?:code|parent|code_printed): )(['\"]?)(\d+)([\d.]*)(['\"]?)[ \t]*$", re.M)
_SERIES = re.compile(r"^(\s*series: ['\"]?ind-)()(\d+)([\d.]*)(['\"]?)[ \t]*$", re.M)
_DELIVERS = re.compile(r"(\{result: )(['\"]?)(\d+)([\d.]*)(['\"]?)")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _shift_codes(text: str, pattern: re.Pattern, by: int) -> str:
    return pattern.sub(lambda m: f"{m[1]}{m[2]}{int(m[3]) + by}{m[4]}{m[5]}", text)


def _number(value: float) -> str:
    """A number as YAML prints it: an integer without a point, otherwise the shortest decimal."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _share(value: str, by: int) -> str:
    x = float(value)
    return value if x in (0, 100) else _number(min(100.0, max(0.0, x + by)))


def _count(value: str, factor: float) -> str:
    x = float(value)
    return _number(round(x * factor) if float(value).is_integer() else round(x * factor, 6))


def _values_of(line: str, edit: Callable[[str], str]) -> str:
    """Edit every year's value of a flow mapping line («plan: {2019: 42, 2020: 76}») or a scalar line."""
    key, _, rest = line.partition(":")
    if rest.strip().startswith("{"):
        body = re.sub(r"(\d{4}): (-?\d+(?:\.\d+)?)", lambda m: f"{m[1]}: {edit(m[2])}", rest)
        return f"{key}:{body}"
    value = rest.strip()
    return f"{key}: {edit(value)}" if _NUMBER.fullmatch(value) else line


def _indicators(text: str, s: Synthetic) -> str:
    text = _shift_codes(_shift_codes(text, _CODE, s.indicator_shift), _SERIES, s.indicator_shift)
    lines = text.split("\n")
    for i, line in enumerate(lines):  # every indicator is a share (unit: процент)
        if line.lstrip().startswith(("plan: ", "base_value: ")):
            lines[i] = _values_of(line, lambda v: _share(v, s.share_shift))
    return "\n".join(lines)


def _results(text: str, s: Synthetic) -> str:
    text = _shift_codes(text, _CODE, s.result_shift)
    lines = text.split("\n")
    measure = ""
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith("- measure: "):
            measure = stripped.removeprefix("- measure: ").strip()
        elif stripped.startswith("value: ") and not measure.startswith(("federal_", "regional_")):
            # the targets of the level above are quoted as printed there: only the passport's own change
            edit = (lambda v: _share(v, s.share_shift)) if measure.endswith("_pct") else (
                lambda v: _count(v, s.factor))
            lines[i] = _values_of(line, edit)
    return "\n".join(lines)


def _funding(text: str, s: Synthetic) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("amounts: ", "total: ")):
            lines[i] = _values_of(line, lambda v: _count(v, s.factor))
    return "\n".join(lines)


def _passport(text: str, s: Synthetic) -> str:
    values = {"passport_id": s.passport_id, "level": s.level, "territory": s.territory, "region": s.region,
              "region_code": f'"{s.region_code}"'}
    for key, value in values.items():
        text, n = re.subn(rf"^{key}:.*$", f"{key}: {value}", text, count=1, flags=re.M)
        if not n:
            text = text.rstrip("\n") + f"\n{key}: {value}\n"
    return text


def _activities(text: str, s: Synthetic) -> str:
    return _shift_codes(text, _DELIVERS, s.result_shift)


_EDITS: dict[str, Callable[[str, Synthetic], str]] = {
    "passport.yaml": _passport, "indicators.yaml": _indicators, "results.yaml": _results,
    "funding.yaml": _funding, "activities.yaml": _activities,
}


@cache
def _source_text(source: str, name: str) -> str:
    return (ROOT / "data" / "passports" / source / name).read_text(encoding="utf-8")


def files(s: Synthetic) -> dict[str, str]:
    """The text of every file of the passport."""
    return {name: _EDITS.get(name, lambda t, _s: t)(_source_text(s.source, name), s) for name in FILES}


def write(root: Path, s: Synthetic) -> Path:
    """Write root/passports/<id>/ (replacing the files of an earlier run)."""
    folder = Path(root) / "passports" / s.passport_id
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files(s).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def generate(root: Path, n: int, seed: int = 14, regional: int | None = None) -> list[Synthetic]:
    """Write n synthetic passports under root/passports; returns what was written."""
    passports = plan(n, seed, regional)
    for s in passports:
        write(root, s)
    return passports


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from domain.cli import RussianParser

    parser = RussianParser(prog="python bench/synthetic.py", description="Синтетические паспорта для замеров")
    parser.add_argument("--n", type=int, default=2000, help="сколько паспортов (по умолчанию 2000)")
    parser.add_argument("--out", required=True, help="папка данных: паспорта лягут в OUT/passports/")
    parser.add_argument("--seed", type=int, default=14, help="зерно случайных чисел (по умолчанию 14)")
    args = parser.parse_args(argv)
    written = generate(Path(args.out), args.n, args.seed)
    regional = sum(s.level == "regional" for s in written)
    print(f"Записано паспортов: {len(written)} (региональных {regional}, муниципальных {len(written) - regional}) "
          f"в {Path(args.out) / 'passports'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
