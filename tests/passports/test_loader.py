"""The loader: Russian messages naming file and place, atomic and idempotent builds, name normalisation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from domain.problems import InputError
from model.build import build_database
from passports.persons import normalise_person, split_persons
from passports.reading import load_passports, parse_ru_date

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the real data folder (passports only)."""
    shutil.copytree(ROOT / "data" / "passports", tmp_path / "data" / "passports")
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _problems(data_dir: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_passports(data_dir)
    return [str(p) for p in exc.value.problems]


def test_text_in_a_plan_number_names_file_and_place(data_copy):
    _edit(data_copy / "passports/amur/indicators.yaml", "2021: 44", "2021: сорок четыре")
    [problem] = _problems(data_copy)
    assert "amur/indicators.yaml" in problem
    assert ".plan.2021" in problem and "indicators[" in problem
    assert "ожидается число, получено «сорок четыре»" in problem


def test_broken_yaml_syntax_gives_line_and_column(data_copy):
    path = data_copy / "passports/tomsk/participants.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - [не закрыто\n", encoding="utf-8")
    [problem] = _problems(data_copy)
    assert "tomsk/participants.yaml: строка" in problem and "ошибка синтаксиса YAML" in problem


def test_wrong_code_values_and_unknown_fields(data_copy):
    _edit(data_copy / "passports/tomsk/funding.yaml", "source: federal", "source: federl")
    _edit(data_copy / "passports/amur/results.yaml", "measure: it_cubes", "measure: it_cubez")
    _edit(data_copy / "passports/amur/activities.yaml", "control_level:", "control_levle:")
    problems = "\n".join(_problems(data_copy))
    assert "недопустимое значение «federl»" in problems
    assert "неизвестное поле" in problems and "control_levle" in problems
    # the measure check runs once the files themselves are valid
    _edit(data_copy / "passports/tomsk/funding.yaml", "source: federl", "source: federal")
    _edit(data_copy / "passports/amur/activities.yaml", "control_levle:", "control_level:")
    [problem] = _problems(data_copy)
    assert "неизвестная мера «it_cubez»" in problem and ".measure" in problem


def test_negative_workload_and_missing_file(data_copy):
    (data_copy / "passports/tomsk/methodology.yaml").unlink()
    assert any("tomsk/methodology.yaml: файл не найден" in p for p in _problems(data_copy))


def test_huge_file_is_refused(data_copy):
    path = data_copy / "passports/amur/methodology.yaml"
    path.write_text("methodology: []\n" + "# " + "x" * (6 * 1024 * 1024) + "\n", encoding="utf-8")
    assert any("файл слишком большой" in p for p in _problems(data_copy))


def test_python_objects_in_yaml_are_not_constructed(data_copy):
    path = data_copy / "passports/amur/methodology.yaml"
    path.write_text("methodology: !!python/object/apply:os.system ['echo pwned']\n", encoding="utf-8")
    assert any("amur/methodology.yaml" in p for p in _problems(data_copy))


def test_failed_build_leaves_previous_database(data_copy, tmp_path):
    db = tmp_path / "cos.duckdb"
    first = build_database(data_copy, db, facts=pd.DataFrame())
    assert first.counts["activity"] == {"amur": 173, "tomsk": 97}
    before = db.read_bytes()
    _edit(data_copy / "passports/amur/indicators.yaml", "2021: 44", "2021: много")
    with pytest.raises(InputError):
        build_database(data_copy, db, facts=pd.DataFrame())
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("cos.duckdb")) == ["cos.duckdb"]


def test_build_is_idempotent_and_fast(data_copy, tmp_path):
    db = tmp_path / "cos.duckdb"
    a = build_database(data_copy, db, facts=pd.DataFrame())
    b = build_database(data_copy, db, facts=pd.DataFrame())
    assert a.counts == b.counts
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from indicator_plan").fetchone()[0] == 85
    con.close()


