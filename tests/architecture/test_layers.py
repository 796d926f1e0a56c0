"""One package per product, imports one way: every package says which others it may import (imports inside
functions count too), no module imports itself back through others, no module only hands on another's names,
no package holds more than a quarter of the code; docs cannot drift from the model."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: every package of the project with the project packages it may import (the entry points — the app's router, the
#: command lines `python -m …`, tools and benchmarks — stand above all of them)
ALLOWED = {
    "domain": set(),
    "spreadsheets": {"domain"},
    "store": {"domain"},
    "passports": {"domain"},
    "passport_documents": {"domain", "passports", "spreadsheets"},
    "charts": {"domain"},
    "model": {"domain", "store", "passports"},
    "accounts": {"domain", "store", "model"},
    "facts": {"domain", "spreadsheets", "store", "model", "accounts"},
    "metrics": {"domain", "model"},
    "panels": {"domain", "spreadsheets", "store", "facts", "metrics", "charts"},
    "reports": {"domain", "spreadsheets", "store", "model", "facts", "metrics", "charts", "panels"},
    "ui": {"domain", "spreadsheets", "store", "model", "accounts", "facts", "metrics", "charts", "panels", "reports",
           "passport_documents"},
    "app_pages": {"domain", "accounts", "metrics", "panels", "reports", "ui"},
    "loaders": {"domain", "store", "model", "accounts", "facts", "passport_documents"},
}
ENTRIES = {"app.py": {"ui"}, "serve.py": {"accounts", "store", "ui"}, "tools": set(ALLOWED) - {"ui", "app_pages"},
           "bench": set(ALLOWED) - {"app_pages"} | {"tests"}}  # the benchmarks time the tests' corpus of bad inputs
#: libraries only some packages may use: the web framework in the pages, the database below the pages
ONLY_IN = {"streamlit": {"ui", "app_pages", "app.py", "serve.py", "bench"},
           "duckdb": set(ALLOWED) - {"domain", "app_pages", "charts", "spreadsheets", "store"} | {"bench", "tools"},
           "plotly": {"charts", "panels", "reports", "ui", "bench"}}
PROJECT = set(ALLOWED) | {"tests"}


def _package(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else rel.name


def _files() -> list[Path]:
    found = [ROOT / "app.py", ROOT / "serve.py"]
    for package in [*ALLOWED, "tools", "bench"]:
        found += sorted((ROOT / package).rglob("*.py"))
    return found


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imported(path: Path) -> list[str]:
    """Every module a file imports, anywhere in it (inside functions too; `from a import b` names a.b when b is
    a module of the project), except under `if TYPE_CHECKING:`."""
    modules = {_module_name(p) for p in _files()}
    skip = {id(n) for node in ast.walk(_tree(path)) if isinstance(node, ast.If)
            and ast.unparse(node.test) == "TYPE_CHECKING" for n in ast.walk(node)}
    found = []
    for node in ast.walk(_tree(path)):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in modules else node.module
                      for a in node.names]
    return found


def _may_import(path: Path) -> set[str]:
    package = _package(path)
    if package in ENTRIES:
        return ENTRIES[package]
    if path.name == "__main__.py":  # a command line stands above the package it belongs to
        return set(ALLOWED) - {"ui", "app_pages"}
    return ALLOWED[package]


def test_every_package_is_placed():
    tops = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists() or p.suffix == ".py"}
    assert tops - {"tests"} <= set(ALLOWED) | set(ENTRIES), "a new package needs its line in ALLOWED"


@pytest.mark.parametrize("package", [*ALLOWED, *ENTRIES])
def test_imports_go_one_way(package):
    wrong = {}
    for path in _files():
        if _package(path) != package:
            continue
        own = _package(path)
        bad = {m.split(".")[0] for m in _imported(path)} & PROJECT - _may_import(path) - {own}
        bad |= {lib for lib, users in ONLY_IN.items()
                if lib in {m.split(".")[0] for m in _imported(path)} and own not in users}
        if bad:
            wrong[str(path.relative_to(ROOT))] = sorted(bad)
    assert wrong == {}


def test_no_import_cycle():
    """No module reaches itself through the modules it imports (imports inside functions count)."""
    modules = {_module_name(p): p for p in _files()}
    edges = {name: {m for m in _imported(path) if m in modules and m != name} for name, path in modules.items()}
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges[node]):
            if state.get(nxt) == "open":
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for name in sorted(modules):
        if name not in state:
            visit(name, [name])
    assert cycles == []


def test_no_module_only_hands_names_on():
    """A module that defines nothing and imports project names only passes them on (a shim): not allowed; nor is
    an `__all__` naming what a module did not define."""
    shims, foreign = [], {}
    for path in _files():
        body = _tree(path).body
        defined = {t.id for n in body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        defined |= {n.name for n in body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}
        defined |= {n.target.id for n in body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
        imports_project = any(m.split(".")[0] in PROJECT for m in _imported(path))
        runs = any(isinstance(n, ast.If) or isinstance(n, ast.Expr) and not isinstance(n.value, ast.Constant)
                   for n in body)
        if imports_project and not (defined - {"__all__"}) and not runs:
            shims.append(str(path.relative_to(ROOT)))
        for node in body:
            names = [t.id for t in node.targets if isinstance(t, ast.Name)] if isinstance(node, ast.Assign) else []
            if "__all__" in names:
                listed = {e.value for e in node.value.elts} if isinstance(node.value, ast.List | ast.Tuple) else set()
                if listed - defined:
                    foreign[str(path.relative_to(ROOT))] = sorted(listed - defined)
    assert shims == [] and foreign == {}


def test_no_package_holds_more_than_a_quarter_of_the_code():
    lines = {}
    for path in _files():
        lines[_package(path)] = lines.get(_package(path), 0) + len(path.read_text(encoding="utf-8").splitlines())
    total = sum(lines.values())
    assert {p: round(n / total, 2) for p, n in lines.items() if n > total / 4} == {}


def _strings(path: Path) -> list[str]:
    return [n.value for n in ast.walk(_tree(path)) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


SQL = re.compile(r"\b(select|insert|update|delete)\b[^\n]*\b(from|into|set)\b", re.IGNORECASE)


@pytest.mark.parametrize("layer", ["app_pages", "panels", "metrics", "ui", "charts", "reports", "facts", "accounts"])
def test_sql_lives_in_sql_files(layer):
    """Pages, panels, charts, metric functions and the products above the store hold no SQL: marts and queries
    are .sql files under model/sql, the store's own SQL is in store/."""
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
    for path in [*(ROOT / "model/sql/contract").glob("*.sql"), *(ROOT / "model/sql/marts").glob("*.sql")]:
        names |= set(re.findall(r"create or replace (?:view|macro) (\w+)", path.read_text(encoding="utf-8")))
    return names


