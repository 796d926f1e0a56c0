"""The corpus of bad inputs (tests/bad_inputs/) through the command line, as a careless or hostile user runs it:
the exit code, never a traceback or English, a Russian message naming the place, and the facts store and the
DuckDB file byte-identical after a rejection. The bomb cases also run under a memory and time bound.

All cases run once, in parallel, in a session fixture; each parametrised test checks its own result.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from domain.keys import FactKey
from facts.service import FactsService
from store.facts_store import FactStore
from store.records import FactChange, FactValue
from tests.bad_inputs.cases import CASES, Case
from tests.helpers import built

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "bad_inputs"
#: a command that runs longer than this has failed its case (the bound of the issue is 30 s per file)
TIMEOUT_S = int(os.environ.get("COS_CORPUS_TIMEOUT", "60"))
#: ASCII words a Russian message may hold: formats, commands, codes of the passports
ALLOWED_WORDS = {"python", "loaders", "import", "facts", "template", "undo", "help", "XLSX", "XLS", "CSV", "YAML",
                 "UTF", "Excel", "Windows", "OpenDocument", "ODS", "BOM", "NaN", "amur", "tomsk", "COS_DEBUG",
                 "DEBUG", "DIV", "xlsx", "yaml", "csv", "txt", "xls", "build", "copy", "users", "passport",
                 "COS_FACTS_DB", "COS_DB"}


@dataclass
class Outcome:
    """What one case did: the command's exit code and output, and whether the files stayed byte-identical."""

    code: int
    output: str
    store_same: bool
    db_same: bool
    shown_names: tuple[str, ...]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory) -> Path:
    """A facts store holding one fact, to prove that a rejection leaves it byte-identical."""
    from facts.targets import fact_targets
    from tests.helpers import model

    path = tmp_path_factory.mktemp("seed") / "facts.sqlite"
    service = FactsService(FactStore(path), fact_targets(model()))
    service.set([FactChange(FactKey("amur", "indicator", "", "1.1", "", 2019, date(2019, 12, 31)),
                            FactValue(fact_value=3.5, source="отчёт"))], author="Тестов Т.Т.")
    return path


def _content(case: Case) -> bytes | None:
    if case.make is not None:
        return case.make()
    source = CORPUS / case.klass / case.name
    return source.read_bytes() if source.exists() else None


def _run(case: Case, content: bytes | None, root: Path, seeded: Path) -> Outcome:
    root.mkdir(parents=True)
    store, db = root / "facts.sqlite", root / "cos.duckdb"
    shutil.copy(seeded, store)
    shutil.copy(built(), db)
    env = {**os.environ, "COS_FACTS_DB": str(store), "COS_DB": str(db), "COS_AUTHOR": "Тестов Т.Т."}
    env.pop("COS_DEBUG", None)
    if case.command == "build":
        data = root / "data"
        shutil.copytree(ROOT / "data" / "passports", data / "passports")
        target = data / "passports" / case.target
        if case.edit is not None:
            target.write_text(case.edit(target.read_text(encoding="utf-8")), encoding="utf-8")
        elif content is None:  # the passport file is a folder
            target.unlink()
            target.mkdir()
        else:
            target.write_bytes(content)
        argv = ["--data", str(data), "--db", str(db)]
        names = (case.target,)
    elif case.command == "template":
        argv = ["facts-template", "--passport", "amur", "--out", str(root / "нет такой папки" / case.name)]
        names = ("нет такой папки",)
    else:
        path = root / case.name
        if case.path == "folder":
            path.mkdir()
        elif case.path == "file":
            path.write_bytes(content or b"")
        argv = ["import-facts", str(path), *case.args]
        names = (case.name,)
    before = (_digest(store), _digest(db))
    try:
        run = subprocess.run([sys.executable, "-m", "loaders", *argv], capture_output=True, text=True, cwd=ROOT,
                             env=env, timeout=TIMEOUT_S)
        code, output = run.returncode, run.stdout + run.stderr
    except subprocess.TimeoutExpired:
        code, output = -1, f"не закончилась за {TIMEOUT_S} с"
    output = output.replace(str(root), "").replace("\xa0", " ")
    return Outcome(code, output, _digest(store) == before[0], _digest(db) == before[1], names)


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory, seeded_store) -> dict[str, Outcome]:
    """Every case run once through the command line, four at a time."""
    root = tmp_path_factory.mktemp("corpus")
    jobs = [(case, _content(case), root / f"{i:03d}") for i, case in enumerate(CASES)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = pool.map(lambda job: _run(*job, seeded_store), jobs)
        return {case.id: result for (case, _, _), result in zip(jobs, results, strict=True)}


def english_words(text: str) -> list[str]:
    """Latin words of four letters or more outside paths and «quotes» that are not formats, commands or codes."""
    text = re.sub(r"«[^»]*»|\S*/\S*|\S+\.(?:csv|xlsx|xls|yaml|txt)\b", " ", text)  # quoted: the user's own
    return [w for w in re.findall(r"[A-Za-z_]{4,}", text) if w not in ALLOWED_WORDS]


def test_the_corpus_covers_every_class_and_file():
    classes = {c.klass for c in CASES}
    assert classes == {"server_killers", "english", "silent_choices", "impossible_values", "nothing_to_save"}
    committed = {f"{p.parent.name}/{p.name}" for p in CORPUS.glob("*/*") if p.is_file()}
    assert committed <= {c.id for c in CASES}, "a committed file without a case"
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, outcomes):
    got = outcomes[case.id]
    assert got.code == case.exit, got.output
    assert "Traceback" not in got.output and "Error" not in got.output, got.output
    assert english_words(got.output) == [], got.output
    for phrase in case.expect:
        assert phrase in got.output, got.output
    if case.exit != 0:
        assert any(name in got.output for name in got.shown_names), got.output  # the file is named
    assert got.store_same, "the facts store changed"
    assert got.db_same, "the DuckDB file changed"


