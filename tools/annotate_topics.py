"""Add topic, role, series and accumulates to the passport YAML (indicators and result targets), in place.

Run once per passport folder after a converter (tools/seed_to_yaml_*.py) wrote it:
`python tools/annotate_topics.py data/passports/amur`. Rows that already carry a topic are left alone, so a
reviewer's hand edits survive. What an indicator is about is read off its printed name (the rules below,
checked against both documents); a result target's topic and role follow its measure.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

# measure -> (topic, role); targets of the level above (federal_*, regional_*) take their base measure's
MEASURE_TOPICS = {
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
# an indicator's printed name (its own, or its parent's for «- по программам …» rows) -> (topic, role)
INDICATOR_RULES = (
    (r"интернет", ("internet", "share")),
    (r"целев\w* модел", ("target_model", "orgs_share")),
    (r"цифровой образовательный профиль", ("target_model", "profile_share")),
    (r"одного окна", ("training", "teachers_share")),
    (r"обучающихся.*использующих федеральн", ("platform", "students_share")),
    (r"организаций.*использованием федеральной информационно-сервисной", ("platform", "orgs_share")),
)


# rows whose name and parent do not say it, decided by a reviewer from the document
BY_HAND = {
    # Amur 3.1.1 and 3.1.2: their parent row 3.1 was lost at a page break (seed line 31 keeps only its tail,
    # «…между которыми обеспечено информационное взаимодействие, в общем числе обучающихся…») — the digital
    # profile indicator, № 3 of the passport's methodology
    ("amur", "3.1.1"): ("target_model", "profile_share"),
    ("amur", "3.1.2"): ("target_model", "profile_share"),
}


def base_measure(measure: str) -> str:
    return re.sub(r"^(federal|regional)_", "", measure)


def indicator_topic(name: str, parent_name: str | None) -> tuple[str, str] | None:
    for text in (name, parent_name or ""):
        for pattern, topic in INDICATOR_RULES:
            if re.search(pattern, text, re.IGNORECASE):
                return topic
    return None


def _insert_after(lines: list[str], index: int, indent: str, fields: dict) -> None:
    for offset, (key, value) in enumerate(fields.items(), start=1):
        lines.insert(index + offset - 1 + 1, f"{indent}{key}: {value}\n")


def annotate_indicators(path: Path) -> int:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = {i["code"]: i["name"] for i in data["indicators"]}
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = [i for i, line in enumerate(lines) if line.startswith("- code:")]
    done = 0
    for ind, start in reversed(list(zip(data["indicators"], rows, strict=True))):
        if "topic" in ind or ind["code"] is None:
            continue
        topic = (BY_HAND.get((path.parent.name, ind["code"]))
                 or indicator_topic(ind["name"], names.get(ind.get("parent"))))
        if topic is None:
            raise SystemExit(f"{path}: показатель {ind['code']}: тема не распознана — укажите topic вручную")
        at = next(i for i in range(start, len(lines)) if lines[i].startswith("  direction:"))
        quoted = f'"ind-{ind["code"]}"'
        _insert_after(lines, at, "  ", {"topic": topic[0], "role": topic[1], "series": quoted,
                                         "accumulates": "level"})
        done += 1
    path.write_text("".join(lines), encoding="utf-8")
    return done


def annotate_targets(path: Path) -> int:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    done, i = 0, 0
    while i < len(lines):
        m = re.match(r"^(\s*)- measure: (\S+)", lines[i])
        if not m:
            i += 1
            continue
        indent, measure = m.group(1) + "  ", m.group(2)
        end = i + 1
        while end < len(lines) and lines[end].startswith(indent) and not lines[end].lstrip().startswith("- "):
            end += 1
        block = "".join(lines[i:end])
        if re.search(r"^\s*topic:", block, re.M):
            i = end
            continue
        topic = MEASURE_TOPICS.get(base_measure(measure))
        if topic is None:
            raise SystemExit(f"{path}: мера {measure}: тема не известна — укажите topic вручную")
        cumulative = re.search(r"cumulative: true", block) is not None
        share = measure.endswith("_pct")
        at = next(j for j in range(i, end) if "cumulative:" in lines[j])
        _insert_after(lines, at, indent, {"topic": topic[0], "role": topic[1], "series": measure,
                                          "accumulates": "level" if cumulative or share else "flow"})
        done += 1
        i = end + 4
    path.write_text("".join(lines), encoding="utf-8")
    return done


def main(folders: list[str]) -> None:
    for folder in map(Path, folders):
        n_ind = annotate_indicators(folder / "indicators.yaml")
        n_tgt = annotate_targets(folder / "results.yaml")
        print(f"{folder}: показателей {n_ind}, целей {n_tgt}")


if __name__ == "__main__":
    main(sys.argv[1:])
