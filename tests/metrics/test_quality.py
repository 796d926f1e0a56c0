"""Data-quality report: one hand-made passport per check, the clean passport without findings, the real passports."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from domain.vocabulary import QUALITY_CHECKS
from metrics.__main__ import main
from metrics.quality import has_errors, quality_findings, severity_counts
from reports.quality import format_report
from tests.helpers import model

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
QUALITY = FIXTURES / "quality"
CLEAN = FIXTURES / "clean"

Key = tuple[str, str, str, int | None]


def keys(findings: pd.DataFrame, passport_id: str) -> set[Key]:
    """(check_id, severity, code, year) of every finding of one passport."""
    rows = findings[findings["passport_id"] == passport_id]
    return {(r.check_id, r.severity, r.code, None if pd.isna(r.year) else int(r.year)) for r in rows.itertuples()}


def finding(findings: pd.DataFrame, passport_id: str, check_id: str, code: str, year: int | None = None) -> pd.Series:
    """The one finding with this key (fails when there is none or more than one)."""
    rows = findings[(findings["passport_id"] == passport_id) & (findings["check_id"] == check_id)
                    & (findings["code"] == code)]
    if year is not None:
        rows = rows[rows["year"] == year]
    assert len(rows) == 1, rows.to_string()
    return rows.iloc[0]


@pytest.fixture(scope="module")
def fixture_con() -> duckdb.DuckDBPyConnection:
    return model(data_dir=QUALITY)


@pytest.fixture(scope="module")
def fixtures(fixture_con) -> pd.DataFrame:
    return quality_findings(fixture_con)


@pytest.fixture(scope="module")
def real(con) -> pd.DataFrame:
    return quality_findings(con)


# --- hand-made passports: each finds exactly the contradictions written into it (see the YAML comments)

EXPECTED: dict[str, set[Key]] = {
    "q_funding": {
        ("funding_line_sum", "error", "1", 2019),
        ("funding_total_lines", "error", "Всего", 2019),
        ("funding_line_sum", "info", "1", 2020),
        ("funding_total_sources", "info", "Всего", 2020),
        ("funding_detail_exceeds", "error", "1.2", 2019),
        ("funding_source_sum", "error", "Всего", 2019),
        ("funding_year_sum", "error", "1.2", None),
        ("funding_line_sum", "warning", "2", 2021),
    },
    "q_dates": {
        ("activity_end_before_start", "error", "1.1.1", 2019),
        ("activity_date_invalid", "error", "1.1.2", None),
        ("activity_date_invalid", "warning", "2.1.1", None),
        ("activity_outside_period", "warning", "2.1.1", 2022),
        ("activity_after_parent", "warning", "2.1.1", 2022),
    },
    "q_codes": {
        ("duplicate_code", "error", "1.1.2", None),
        ("duplicate_code", "error", "2", None),
        ("duplicate_code", "error", "1.2", None),
        ("activity_numbering", "warning", "2.1.2", None),
        ("activity_numbering", "warning", "4.1.1", None),   # rows of 3 numbered 4, and no result 4: one finding
        ("activity_numbering", "warning", "5.1.2", None),
        ("activity_numbering", "warning", "5.1.1", None),
        ("activity_no_control_point", "warning", "5", 2021),
    },
    "q_cumulative": {
        ("target_cumulative_falls", "warning", "1.3", 2021),
        ("target_conflict", "warning", "1.3", 2021),
        ("indicator_year_missing", "warning", "2", 2020),
        ("indicator_year_missing", "info", "1", 2019),
    },
    "q_percent": {
        ("pct_count_mismatch", "warning", "1.2", 2020),
        ("pct_count_mismatch", "info", "1.5", 2021),
        ("pct_count_mismatch", "warning", "1", 2020),
    },
    "q_workload": {("workload_over_100", "warning", "Сидоров С.С.", None)},
    "q_plan": {
        ("target_vs_indicator", "warning", "1.2", 2020),
        ("plan_vs_target", "warning", "1", 2020),
        ("plan_vs_target", "warning", "3.1.2", 2021),
        ("block_without_result", "warning", "3", None),
    },
    "q_gap": {("funding_line_sum", "error", "1", None)},
    "q_characteristic": {
        ("result_text_vs_characteristic", "warning", "1.2", 2020),
        ("result_text_vs_characteristic", "warning", "1.3", 2021),
    },
    "q_numbering": {
        ("indicator_before_base", "warning", "1", 2019),
        ("indicator_parent_missing", "warning", "4.1", None),
        ("numbering_gap", "warning", "5", None),
        ("numbering_gap", "warning", "1.4", None),
        ("numbering_gap", "warning", "3", None),
    },
    "q_people": {
        ("participant_repeated", "warning", "Сидоров С.С.", None),
        ("participant_supervisors", "warning", "Кузнецова К.К.", None),
    },
    "q_level": {
        ("other_level", "warning", "1.2", None),
        ("other_level", "warning", "2.1.1", None),
        ("other_level", "warning", "Всего", None),
        ("other_level", "warning", "Реализация на территории Примерской обла…", None),
    },
    "q_delivery": {
        ("plan_block_deadline", "warning", "2", 2021),
        ("plan_block_deadline", "warning", "3", 2021),
        ("block_without_result", "warning", "4", None),
        ("block_without_result", "warning", "5", None),
        ("plan_delivers_unknown", "error", "6", None),
        ("plan_delivers_unknown", "error", "7", None),
        ("result_without_block", "warning", "1.5", 2021),
    },
}


def test_every_fixture_is_checked():
    assert set(EXPECTED) == {p.name for p in (QUALITY / "passports").iterdir()}


@pytest.mark.parametrize("passport_id", EXPECTED)
def test_fixture_finds_exactly_its_contradictions(fixtures, passport_id):
    assert keys(fixtures, passport_id) == EXPECTED[passport_id]


# (passport, check, code, year, words the message must hold: the values involved, decimal comma)
MESSAGES = [
    ("q_funding", "funding_line_sum", "1", 2019, ["Строка 1, 2019", "напечатано 12,00", "10,00 = 9,00 + 1,00",
                                                  "разница 2,00"]),
    ("q_funding", "funding_line_sum", "1", 2020, ["напечатано 5,51", "сумма источников 5,50", "округление"]),
    ("q_funding", "funding_line_sum", "2", 2021, ["напечатано 3,00", "ячейки пусты"]),
    ("q_funding", "funding_total_lines", "Всего", 2019, ["Всего по проекту, 2019", "10,00", "сумма строк 12,00"]),
    ("q_funding", "funding_detail_exceeds", "1.2", 2019, ["напечатано 1,00", "«в т.ч.» 1,20"]),
    ("q_funding", "funding_year_sum", "1.2", None, ["«Всего»", "напечатано 1,60", "1,50 = 1,00 + 0,50"]),
    ("q_dates", "activity_end_before_start", "1.1.1", 2019, ["окончание 15.01.2019 раньше начала 01.02.2019"]),
    ("q_dates", "activity_outside_period", "2.1.1", 2022, ["31.01.2022", "окончания проекта 31.12.2021"]),
    ("q_dates", "activity_after_parent", "2.1.1", 2022, ["31.01.2022", "контрольной точки 2.1 (31.12.2021)"]),
    ("q_codes", "duplicate_code", "1.1.2", None, ["напечатан 2 раза", "строки 52, 53"]),
    ("q_codes", "activity_numbering", "2.1.2", None, ["начинаются с 2.1.2", "нет 2.1.1"]),
    ("q_codes", "activity_numbering", "4.1.1", None, ["Под результатом 3", "4.1.1, 4.1", "строки 59–60",
                                                      "а результата 4 в плане нет: после 3 идёт 5 (строка 61)"]),
    ("q_codes", "activity_numbering", "5.1.1", None, ["5.1.1 стоит после 5.1.2"]),
    ("q_cumulative", "target_cumulative_falls", "1.3", 2021, ["it_cube_children", "2021 — 400", "2020 — 600"]),
    ("q_cumulative", "target_conflict", "1.3", 2021, ["it_cubes", "1 (результат 1.3", "2 (результат 1.4"]),
    ("q_cumulative", "indicator_year_missing", "1", 2019, ["«-»"]),
    ("q_percent", "pct_count_mismatch", "1.2", 2020, ["50 % и 16 ОО", "16 из 30 — 53,33 %", "строка 24"]),
    ("q_percent", "pct_count_mismatch", "1.5", 2021, ["33,33 %", "округление"]),
    ("q_percent", "pct_count_mismatch", "1", 2020, ["План мероприятий", "14 из 30 — 46,67 %"]),
    ("q_workload", "workload_over_100", "Сидоров С.С.", None, ["110 %", "70 (№ 2, строка 41) + 40 (№ 3, строка 42)"]),
    ("q_plan", "target_vs_indicator", "1.2", 2020, ["50 %", "показатель 1 на 2020 год — 60 %"]),
    ("q_plan", "plan_vs_target", "1", 2020, ["результат 1 и контрольная точка 1.1 (2020): 40 %",
                                             "результат 1.2 — 50 %", "показатель 1 — 60 %"]),
    ("q_plan", "plan_vs_target", "3.1.2", 2021, ["мероприятие 3.1.2 (2021): 30 %, а показатель 3 — 25 %",
                                                 "федеральной платформе"]),
    ("q_gap", "funding_line_sum", "1", None, ["не включает внебюджетные источники (2019 — 2,00, 2020 — 1,50)",
                                              "2019: напечатано 10,00, сумма источников 12,00 = 9,00 + 1,00 + 2,00",
                                              "«Всего по проекту» (строка 35)",
                                              "2020: напечатано 7,00, сумма строк 5,50"]),
    ("q_characteristic", "result_text_vs_characteristic", "1.2", 2020, [
        "Федеральный результат 1 (при результате 1.2)", "федеральный результат — 60",
        "характеристика федерального результата — 65"]),
    ("q_characteristic", "result_text_vs_characteristic", "1.3", 2021, ["текст — 1 («1 центр»)",
                                                                        "характеристика — 2 («2 центров»)"]),
    ("q_numbering", "indicator_before_base", "1", 2019, ["на 2019 год запланировано 10",
                                                         "базовое значение на 01.01.2020 — 0"]),
    ("q_numbering", "indicator_parent_missing", "4.1", None, ["Показатели 4.1.1, 4.1.2 (строки 15–16)",
                                                              "строке 4.1, а её в таблице нет (нет и строки 4)",
                                                              "нет и показателя 3"]),
    ("q_numbering", "numbering_gap", "5", None, ["после 4 идёт 6 — нет показателя 5"]),
    ("q_numbering", "numbering_gap", "1.4", None, ["Результаты: после 1.3 идёт 1.5 — нет результата 1.4"]),
    ("q_numbering", "numbering_gap", "3", None, ["Участники: после 2 идёт 4 — нет участника 3"]),
    ("q_people", "participant_repeated", "Сидоров С.С.", None, ["2 строки в одном блоке «Интернет»",
                                                                "№ 2, строка 42, 30 %; № 3, строка 43, 20 %"]),
    ("q_people", "participant_supervisors", "Кузнецова К.К.", None, ["Иванов И.И. (№ 6, строка 48)",
                                                                     "Петрова П.П. (№ 5, строка 46)"]),
    ("q_level", "other_level", "1.2", None, ["«на территории Примерской области»", "«муниципальный» (Город Пример)",
                                             "субъект Российской Федерации"]),
    ("q_level", "other_level", "Всего", None, ["«по региональному проекту»", "региональный проект"]),
    ("q_delivery", "plan_block_deadline", "2", 2021, ["кончается 31.12.2021", "результат 1.3", "31.12.2022",
                                                      "раньше срока на 365 дн.", "контрольная точка 2.1 — 30.06.2022"]),
    ("q_delivery", "plan_block_deadline", "3", 2021, ["результат 1.4", "позже срока на 365 дн."]),
    ("q_delivery", "block_without_result", "5", None, ["нет delivers"]),
    ("q_delivery", "plan_delivers_unknown", "6", None, ["результат 1.9 (строка 29), которого нет в разделе 3"]),
    ("q_delivery", "plan_delivers_unknown", "7", None, ["результат 1.1 (строка 99), а он напечатан на строке 21"]),
    ("q_delivery", "result_without_block", "1.5", 2021, ["Результат 1.5 (срок 31.12.2021", "не даёт ни один блок"]),
]


# (passport, check, code, year, all the lines of the finding)
LINES = [
    ("q_gap", "funding_line_sum", "1", None, [30, 34, 35]),
    ("q_characteristic", "result_text_vs_characteristic", "1.2", 2020, [19, 22]),
    ("q_numbering", "indicator_parent_missing", "4.1", None, [11, 15, 16]),
    ("q_people", "participant_repeated", "Сидоров С.С.", None, [41, 42, 43]),
    ("q_people", "participant_supervisors", "Кузнецова К.К.", None, [46, 48]),
    ("q_delivery", "plan_block_deadline", "2", 2021, [23, 53, 55]),
    ("q_plan", "plan_vs_target", "1", 2020, [22, 50, 53]),
]


@pytest.mark.parametrize(("passport_id", "check_id", "code", "year", "lines"), LINES)
def test_fixture_finding_lists_its_lines(fixtures, passport_id, check_id, code, year, lines):
    assert finding(fixtures, passport_id, check_id, code, year)["lines"] == lines


def test_a_block_deadline_explains_its_control_point(fixtures):
    # q_delivery 2.1 ends after block 2 (activity_after_parent) — named in the block's finding, not again
    rows = fixtures[(fixtures["passport_id"] == "q_delivery") & (fixtures["check_id"] == "activity_after_parent")]
    assert rows.empty


@pytest.mark.parametrize(("passport_id", "check_id", "code", "year", "words"), MESSAGES)
def test_fixture_message_names_the_values(fixtures, passport_id, check_id, code, year, words):
    message = finding(fixtures, passport_id, check_id, code, year)["message"]
    for word in words:
        assert word in message


def test_source_sum_names_both_sources(fixtures):
    rows = fixtures[(fixtures["passport_id"] == "q_funding") & (fixtures["check_id"] == "funding_source_sum")]
    assert sorted(rows["line"]) == [38, 39]
    assert any("напечатано 9,50" in m for m in rows["message"])


def test_clean_passport_has_no_findings(clean_con):
    assert quality_findings(clean_con).empty


def test_findings_of_one_passport_only(fixture_con):
    frame = quality_findings(fixture_con, "q_dates")
    assert set(frame["passport_id"]) == {"q_dates"}
    assert list(frame["severity"][:2]) == ["error", "error"]  # errors come first


def test_has_errors_and_counts(fixtures):
    assert has_errors(fixtures[fixtures["passport_id"] == "q_funding"])
    assert not has_errors(fixtures[fixtures["passport_id"] == "q_workload"])
    assert not has_errors(fixtures.iloc[0:0])
    assert severity_counts(fixtures[fixtures["passport_id"] == "q_funding"]) == {"error": 6, "warning": 1, "info": 2}


def test_report_groups_by_passport_and_severity(fixtures):
    text = format_report(fixtures[fixtures["passport_id"] == "q_workload"], ["q_workload", "empty"])
    assert "Паспорт q_workload: ошибок 0, предупреждений 1, сведений 0" in text
    assert "  Предупреждения (1):" in text
    assert "стр. 41 · участники · workload_over_100 · Сидоров С.С.: занятость в проекте 110 %" in text
    assert "Паспорт empty: ошибок 0, предупреждений 0, сведений 0\n  Замечаний нет." in text


def test_cli_exit_codes(capsys):
    assert main(["quality", "--data", str(CLEAN)]) == 0
    assert "Проверено паспортов: 1; с замечаниями: 0, с ошибками: 0." in capsys.readouterr().out
    assert main(["quality", "--data", str(QUALITY), "--passport", "q_funding"]) == 1
    out = capsys.readouterr().out
    assert "Ошибки (6):" in out and "q_dates" not in out
    assert main(["quality", "--data", str(QUALITY), "--passport", "q_workload"]) == 0
    assert main(["quality", "--data", str(QUALITY), "--passport", "nope"]) == 2
    assert "Паспорт «nope» не найден" in capsys.readouterr().err


def test_cli_summary_reads_the_built_database_and_lists_no_finding(capsys, fixtures, tmp_path):
    from model.build import build_database

    db = tmp_path / "q.duckdb"
    build_database(QUALITY, db, facts=pd.DataFrame(), cache=False)
    assert main(["quality", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    counts = severity_counts(fixtures)
    assert f"Замечаний: {len(fixtures)} — ошибок {counts['error']}, " in out
    assert "По проверкам (замечаний / паспортов):" in out
    check = fixtures[fixtures["check_id"] == "workload_over_100"]
    assert f"(workload_over_100): {len(check)} / {check['passport_id'].nunique()}" in out
    assert "Больше всего замечаний" in out and "q_funding: ошибок 6, предупреждений 1, сведений 2" in out
    assert "стр. " not in out  # no finding is listed
    assert "--passport ID" in out and "--format csv" in out


def test_cli_csv_has_every_finding_guarded(capsys, fixtures, tmp_path):
    import csv
    import io

    assert main(["quality", "--data", str(QUALITY), "--format", "csv"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    assert len(rows) == len(fixtures)
    assert set(rows[0]) >= {"Паспорт", "Важность", "Проверка", "Что не так", "Строка паспорта"}
    assert {r["Паспорт"] for r in rows} == set(fixtures["passport_id"])
    assert not any(v.lstrip(" ").startswith(("=", "+", "@")) for r in rows for v in r.values())
    out = tmp_path / "q.csv"
    assert main(["quality", "--data", str(QUALITY), "--format", "csv", "--passport", "q_funding",
                 "--out", str(out)]) == 1
    text = out.read_text(encoding="utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + len(fixtures[fixtures["passport_id"] == "q_funding"])


def test_findings_csv_guards_formulas():
    from reports.quality import findings_csv

    text = findings_csv(pd.DataFrame({"Что не так": ["=1+2", "  @SUM(A1)", "-3", "обычный"], "Год": [1, 2, 3, 4]}))
    assert text.splitlines()[1:] == ["'=1+2;1", "'  @SUM(A1);2", "-3;3", "обычный;4"]


def test_findings_have_accepted_values(real, fixtures):
    both = pd.concat([real, fixtures])
    assert set(both["check_id"]) <= set(QUALITY_CHECKS.codes)     # every check has its Russian name
    assert set(both["severity"]) <= {"error", "warning", "info"}
    assert set(both["section"]) <= {"indicators", "results", "funding", "participants", "activities"}
    assert both["message"].notna().all() and both["line"].notna().all()


# --- the real passports: contradictions checked by hand against the seed texts (line numbers of the seeds)

def test_tomsk_funding_adds_up(real):
    tomsk = real[real["passport_id"] == "tomsk"]
    assert not has_errors(tomsk)
    assert tomsk[tomsk["check_id"].str.startswith("funding_")].empty


@pytest.mark.parametrize(("person", "pct", "rows"), [
    ("Швайко И.В.", "585 %", 11), ("Чех А.Е.", "460 %", 10), ("Задорожная Е.В.", "315 %", 10),
])
def test_tomsk_workload_over_100(real, person, pct, rows):
    message = finding(real, "tomsk", "workload_over_100", person)["message"]
    assert f"занятость в проекте {pct}" in message
    assert message.count("строка") == rows
    assert set(real[(real["passport_id"] == "tomsk") & (real["check_id"] == "workload_over_100")]["code"]) == {
        "Швайко И.В.", "Чех А.Е.", "Задорожная Е.В."}


def test_tomsk_activities_end_after_their_control_point(real):
    rows = real[(real["passport_id"] == "tomsk") & (real["check_id"] == "activity_after_parent")]
    assert set(rows["code"]) == {"5.1.2", "6.1.2", "11.1.2", "16.1.2", "18.1.3", "19.1.2", "21.1.3", "23.1.2",
                                 "24.1.3", "25.1.2"}
    first = finding(real, "tomsk", "activity_after_parent", "5.1.2")
    assert first["line"] == 355
    assert "31.12.2019 позже срока результата 5 (16.12.2019)" in first["message"]


@pytest.mark.parametrize(("code", "lines", "words"), [
    ("16.1.1", [444, 445, 446, 447], "Под результатом 15 стоят строки с номером 16: 16.1.1, 16.1.2, 16.1 "
                                     "(строки 444–446), а результата 16 в плане нет: после 15 идёт 17 (строка 447)"),
    ("20.1", [471, 472], "Под результатом 19 стоит строка с номером 20: 20.1 (строка 471), а результата 20 в плане "
                         "нет: после 19 идёт 21 (строка 472)"),
    ("23.1.1", [486, 487, 488, 489], "Под результатом 22 стоят строки с номером 23: 23.1.1, 23.1.2, 23.1"),
    ("7.1.3", [365], "начинаются с 7.1.3: нет 7.1.1–7.1.2"),
])
def test_tomsk_numbering_breaks(real, code, lines, words):
    row = finding(real, "tomsk", "activity_numbering", code)
    assert row["line"] == lines[0] and row["lines"] == lines and words in row["message"]


def test_tomsk_numbering_breaks_are_counted_once(real):
    rows = real[(real["passport_id"] == "tomsk") & (real["check_id"] == "activity_numbering")]
    assert sorted(rows["code"]) == ["16.1.1", "20.1", "23.1.1", "7.1.3"]


def test_tomsk_results_without_control_point(real):
    rows = real[(real["passport_id"] == "tomsk") & (real["check_id"] == "activity_no_control_point")]
    assert set(rows["code"]) == {"5", "12"}


@pytest.mark.parametrize(("section_code", "year", "severity", "words"), [
    ("1.22", 2023, "warning", "63 из 67 — 94,03 %"),
    ("1.20", 2022, "info", "60 из 67 — 89,55 % (округление)"),
    ("1.3", 2019, "info", "28 из 67 — 41,79 % (округление)"),
    ("3", 2019, "warning", "17 из 67 — 25,37 %, а 20 % от 67 — 13,4 ОО"),
    ("6", 2020, "warning", "3 из 67 — 4,48 %"),
    ("19", 2023, "warning", "13 из 67 — 19,4 %"),
    ("21", 2023, "warning", "63 из 67 — 94,03 %"),
    ("9", 2020, "info", "40 из 67 — 59,7 %"),
    ("14", 2021, "info", "50 из 67 — 74,63 %"),
    ("15", 2022, "info", "10 из 67 — 14,93 %"),
])
def test_tomsk_percent_against_67_organisations(real, section_code, year, severity, words):
    row = finding(real, "tomsk", "pct_count_mismatch", section_code, year)
    assert row["severity"] == severity
    assert words in row["message"] and "[всего ОО: 67, строка 152]" in row["message"]


def test_tomsk_targets_against_indicator_plan(real):
    row = finding(real, "tomsk", "target_vs_indicator", "1", 2024)
    assert "95 %, а показатель 4.1 на 2024 год — 100 %" in row["message"]
    for code, year, words in [("9", 2020, "60 %, а результат 1.12 — 76 %, показатель 1 — 76 %"),
                              ("14", 2021, "75 %, а результат 1.17 — 85 %, показатель 1 — 85 %"),
                              ("18", 2022, "85 %, а результат 1.20 — 90 %, показатель 1 — 90 %")]:
        assert words in finding(real, "tomsk", "plan_vs_target", code, year)["message"]


def test_amur_funding_gaps_and_rounding(real):
    # line 247: IT-куб 12,43 = 12,06 + 0,37, without the 3,11 of extrabudgetary money (line 255) that the project
    # total of line 256 (39,75) counts: one finding with the lines it affects, the project total not again
    gap = finding(real, "amur", "funding_line_sum", "1.2", 2019)
    assert gap["severity"] == "error" and gap["line"] == 247 and gap["lines"] == [247, 255, 256]
    assert "итог строки не включает внебюджетные источники (2019 — 3,11)" in gap["message"]
    assert "напечатано 12,43, сумма источников 15,54 = 12,06 + 0,37 + 3,11" in gap["message"]
    assert "«Всего по проекту» (строка 256) не равно сумме строк — 2019: напечатано 39,75, сумма строк 36,63" in gap[
        "message"]
    rounding = finding(real, "amur", "funding_line_sum", "1.1", 2019)
    assert rounding["severity"] == "info"
    assert "напечатано 24,20, сумма источников 24,21" in rounding["message"]
    assert "разница 0,01 — округление" in rounding["message"]
    amur = real[real["passport_id"] == "amur"]
    assert amur[amur["check_id"] == "funding_total_lines"].empty


def test_amur_additional_table_leaves_out_extrabudgetary_money_four_years_once(real):
    # lines 372–380: line 2 prints 12,88 … 14,49 without the 3,22 … 3,62 of line 379, which «Всего» (380) counts
    row = finding(real, "amur", "funding_line_sum", "2")
    assert pd.isna(row["year"]) and row["lines"] == [372, 379, 380]
    assert "(2020 — 3,22, 2021 — 3,35, 2022 — 3,48, 2023 — 3,62)" in row["message"]
    assert "2023: напечатано 144,16, сумма строк 140,54" in row["message"]
    errors = real[(real["passport_id"] == "amur") & (real["section"] == "funding") & (real["severity"] == "error")]
    assert len(errors) == 2          # ten before grouping: 1.2 and «Всего» 2019, line 2 and «Всего» 2020–2023


def test_amur_plan_of_activities(real):
    row = finding(real, "amur", "activity_end_before_start", "7.1.4")
    assert row["line"] == 513 and "окончание 20.08.2020 раньше начала 10.09.2020" in row["message"]
    assert finding(real, "amur", "activity_end_before_start", "11.1.8")["line"] == 562
    assert "строки 817, 818" in finding(real, "amur", "duplicate_code", "30.1.4")["message"]
    assert "15 %, а результат 14.1 — 10 %" in finding(real, "amur", "plan_vs_target", "17", 2021)["message"]


def test_amur_result_text_against_its_characteristic(real):
    # line 190: «Для не менее 13000 детей …» | «… для не менее чем 18300 детей» — one result, text and characteristic
    row = finding(real, "amur", "result_text_vs_characteristic", "24.1", 2023)
    assert "текст — 13000" in row["message"] and "характеристика — 18300" in row["message"] and row["line"] == 190
    assert real[(real["passport_id"] == "amur") & (real["check_id"] == "target_conflict")].empty


def test_amur_federal_result_against_its_characteristic(real):
    # line 152: «Результат федерального проекта: 70 центров … Характеристика …: … не менее 125 [центров]»
    row = finding(real, "amur", "result_text_vs_characteristic", "18.1", 2021)
    assert row["line"] == 152 and row["lines"] == [152, 158]
    assert "Федеральный результат 18 (при результате 18.1), 2021" in row["message"]
    assert "федеральный результат — 70" in row["message"]
    assert "характеристика федерального результата — 125" in row["message"]


@pytest.mark.parametrize(("code", "year", "line", "words"), [
    ("1.1.4", 2020, 408, "20 %, а показатель 4.1.1 — 15 %, показатель 4.1.2 — 30 %"),
    ("1.1.5", 2021, 413, "44 %, а показатель 4.1.1 — 40 %, показатель 4.1.2 — 45 %"),
    ("1.1.6", 2022, 414, "64 %, а показатель 4.1.1 — 60 %, показатель 4.1.2 — 60 %"),
    ("1.1.7", 2023, 415, "84 %, а показатель 4.1.1 — 85 %, показатель 4.1.2 — 75 %"),
    ("1.1.8", 2024, 420, "100 %, а показатель 4.1.1 — 95 %, показатель 4.1.2 — 95 %"),
])
def test_amur_platform_activities_against_the_platform_indicator(real, code, year, line, words):
    # «Внедрение федеральной информационно-сервисной платформы … в N % образовательных организаций» (block 1
    # delivers no result of section 3: its share is of the platform, indicators 4.1.1 and 4.1.2)
    row = finding(real, "amur", "plan_vs_target", code, year)
    assert row["line"] == line and words in row["message"]
    # 1.1.3 prints 4 % for 2019, as 4.1.1 plans: no finding
    plan = real[(real["passport_id"] == "amur") & (real["check_id"] == "plan_vs_target")]
    assert "1.1.3" not in set(plan["code"])


def test_tomsk_control_point_repeating_its_block_is_one_finding(real):
    row = finding(real, "tomsk", "plan_vs_target", "9", 2020)
    assert row["lines"] == [109, 389, 399] and "результат 9 и контрольная точка 9.1 (2020)" in row["message"]


def test_report_names_the_other_lines_of_a_finding(real):
    text = format_report(real[real["passport_id"] == "amur"], ["amur"])
    assert "стр. 247 · финансирование · funding_line_sum · Строка 1.2: итог строки не включает" in text
    assert "[также стр. 255, 256]" in text
    assert all(row["line"] in row["lines"] for _, row in real.iterrows())


# --- the classes of contradictions the report did not check before: every instance in both seeds

def test_amur_indicator_planned_before_its_base_date(real):
    # line 23: 1.1 prints base 0 on 01.01.2019 and 0,1 for 2018; the others print the base value for 2018
    row = finding(real, "amur", "indicator_before_base", "1.1", 2018)
    assert row["line"] == 23 and "на 2018 год запланировано 0,1, а базовое значение на 01.01.2019 — 0" in row[
        "message"]
    assert set(real[real["check_id"] == "indicator_before_base"]["code"]) == {"1.1"}


def test_amur_indicators_lost_at_a_page_break(real):
    # lines 24–31: after 1.1 the page break keeps only the tail of a row (31); 3.1.1 and 3.1.2 (32, 33) hang under
    # 3.1, and neither 3.1, 3 nor 2 is printed — one finding, not a gap and a missing parent apart
    row = finding(real, "amur", "indicator_parent_missing", "3.1")
    assert row["line"] == 32 and row["lines"] == [23, 32, 33]
    assert "Показатели 3.1.1, 3.1.2 (строки 32–33) подчинены строке 3.1, а её в таблице нет (нет и строки 3)" in row[
        "message"]
    assert "нет и показателя 2" in row["message"]
    assert real[real["check_id"] == "numbering_gap"].empty      # no other number is missing in sections 2, 3, 5


def test_amur_same_person_twice_in_one_block(real):
    # block «Обеспечение Интернет-соединением…» (line 307): Н.В. Савватеев as № 7. (308) and № 7.5 (316)
    row = finding(real, "amur", "participant_repeated", "Савватеев Н.В.")
    assert row["line"] == 316 and row["lines"] == [307, 308, 316]
    assert "№ 7., строка 308, 20 %; № 7.5, строка 316, 20 %" in row["message"]
    assert set(real[real["check_id"] == "participant_repeated"]["code"]) == {"Савватеев Н.В."}


def test_amur_person_with_two_supervisors(real):
    # line 273: «И.В. Никишова, заместитель министра»; every other row of Н.В. Савватеев: «Л.А. Закирова»
    row = finding(real, "amur", "participant_supervisors", "Савватеев Н.В.")
    assert row["line"] == 273 and len(row["lines"]) == 10
    assert "Никишова И.В. (№ 3., строка 273); Закирова Л.А. (№ 4.3, строка 283;" in row["message"]
    assert set(real[real["check_id"] == "participant_supervisors"]["code"]) == {"Савватеев Н.В."}


@pytest.mark.parametrize(("passport_id", "code", "line", "words"), [
    ("amur", "31.1", 231, "«в субъектах Российской Федерации» — в паспорте уровня «региональный»"),
    ("tomsk", "1.26", 160, "«в субъектах Российской Федерации», «настоящего регионального проекта»"),
    ("tomsk", "1.2", 190, "Раздел 4, строка 1.2: «Во всех муниципальных образованиях»"),
    ("tomsk", "1.4", 209, "Раздел 4, строка 1.4: «на территории Томской области»"),
    ("tomsk", "Всего", 221, "Раздел 4, итог: «по региональному проекту»"),
    ("tomsk", "Реализация на территории Томской области…", 296, "Участники, блок «Реализация на территории"),
    ("tomsk", "17", 447, "План мероприятий, результат 17: «на территории Томской области»"),
    ("tomsk", "17.1.1", 448, "План мероприятий, мероприятие 17.1.1: «на территории Томской области»"),
])
def test_sentences_naming_another_level(real, passport_id, code, line, words):
    row = finding(real, passport_id, "other_level", code)
    assert row["line"] == line and words in row["message"]


def test_another_level_only_where_printed(real):
    found = {(r.passport_id, r.line) for r in real[real["check_id"] == "other_level"].itertuples()}
    assert found == {("amur", 231), ("tomsk", 160), ("tomsk", 190), ("tomsk", 209), ("tomsk", 221), ("tomsk", 296),
                     ("tomsk", 447), ("tomsk", 448)}
    # Tomsk's result 1 quotes the regional result «…на территории Томской области» (line 63): a quote, not a claim
    assert ("tomsk", 63) not in found


def test_amur_blocks_against_the_results_they_deliver(real):
    # block 7 (497, to 31.12.2019) delivers 8.1 (line 100, 31.12.2020); its control point 7.1 (514) is of 2020
    early = finding(real, "amur", "plan_block_deadline", "7")
    assert early["lines"] == [100, 497, 514] and "раньше срока на 366 дн." in early["message"]
    assert real[(real["passport_id"] == "amur") & (real["check_id"] == "activity_after_parent")
                & (real["code"] == "7.1")].empty
    # block 19 (668, to 31.12.2023) delivers 21.1 and 21.2 (lines 171, 177, 31.12.2022)
    late = finding(real, "amur", "plan_block_deadline", "19")
    assert late["lines"] == [171, 177, 668] and "позже срока на 365 дн." in late["message"]
    assert set(real[(real["passport_id"] == "amur") & (real["check_id"] == "result_without_block")]["code"]) == {
        "6.1", "9.1", "19.1"}
    assert finding(real, "amur", "block_without_result", "1")["line"] == 402


def test_tomsk_results_without_a_block(real):
    tomsk = real[real["passport_id"] == "tomsk"]
    assert set(tomsk[tomsk["check_id"] == "result_without_block"]["code"]) == {"1.5", "1.6", "1.9", "1.10", "1.24"}
    # Tomsk ends its blocks on 16.12 for results due 31.12: within block_deadline_lead_days
    assert tomsk[tomsk["check_id"].isin(["plan_block_deadline", "block_without_result"])].empty


def test_report_counts_by_severity(real):
    counts = {pid: severity_counts(real[real["passport_id"] == pid]) for pid in ("amur", "tomsk")}
    assert counts == {"amur": {"error": 5, "warning": 44, "info": 12}, "tomsk": {"error": 0, "warning": 40, "info": 13}}