def test_plural_forms_of_the_error_count(tmp_path, outcomes):
    assert "Файл отклонён, ничего не сохранено: 1 ошибка." in outcomes["english/unclosed_quote.csv"].output
    env = {**os.environ, "COS_FACTS_DB": str(tmp_path / "f.sqlite"), "COS_DB": str(built())}
    header = "Паспорт;Вид;Код;Мера;Год;Факт;Источник"
    for n, words in ((2, "2 ошибки"), (5, "5 ошибок"), (21, "21 ошибка")):
        f = tmp_path / f"{n}.csv"
        f.write_text("\n".join([header, *[f"amur;показатель;1.1;;{2019 + i % 6};пять;s{i}" for i in range(n)]]),
                     encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "loaders", "import-facts", str(f)], capture_output=True,
                             text=True, cwd=ROOT, env=env)
        assert run.returncode == 1 and f"ничего не сохранено: {words}." in run.stderr


# ---- peak memory and time of the worst cases, each in a fresh interpreter ------------------------------------
_PROBE = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from domain.problems import InputError
from spreadsheets.reading import read_file
from facts.layout import FACTS_LAYOUT
from passports.yaml_reader import read_yaml
from pathlib import Path
path = Path(sys.argv[2])
started = time.perf_counter()
try:
    read_yaml(path) if path.suffix == ".yaml" else read_file(path.read_bytes(), path.name, FACTS_LAYOUT)
    verdict = "read"
except InputError as exc:
    verdict = str(exc.problems[0])
# VmHWM: this interpreter's own peak (ru_maxrss would also count the parent's memory at fork)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"seconds": time.perf_counter() - started, "verdict": verdict, "peak_mb": peak / 1024}))
"""
BOMBS = ["server_killers/billion_laughs.yaml", "server_killers/deep_flow.yaml", "server_killers/zip_bomb.xlsx",
         "server_killers/xfd_in_every_row.xlsx", "server_killers/row_1048576.xlsx",
         "server_killers/claims_whole_grid.xlsx", "server_killers/entity_bomb.xlsx",
         "server_killers/million_columns.csv", "server_killers/blank_rows.csv"]


def measure(path: Path) -> dict:
    """Peak memory (MB) and time (s) of reading one file in a fresh interpreter."""
    run = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT), str(path)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_bombs_stay_within_2_gb_and_30_s(tmp_path):
    by_id = {c.id: c for c in CASES}
    for case_id in BOMBS:
        case = by_id[case_id]
        path = tmp_path / case.name
        path.write_bytes(_content(case))
        got = measure(path)
        assert got["peak_mb"] < 2048 and got["seconds"] < 30, (case_id, got)


@pytest.mark.parametrize("argv,code,phrase", [
    (["import-facts"], 2, "не хватает аргументов: ФАЙЛ"),
    (["импорт"], 2, "неизвестное значение"),
    (["import-facts", "{ok}", "--facts", "{folder}"], 2, "Хранилище фактов не открывается"),
    (["--db", "{folder}"], 2, "Сборка базы отменена, прежняя база не изменена"),
])
def test_command_line_mistakes_in_russian(tmp_path, argv, code, phrase):
    ok = tmp_path / "ok.csv"
    ok.write_text("Паспорт;Вид;Код;Мера;Год;Факт;Источник\namur;показатель;1.1;;2019;3;s\n", encoding="utf-8")
    (tmp_path / "папка").mkdir()
    argv = [a.format(ok=ok, folder=tmp_path / "папка") for a in argv]
    env = {**os.environ, "COS_FACTS_DB": str(tmp_path / "f.sqlite"), "COS_DB": str(built())}
    run = subprocess.run([sys.executable, "-m", "loaders", *argv], capture_output=True, text=True, cwd=ROOT, env=env)
    output = (run.stdout + run.stderr).replace(str(tmp_path), "")
    assert run.returncode == code and phrase in output and "Traceback" not in output, output
    assert english_words(output) == [], output
