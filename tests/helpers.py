"""Real models for tests: built from passport folders into a DuckDB file once, opened the production way."""

from __future__ import annotations

import tempfile
from datetime import date
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from model.build import build_database
from model.opening import open_model
from store.facts_store import FactStore

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = ROOT / "tests" / "fixtures"
_BUILT = Path(tempfile.mkdtemp(prefix="cos-built-"))
FACT_DEFAULTS = {"section": "", "measure": "", "is_example": False}


@cache
def built(data_dir: Path = DATA) -> Path:
    """The model file of a data folder, built once per test session (without facts)."""
    path = _BUILT / f"{abs(hash(str(Path(data_dir).resolve())))}.duckdb"
    build_database(Path(data_dir), path, facts=pd.DataFrame())
    return path


def facts_frame(facts: pd.DataFrame | list[dict] | None) -> pd.DataFrame:
    """Facts as stg_fact rows: missing key parts take their defaults, the reporting date the year's end."""
    frame = pd.DataFrame(facts) if isinstance(facts, list) else (facts if facts is not None else pd.DataFrame())
    if len(frame):
        frame = frame.copy()
        for col, default in FACT_DEFAULTS.items():
            if col not in frame.columns:
                frame[col] = default
        year_end = [pd.Timestamp(int(y) if y else 2000, 12, 31).date() for y in frame["year"]]
        if "reporting_date" not in frame.columns:
            frame["reporting_date"] = year_end
        frame["reporting_date"] = [d if isinstance(d, date) else e for d, e in
                                   zip(frame["reporting_date"], year_end, strict=True)]
        if "first_entered_at" not in frame.columns:  # entered on the day it reports on
            frame["first_entered_at"] = pd.to_datetime(frame["reporting_date"])
    return frame


def model(facts: pd.DataFrame | list[dict] | FactStore | None = None,
          data_dir: Path = DATA) -> duckdb.DuckDBPyConnection:
    """The model of a data folder opened as the app opens it, with the given facts (a store or rows)."""
    source = facts if isinstance(facts, FactStore) else facts_frame(facts)
    return open_model(built(data_dir), source, data_dir=data_dir)


def fact_key(pid: str, kind: str, code: str, year: int, measure: str = "", section: str = "",
             reported=None, example: bool = False):
    """A fact key for tests; the reporting date defaults to the end of its year."""
    from datetime import date

    from domain.keys import FactKey

    return FactKey(pid, kind, section, code, measure, year, reported or date(year or 2000, 12, 31), example)


# ---- pages in Streamlit's AppTest, run through the router exactly as the app runs them ------------------------
def run_page(page: str, passports: tuple[str, ...] = ("amur",), **state: object):
    """Run app_pages/<page>.py through app.py with the passports (and any widget state) chosen."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["passports"] = list(passports)
    for key, value in state.items():
        at.session_state[key] = value
    if page == "overview":
        # the overview is the default page (at the app's root); before a first run AppTest finds pages by file
        # name, and «overview» is the old address kept for links of earlier versions
        at.run()
    else:
        at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rerun(at):
    """Run the page again (after a widget was set) and check it ran clean."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def page_text(at) -> str:
    """Everything written on the page: headers, text, notes, metrics and every table cell."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error", "text")
    parts = [e.value for kind in kinds for e in getattr(at, kind)]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [t.to_csv(index=False) for t in page_tables(at)]
    return "\n".join(str(p) for p in parts)


def page_tables(at) -> list[pd.DataFrame]:
    return [df.value if isinstance(df.value, pd.DataFrame) else df.value.data for df in at.dataframe]


def metric(at, label: str) -> str:
    """The value of the first metric with the label."""
    values = [m.value for m in at.metric if m.label == label]
    assert values, f"нет метрики «{label}»: {[m.label for m in at.metric]}"
    return values[0]