def _documented() -> set[str]:
    text = (ROOT / "docs/METRICS.md").read_text(encoding="utf-8")
    return {m.group(1) for m in re.finditer(r"^\| `(\w+)` \| (.+?) \|", text, re.MULTILINE) if m.group(2).strip()}


def test_every_view_has_a_description_and_every_description_a_view():
    assert _model_objects() == _documented()


#: the store's writing methods and the one module allowed to call each group
WRITERS = {("apply", "restore"): {"facts/service.py"},
           ("add_account", "change_account"): {"accounts/accounts.py"},
           ("log_account_event", "record_attempt", "open_session", "redeem_ticket", "touch_session", "end_sessions"):
           {"accounts/sign_in.py"},
           ("record_mail",): {"reports/mail.py"}}


@pytest.mark.parametrize("methods", WRITERS)
def test_only_the_services_write_the_store(methods):
    """Facts and registers change only through facts.service, accounts only through accounts.accounts, sign-ins
    and sessions only through accounts.sign_in: nothing else calls the store's writing methods."""
    callers = set()
    for path in _files():
        calls = [n for n in ast.walk(_tree(path)) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
                 and n.func.attr in methods and "store" in ast.unparse(n.func.value)]
        if calls:
            callers.add(str(path.relative_to(ROOT)))
    assert callers == WRITERS[methods]


def test_every_script_imports():
    """The benchmarks and tools are scripts nothing else imports: loading each one (its main is not run) catches a
    name that moved away."""
    import subprocess
    import sys

    scripts = [str(p) for folder in ("bench", "tools") for p in sorted((ROOT / folder).glob("*.py"))]
    probe = ("import importlib.util, sys\n"
             "for path in sys.argv[1:]:\n"
             "    spec = importlib.util.spec_from_file_location('script_' + path.rsplit('/', 1)[1][:-3], path)\n"
             "    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)\n"
             "    spec.loader.exec_module(module)\n")
    run = subprocess.run([sys.executable, "-c", probe, *scripts], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