def test_cli_reports_in_russian_and_keeps_db(data_copy, tmp_path):
    db = tmp_path / "cli.duckdb"
    env_cmd = [sys.executable, "-m", "loaders", "--data", str(data_copy), "--db", str(db)]
    ok = subprocess.run(env_cmd, capture_output=True, text=True, cwd=ROOT,
                        env={"COS_FACTS_DB": str(tmp_path / "f.sqlite"), "PATH": "/usr/bin:/bin"})
    assert ok.returncode == 0, ok.stderr
    assert "паспортов: 2 (региональных 1, муниципальных 1)" in ok.stdout and "мероприятий: 270" in ok.stdout
    assert "amur" not in ok.stdout  # a summary, not a list per passport
    before = db.read_bytes()
    _edit(data_copy / "passports/tomsk/participants.yaml", "workload_pct: 5", "workload_pct: пять")
    bad = subprocess.run(env_cmd, capture_output=True, text=True, cwd=ROOT,
                         env={"COS_FACTS_DB": str(tmp_path / "f.sqlite"), "PATH": "/usr/bin:/bin"})
    assert bad.returncode == 2
    assert "прежняя база не изменена" in bad.stderr
    assert "tomsk/participants.yaml: participants[" in bad.stderr and "workload_pct" in bad.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize("printed,expected", [
    ("А.В.Фролов", ["Фролов А.В."]),
    ("А.В. Фролов", ["Фролов А.В."]),
    ("Фролов А.В.", ["Фролов А.В."]),
    ("Фролов А. В.", ["Фролов А.В."]),
    ("Продашанов Д.А. Савватеев Н.В.", ["Продашанов Д.А.", "Савватеев Н.В."]),
    ("В.А. Константинов, С.Ю. Милюков", ["Константинов В.А.", "Милюков С.Ю."]),
    ("А.В. Норкина,", ["Норкина А.В."]),
    ("Бурдуковская", ["Бурдуковская"]),
    ("", []),
])
def test_person_normalisation(printed, expected):
    assert split_persons(printed) == expected


def test_normalise_person_one_name():
    assert normalise_person("А.Ф.Ромас") == normalise_person("Ромас А.Ф.") == "Ромас А.Ф."


def test_parse_ru_date():
    from datetime import date

    assert parse_ru_date("31.12.2024") == date(2024, 12, 31)
    assert parse_ru_date("31.06.2019") is None
    assert parse_ru_date("01.10.2019 *При условии") == date(2019, 10, 1)


# ---- topics, roles and series: what the data says it is about ------------------------------------------------
def test_unknown_topic_and_role_are_named_in_russian(data_copy):
    _edit(data_copy / "passports/tomsk/indicators.yaml", "topic: internet", "topic: интернет")
    _edit(data_copy / "passports/amur/results.yaml", "role: centres", "role: centers")
    problems = "\n".join(_problems(data_copy))
    assert "tomsk/indicators.yaml: indicators[1].topic: неизвестная тема «интернет»; допустимы: internet" in problems
    assert "amur/results.yaml: results[" in problems and "у темы «it_cube» нет роли «centers»" in problems


def test_a_target_must_say_how_its_series_adds_up(data_copy):
    _edit(data_copy / "passports/amur/results.yaml", "    accumulates: level\n", "", 1)
    problems = "\n".join(_problems(data_copy))
    assert "results[0].targets[0]: обязательное поле отсутствует" in problems.replace(".accumulates", "")


def test_one_series_one_description(data_copy):
    path = data_copy / "passports/amur/results.yaml"
    text = path.read_text(encoding="utf-8")
    # the second it_cubes target claims to be a yearly flow
    first = text.index("series: it_cubes")
    second = text.index("series: it_cubes", first + 1)
    at = text.index("accumulates: level", second)
    path.write_text(text[:at] + "accumulates: flow" + text[at + len("accumulates: level"):], encoding="utf-8")
    problems = "\n".join(_problems(data_copy))
    assert "ряд «it_cubes» уже описан иначе" in problems
    assert "напечатана нарастающим итогом (cumulative: true), а ряд указан как flow" in problems
