"""Layers depend one way (pages → ui → metrics/charts → loaders); docs cannot drift from the model."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = {"domain", "loaders", "metrics", "charts", "panels", "ui", "app_pages", "reports", "tests"}
#: pages and reports -> panels -> charts and metrics -> loaders -> domain; only pages and ui import streamlit
FORBIDDEN = {
    "domain": PROJECT - {"domain"} | {"streamlit", "duckdb", "pandas", "plotly"},
    "loaders": {"streamlit", "metrics", "charts", "panels", "ui", "app_pages", "reports", "tests"},
    "metrics": {"streamlit", "charts", "panels", "ui", "app_pages", "reports", "tests"},
    "charts": {"streamlit", "loaders", "metrics", "panels", "ui", "app_pages", "reports", "tests"},
    "panels": {"streamlit", "loaders", "ui", "app_pages", "reports", "tests"},
    "reports": {"streamlit", "ui", "app_pages", "tests"},
    "ui": {"app_pages", "reports", "tests"},
    "app_pages": {"tests", "duckdb", "loaders"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", FORBIDDEN)
def test_imports_go_one_way(layer):
    wrong = {str(p.relative_to(ROOT)): sorted(_imports(p) & FORBIDDEN[layer])
             for p in (ROOT / layer).rglob("*.py")}
    assert {k: v for k, v in wrong.items() if v} == {}


def _strings(path: Path) -> list[str]:
    return [n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


SQL = re.compile(r"\b(select|insert|update|delete)\b[^\n]*\b(from|into|set)\b", re.IGNORECASE)


@pytest.mark.parametrize("layer", ["app_pages", "panels", "metrics", "ui", "charts", "reports"])
def test_sql_lives_in_sql_files(layer):
    """Pages, panels, charts and metric functions hold no SQL: marts and queries are .sql files."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / layer).rglob("*.py")
                 if any(SQL.search(s) for s in _strings(p))]
    assert offenders == []


def _passport_words() -> set[str]:
    """Ids, territories and indicator codes of the bundled passports, and every measure id."""
    import yaml

    from domain.vocabulary import MEASURE_BY_CODE

    words = set(MEASURE_BY_CODE)
    for folder in (ROOT / "data" / "passports").iterdir():
        passport = yaml.safe_load((folder / "passport.yaml").read_text(encoding="utf-8"))
        words |= {passport["passport_id"], passport["territory"]}
    return words


CODE = re.compile(r"^\d+(\.\d+)+\.?$")


@pytest.mark.parametrize("layer", ["app_pages", "panels", "charts", "ui", "reports"])
def test_no_passport_is_known_by_heart(layer):
    """No page, panel or chart names a passport, a territory, an indicator code or a measure id: what they show is
    chosen by the data (topic and role), so a new passport is a new folder and nothing else."""
    words = _passport_words()
    found = {}
    for path in (ROOT / layer).rglob("*.py"):
        hits = [s for s in _strings(path) if s in words or CODE.match(s) or any(w in s for w in words if " " in w)]
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert found == {}


def _model_objects() -> set[str]:
    names = set()
    for path in [*(ROOT / "loaders/sql").glob("*.sql"), *(ROOT / "metrics/sql").glob("*.sql")]:
        names |= set(re.findall(r"create or replace (?:view|macro) (\w+)", path.read_text(encoding="utf-8")))
    return names


def _documented() -> set[str]:
    text = (ROOT / "docs/METRICS.md").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^\| `(\w+)` \| (.+?) \|", text, re.MULTILINE) if m.group(2).strip()}


def test_every_view_has_a_description_and_every_description_a_view():
    assert _model_objects() == _documented()


def test_only_the_facts_service_writes_the_store():
    """Every change of facts goes through loaders.facts_service: nothing else calls FactStore.apply."""
    writers = []
    for path in ROOT.rglob("*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "bench" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr == "apply" and isinstance(n.func.value, ast.Attribute | ast.Name)
                 and "store" in ast.unparse(n.func.value)]
        if calls:
            writers.append(str(path.relative_to(ROOT)))
    assert writers == ["loaders/facts_service.py"]
