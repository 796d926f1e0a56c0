"""Layers depend one way (pages → ui → metrics/charts → loaders); docs cannot drift from the model."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = {"domain", "loaders", "metrics", "charts", "panels", "ui", "pages", "app_pages", "reports", "tests"}
FORBIDDEN = {
    "domain": PROJECT - {"domain"} | {"streamlit", "duckdb", "pandas", "plotly"},
    "loaders": {"streamlit", "metrics", "charts", "ui", "pages", "tests"},
    "metrics": {"streamlit", "ui", "pages", "tests", "charts"},
    "charts": {"streamlit", "ui", "pages", "tests", "loaders"},
    "ui": {"pages", "tests"},
    "pages": {"tests"},
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


def test_pages_hold_no_sql():
    sql = re.compile(r"\b(select|insert|update|delete)\b[^\n]*\b(from|into|set)\b", re.IGNORECASE)
    offenders = [p.name for p in (ROOT / "pages").glob("*.py")
                 if any(sql.search(s.value) for s in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                        if isinstance(s, ast.Constant) and isinstance(s.value, str))]
    assert offenders == []


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
