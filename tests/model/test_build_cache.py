"""The build at scale: the passport cache (a changed passport is read again, an unchanged one is not; a damaged
entry or file is read again; a cached build equals an uncached one table by table, row by row), the process pool
(problems of every passport, in Russian) and the summary the build prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from bench.synthetic import generate
from domain.problems import InputError
from model.build import BuildReport, build_database, summary_lines
from passports import cache as passport_cache
from passports.staging import STAGING


@pytest.fixture(scope="module")
def six(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("six")
    generate(root, 6, regional=2)
    return root


@pytest.fixture
def data(six, tmp_path) -> Path:
    shutil.copytree(six, tmp_path / "data")
    return tmp_path / "data"


def _build(data: Path, db: Path, **kw) -> BuildReport:
    return build_database(data, db, facts=pd.DataFrame(), **kw)


def _tables(db: Path) -> dict[str, list[tuple]]:
    """Every staging table's rows in the file's order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select * from {t}").fetchall() for t in STAGING}  # noqa: S608 - from code
    finally:
        con.close()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _municipal(data: Path) -> Path:
    return next(p for p in sorted((data / "passports").iterdir()) if p.name.startswith("m"))


def test_a_changed_passport_is_read_again_and_an_unchanged_one_is_not(data, tmp_path):
    db = tmp_path / "cos.duckdb"
    assert (_build(data, db).parsed, _build(data, db).from_cache) == (6, 6)
    folder = _municipal(data)
    _edit(folder / "passport.yaml", "title: ", "title: Изменённый ")
    report = _build(data, db)
    assert (report.parsed, report.from_cache) == (1, 5)
    con = duckdb.connect(str(db), read_only=True)
    title = con.execute("select title from stg_passport where passport_id = ?", [folder.name]).fetchone()[0]
    con.close()
    assert title.startswith("Изменённый ")
    assert passport_cache.cache_path(db).is_file()


def test_cached_build_is_the_uncached_build(data, tmp_path):
    _build(data, tmp_path / "warm.duckdb")
    _edit(_municipal(data) / "funding.yaml", "amounts: {", "amounts: {2018: 1, ")  # one passport read again
    cached = _build(data, tmp_path / "warm.duckdb")
    assert (cached.parsed, cached.from_cache) == (1, 5)
    _build(data, tmp_path / "cold.duckdb", cache=False)
    warm, cold = _tables(tmp_path / "warm.duckdb"), _tables(tmp_path / "cold.duckdb")
    assert all(cold[t] for t in ("stg_passport", "stg_indicator_plan", "stg_funding_amount", "stg_activity"))
    for table in STAGING:
        assert warm[table] == cold[table], table


def test_the_pool_gives_the_same_rows_as_one_process(data, tmp_path):
    _build(data, tmp_path / "one.duckdb", cache=False, workers=1)
    _build(data, tmp_path / "pool.duckdb", cache=False, workers=2, min_parallel=0)
    assert _tables(tmp_path / "one.duckdb") == _tables(tmp_path / "pool.duckdb")


def test_an_incomplete_cache_entry_is_read_again(data, tmp_path):
    db = tmp_path / "cos.duckdb"
    _build(data, db)
    before = _tables(db)
    con = duckdb.connect(str(passport_cache.cache_path(db)))
    con.execute("delete from stg_activity where cache_row in (select min(cache_row) from stg_activity)")
    con.close()
    report = _build(data, db)
    assert (report.parsed, report.from_cache) == (1, 5)
    assert _tables(db) == before


def test_a_damaged_cache_file_is_replaced(data, tmp_path):
    db = tmp_path / "cos.duckdb"
    _build(data, db)
    before = _tables(db)
    cache = passport_cache.cache_path(db)
    raw = bytearray(cache.read_bytes())
    raw[:64] = b"\0" * 64
    raw[len(raw) // 2:len(raw) // 2 + 4096] = b"x" * 4096
    cache.write_bytes(bytes(raw))
    report = _build(data, db)
    assert (report.parsed, report.from_cache) == (6, 0)
    assert _tables(db) == before
    assert _build(data, db).from_cache == 6


def test_problems_of_two_passports_in_the_pool_are_both_reported(data, tmp_path):
    folders = sorted((data / "passports").iterdir())
    _edit(folders[0] / "indicators.yaml", "2021: ", "2021: сорок ")
    (folders[-1] / "participants.yaml").write_text("participants: [не закрыто\n", encoding="utf-8")
    db = tmp_path / "cos.duckdb"
    with pytest.raises(InputError) as exc:
        _build(data, db, workers=2, min_parallel=0)
    problems = [str(p) for p in exc.value.problems]
    assert any(f"{folders[0].name}/indicators.yaml" in p and "ожидается число, получено «сорок" in p
               for p in problems), problems
    assert any(f"{folders[-1].name}/participants.yaml: строка" in p and "ошибка синтаксиса YAML" in p
               for p in problems), problems
    assert not db.exists()
    # one fixed, the other without its file: only that is said
    _edit(folders[0] / "indicators.yaml", "2021: сорок ", "2021: ")
    (folders[-1] / "participants.yaml").unlink()
    with pytest.raises(InputError) as exc:
        _build(data, db)
    assert [p.message for p in exc.value.problems] == ["файл не найден"]


def test_summary_counts_passports_and_cache_without_lists():
    report = BuildReport(db_path=Path("data/cos.duckdb"), seconds=1.234, counts={}, from_cache=1998, parsed=2,
                         totals={"passports": 2000, "regional": 85, "municipal": 1915, "indicators": 16340,
                                 "result_targets": 96635, "funding_rows": 82765, "participants": 80765,
                                 "activities": 200460})
    lines = summary_lines(report)
    assert lines[0] == ("База собрана: data/cos.duckdb за 1,23 с — паспортов: 2\u00a0000 (региональных 85, "
                        "муниципальных 1\u00a0915); из кэша: 1\u00a0998, прочитано заново: 2.")
    assert lines[1] == ("  Показателей: 16\u00a0340, целей результатов: 96\u00a0635, строк финансирования: "
                        "82\u00a0765, участников: 80\u00a0765, мероприятий: 200\u00a0460.")
    assert len(lines) == 2
