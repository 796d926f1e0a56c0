"""Every quantity a result's text states is a target of the model, or is listed as not a target with a reason.

Each result's own text and characteristic, and the result of the level above it quotes (Amur's federal result
and its characteristic, Tomsk's regional result), are read for quantities: a number with what follows it
(«640 работников», «4 %», «100Мб/с», «2 тыс. детей») and «все / во всех …». Years, dates («7 мая 2018 г.»,
«31.12.2019») and document or school numbers («№ 204», «лицей № 1») are not quantities. A quantity is covered
when the result has a target of that value and kind (a share for «%», a count otherwise; the level above's
quantities: a federal or regional target of a result under the same federal row), «все …» when it has a share of
100 % quoted with the word after «все»; else it must be listed in
data/passports/<id>/not_targets.yaml with the reason. So a passport cannot lose a stated number silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from passports.reading import load_passport
from passports.schema import NOT_TARGETS_FILE, NotTargetsFile
from passports.yaml_reader import read_yaml
from tests.helpers import DATA, FIXTURES

MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
#: what looks like a number but is not a quantity: a date, «№ 204», «7 мая 2018 г.», a year («2024 году»)
NOT_QUANTITY = re.compile(
    rf"\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|№\s*\d+|\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}"
    r"|(?<!\d)(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*(?:год\w*|г\.|г(?!\w))")
#: a number (thousands may be split by a space: «3 000»), «тыс.» / «тысяч», and the word or «%» after it
NUMBER = re.compile(r"(?<![\d,])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:,\d+)?)(?!\d)\s*(тыс\.|тысяч\w*)?\s*"
                    r"(%|[А-Яа-яЁёA-Za-z/]+)?")
#: «все …», «всех …», «всеми …», «во всех …» with the word after it
EVERY = re.compile(r"(?<!\w)(?:во\s+)?(?:все|всех|всеми)\s+[А-Яа-яЁё]+", re.IGNORECASE)

OWN_FIELDS = ("text", "characteristic")
QUOTED_FIELDS = ("federal_result", "federal_characteristic")


@dataclass(frozen=True)
class Quantity:
    key: str          # how not_targets.yaml names it: «100 Мб/с», «2000 детей», «всех участников»
    value: float      # the number (× 1000 for «тыс.»); 100 for «все»
    every: bool       # «все / во всех …»: a share of 100 %
    printed: str


def quantities(text: str | None) -> list[Quantity]:
    """The quantities a text states, in order."""
    if not text:
        return []
    masked = NOT_QUANTITY.sub(lambda m: " " * len(m.group()), text)
    found = []
    for m in NUMBER.finditer(masked):
        value = float(re.sub(r"\s", "", m.group(1)).replace(",", "."))
        if m.group(2):
            value *= 1000
        unit = m.group(3) or ""
        found.append(Quantity(f"{value:g} {unit}".strip(), value, False, m.group(0).strip()))
    for m in EVERY.finditer(masked):
        phrase = " ".join(m.group(0).split())
        found.append(Quantity(phrase.lower(), 100.0, True, phrase))
    return found


def test_the_reader_of_quantities():
    got = [q.key for q in quantities("Для не менее 3 000 детей, обучающихся в 10 % организаций, с охватом не менее "
                                     "1200детей, 2 тыс. работников, 100Мб/с, (4 ОО г. Томска: лицей № 1) к концу "
                                     "2019 года, Указ от 7 мая 2018 г. № 204, срок 31.12.2024, во всех субъектах")]
    assert got == ["3000 детей", "10 %", "1200 детей", "2000 работников", "100 Мб/с", "4 ОО", "во всех субъектах"]


def _folders() -> list[Path]:
    return [*sorted((DATA / "passports").iterdir()), FIXTURES / "clean" / "passports" / "mini"]


def _not_targets(folder: Path) -> NotTargetsFile:
    path = folder / NOT_TARGETS_FILE
    if not path.is_file():
        return NotTargetsFile()
    return NotTargetsFile.model_validate(read_yaml(path, display_name=str(path)))


def _covered(q: Quantity, targets) -> bool:
    """A target of the same value and kind: a share for «%», a count for any other word; «все» — a share of
    100 % whose quote has the word after «все» («Все образовательные организации» ~ «образовательных»)."""
    share = q.every or q.key.endswith("%")
    stem = q.key.split()[-1][:6] if q.every else ""
    return any(abs(t.value - q.value) < 1e-9 and t.measure.endswith("_pct") == share
               and stem in (t.quote or "").lower() for t in targets)


def _uncovered(folder: Path) -> dict[tuple[str, str], list[str]]:
    """(result code, quantity key) -> where it is printed, for quantities that are no target."""
    passport = load_passport(folder)
    results = [r for r in passport.results.results if r.code]     # task headings print no result
    own = {r.code: [t for t in r.targets if not t.measure.startswith(("federal_", "regional_"))] for r in results}
    # the level above's targets go to the first result under its row: compare within the row
    quoted: dict[str, list] = {}
    for r in results:
        quoted.setdefault(r.parent or r.code, []).extend(
            t for t in r.targets if t.measure.startswith(("federal_", "regional_")))
    missing: dict[tuple[str, str], list[str]] = {}
    for r in results:
        for field in OWN_FIELDS + QUOTED_FIELDS:
            targets = own[r.code] if field in OWN_FIELDS else quoted.get(r.parent or r.code, [])
            for q in quantities(getattr(r, field)):
                if not _covered(q, targets):
                    missing.setdefault((r.code, q.key), []).append(f"{field}: «{q.printed}»")
    return missing


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_every_stated_quantity_is_a_target_or_said_not_to_be(folder):
    missing = _uncovered(folder)
    listed = {(code, n.quantity) for n in _not_targets(folder).not_targets for code in n.results}
    unexplained = {k: v for k, v in missing.items() if k not in listed}
    assert unexplained == {}, "нет цели и нет в not_targets.yaml: " + "; ".join(
        f"результат {code}: {key} ({', '.join(where)})" for (code, key), where in unexplained.items())


@pytest.mark.parametrize("folder", _folders(), ids=lambda p: p.name)
def test_not_targets_are_printed_and_not_targets(folder):
    """Each entry names results that print that quantity with no target for it, at their seed lines."""
    missing = _uncovered(folder)
    lines = {r.code: r.line for r in load_passport(folder).results.results if r.code}
    for entry in _not_targets(folder).not_targets:
        assert entry.reason.strip()
        for code, line in entry.results.items():
            assert lines.get(code) == line, (code, line)
            assert (code, entry.quantity) in missing, f"результат {code}: «{entry.quantity}» — лишняя запись"
