"""Data-quality report: one hand-made passport per check, the clean passport without findings, the real passports."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from metrics.__main__ import main
from metrics.quality import format_report, has_errors, quality_findings, severity_counts
from tests.helpers import model

FIXTURES = Path(__file__).resolve().parent / "fixtures"
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
    },
}


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
    ("q_plan", "plan_vs_target", "1", 2020, ["40 %", "результат 1.2 — 50 %", "показатель 1 — 60 %"]),
]


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
    assert "Паспорт mini: ошибок 0" in capsys.readouterr().out
    assert main(["quality", "--data", str(QUALITY), "--passport", "q_funding"]) == 1
    out = capsys.readouterr().out
    assert "Ошибки (6):" in out and "q_dates" not in out
    assert main(["quality", "--data", str(QUALITY), "--passport", "q_workload"]) == 0
    assert main(["quality", "--data", str(QUALITY), "--passport", "nope"]) == 2


def test_findings_have_accepted_values(real, fixtures):
    both = pd.concat([real, fixtures])
    assert set(both["severity"]) <= {"error", "warning", "info"}
    assert set(both["section"]) <= {"indicators", "results", "funding", "participants", "activities"}
    assert both["message"].notna().all() and both["line"].notna().all()


# --- the real passports: contradictions checked by hand against the seed texts (line numbers of the seeds)

def test_tomsk_funding_adds_up(real):
    tomsk = real[real["passport_id"] == "tomsk"]
    assert not has_errors(tomsk)
    assert tomsk[tomsk["section"] == "funding"].empty


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
    row = finding(real, "amur", "target_conflict", "24.1", 2023)
    assert "13000" in row["message"] and "18300" in row["message"] and row["line"] == 190


def test_report_names_the_other_lines_of_a_finding(real):
    text = format_report(real[real["passport_id"] == "amur"], ["amur"])
    assert "стр. 247 · финансирование · funding_line_sum · Строка 1.2: итог строки не включает" in text
    assert "[также стр. 255, 256]" in text
    assert all(row["line"] in row["lines"] for _, row in real.iterrows())
