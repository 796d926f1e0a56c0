"""What a passport's row is about, read off its printed words: the rules that give an indicator, a result's
quantity and a block of the plan their topic and role (domain.vocabulary.TOPICS) and a quantity its measure. They are
checked against both documents and know no code, territory or passport; what they cannot decide is left empty and
a person decides it (the import's review lists it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: an indicator's printed name (its own, or its parent's for «- по программам …» rows) -> (topic, role)
INDICATOR_RULES: tuple[tuple[str, tuple[str, str]], ...] = (
    (r"интернет", ("internet", "share")),
    (r"целев\w* модел", ("target_model", "orgs_share")),
    (r"цифровой образовательный профиль", ("target_model", "profile_share")),
    (r"одного окна", ("training", "teachers_share")),
    (r"обучающихся.*использующих федеральн", ("platform", "students_share")),
    (r"организаций.*использованием федеральной информационно-сервисной", ("platform", "orgs_share")),
)

#: measure -> (topic, role); targets of the level above (federal_*, regional_*) take their base measure's
MEASURE_TOPICS: dict[str, tuple[str, str]] = {
    "it_cubes": ("it_cube", "centres"), "it_cube_children": ("it_cube", "children"),
    "workers_trained": ("training", "workers"), "workers_trained_orgs_count": ("training", "workers_orgs"),
    "teachers_one_window": ("training", "teachers"), "teachers_one_window_pct": ("training", "teachers_share"),
    "managers_retrained": ("training", "managers"),
    "orgs_internet_pct": ("internet", "share"), "orgs_internet_count": ("internet", "count"),
    "digital_tech_children": ("digital_tech", "children"), "digital_tech_orgs_pct": ("digital_tech", "orgs_share"),
    "digital_tech_regions": ("digital_tech", "regions"),
    "orgs_website_pct": ("websites", "share"), "orgs_website_count": ("websites", "count"),
    "target_model_orgs_pct": ("target_model", "orgs_share"), "target_model_orgs_count": ("target_model", "orgs_count"),
    "target_model_regions": ("target_model", "regions"),
    "municipalities_pct": ("target_model", "municipalities_share"),
    "students_profile_pct": ("target_model", "profile_share"),
    "orgs_online_assessment_pct": ("target_model", "assessment_share"),
    "orgs_equipment_pct": ("target_model", "equipment_share"),
    "orgs_equipment_count": ("target_model", "equipment_count"),
    "orgs_platform_pct": ("platform", "orgs_share"), "students_platform_pct": ("platform", "students_share"),
}

#: roles whose yearly numbers are each year's own (a cohort), never a running total, whatever the series does
FLOW_ROLES = {("training", "workers_orgs")}


@dataclass(frozen=True)
class MeasureRule:
    """A quantity is of `measure` when the word printed after its number matches `noun` and its clause matches
    `clause` (regular expressions, any case); `share`: the number is a percentage (or «все …» = 100 %)."""

    measure: str
    share: bool
    noun: str
    clause: str = ""


#: tried in order; the first that fits names the measure
MEASURE_RULES: tuple[MeasureRule, ...] = (
    MeasureRule("orgs_website_pct", True, r"организаци|ОО",
                r"информационн\w* наполнени|информационных представительств"),
    MeasureRule("orgs_internet_pct", True, r"организаци|ОО", r"интернет"),
    MeasureRule("digital_tech_orgs_pct", True, r"общеобразовательн\w* организаци",
                r"цифров\w* технологи|эксперимент"),
    MeasureRule("target_model_orgs_pct", True, r"организаци|ОО", r"целев\w* модел"),
    MeasureRule("orgs_online_assessment_pct", True, r"организаци", r"оценк"),
    MeasureRule("orgs_platform_pct", True, r"организаци", r"информационно-сервисн\w* платформ"),
    MeasureRule("students_profile_pct", True, r"обучающихся", r"профил"),
    MeasureRule("students_platform_pct", True, r"обучающихся", r"платформ"),
    MeasureRule("teachers_one_window_pct", True, r"педагогическ", r"одного окна"),
    MeasureRule("municipalities_pct", True, r"муниципальн\w* образовани", r"целев\w* модел"),
    MeasureRule("it_cubes", False, r"центр", r"IT-куб"),
    MeasureRule("it_cube_children", False, r"дет", r"охват"),
    MeasureRule("digital_tech_children", False, r"дет", r"цифров\w* технологи|эксперимент"),
    MeasureRule("workers_trained_orgs_count", False, r"ОО|организаци", r"работник.*квалификаци|квалификаци.*работник"),
    MeasureRule("workers_trained", False, r"работник|человек", r"квалификаци"),
    MeasureRule("orgs_website_count", False, r"ОО|организаци", r"информационн\w* наполнени"),
    MeasureRule("orgs_internet_count", False, r"ОО|организаци", r"интернет"),
    MeasureRule("target_model_orgs_count", False, r"ОО|организаци", r"целев\w* модел"),
    MeasureRule("target_model_regions", False, r"субъект", r"целев\w* модел"),
    MeasureRule("digital_tech_regions", False, r"субъект", r"цифров\w* технологи|эксперимент"),
)

#: what a text promises without a number: (words, topic) — a block of the plan or a result found by its subject
SUBJECT_WORDS: tuple[tuple[str, str], ...] = (
    (r"целев\w* модел", "target_model"),
    (r"информационно-сервисн\w* платформ", "platform"),
    (r"переподготовк\w* руководител", "training"),
    (r"IT-куб", "it_cube"),
    (r"интернет-соединени", "internet"),
    (r"информационн\w* наполнени", "websites"),
    (r"цифров\w* технологи", "digital_tech"),
)


def indicator_topic(name: str, parent_name: str | None = None) -> tuple[str, str] | None:
    """The (topic, role) of an indicator by its name, or its parent's name; None when no rule fits."""
    for text in (name, parent_name or ""):
        for pattern, found in INDICATOR_RULES:
            if re.search(pattern, text, re.IGNORECASE):
                return found
    return None


def measure_of(noun: str, clause: str, share: bool) -> str | None:
    """The measure of a quantity: the word after its number, its clause and whether it is a share."""
    for rule in MEASURE_RULES:
        if rule.share == share and re.search(rule.noun, noun, re.IGNORECASE) \
                and (not rule.clause or re.search(rule.clause, clause, re.IGNORECASE)):
            return rule.measure
    return None


def base_measure(measure: str) -> str:
    """A quoted target's own measure: «federal_it_cubes» → «it_cubes»."""
    return re.sub(r"^(federal|regional)_", "", measure)


def target_topic(measure: str) -> tuple[str, str] | None:
    """The (topic, role) of a target by its measure (a quoted one by its base measure)."""
    return MEASURE_TOPICS.get(base_measure(measure))


def subject(text: str) -> str | None:
    """The topic a text speaks of without a number: the one whose words come first in it."""
    found = [(m.start(), topic) for pattern, topic in SUBJECT_WORDS
             for m in [re.search(pattern, text or "", re.IGNORECASE)] if m]
    return min(found)[1] if found else None
