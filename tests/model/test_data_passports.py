"""The passport data in DuckDB: real numbers from the signed documents, contract views, data tests."""

from __future__ import annotations

from datetime import date

import pytest

CONTRACT = {
    "passport": ["passport_id", "level", "territory", "title", "start_date", "end_date"],
    "indicator_plan": ["passport_id", "indicator_code", "indicator_name", "unit", "year", "plan_value"],
    "result_target": ["passport_id", "result_code", "deadline", "measure", "year", "target_value"],
    "funding": ["passport_id", "section", "line_code", "line_name", "source", "year", "amount_mln_rub"],
    "funding_detail": ["passport_id", "section", "line_code", "parent_line_code", "line_name", "year",
                       "amount_mln_rub"],
    "participant": ["passport_id", "block", "role", "person", "position", "supervisor", "workload_pct"],
    "activity": ["passport_id", "code", "name", "start_date", "end_date", "responsible", "document",
                 "control_level"],
}


def one(con, sql: str, params: list):
    rows = con.execute(sql, params).fetchall()
    assert len(rows) == 1, rows
    return rows[0][0] if len(rows[0]) == 1 else rows[0]


@pytest.mark.parametrize("view,columns", CONTRACT.items())
def test_contract_views_answer_for_both_passports(con, view, columns):
    cols = [c[0] for c in con.execute(f"select * from {view} limit 0").description]  # noqa: S608
    assert set(columns) <= set(cols)
    ids = {r[0] for r in con.execute(f"select distinct passport_id from {view}").fetchall()}  # noqa: S608
    assert ids == {"amur", "tomsk"}


# ---- data tests beside the model: not-null, unique keys, accepted values ------------------------
@pytest.mark.parametrize("sql", [
    "select count(*) from indicator_plan where indicator_code is null or year is null",
    "select count(*) from (select passport_id, indicator_code, year from indicator_plan group by all "
    "having count(*) > 1)",
    "select count(*) from funding where source not in ('federal','regional','municipal','extrabudgetary','total')",
    "select count(*) from funding where source = 'total' and total_of is null",
    "select count(*) from funding where amount_mln_rub is null or amount_mln_rub < 0",
    "select count(*) from participant where person is null or person = ''",
    "select count(*) from activity where code is null or name is null",
    "select count(*) from (select passport_id, activity_key from activity group by all having count(*) > 1)",
    "select count(*) from result_target where target_value < 0",
    "select count(*) from passport where level not in ('regional', 'municipal')",
])
def test_data_rules(con, sql):
    assert con.execute(sql).fetchone()[0] == 0


def test_passports_basic_provisions(con):
    assert one(con, "select start_date from passport where passport_id = ?", ["amur"]) == date(2018, 11, 1)
    assert one(con, "select end_date from passport where passport_id = ?", ["amur"]) == date(2024, 12, 31)
    assert one(con, "select start_date from passport where passport_id = ?", ["tomsk"]) == date(2018, 10, 1)
    assert one(con, "select level from passport where passport_id = ?", ["tomsk"]) == "municipal"
    assert one(con, "select head from passport where passport_id = ?", ["amur"]) == "Л.А. Закирова"


# ---- indicators (section 2) ---------------------------------------------------------------------
def test_amur_internet_indicator_plan_including_2018(con):
    rows = con.execute("select year, plan_value from indicator_plan where passport_id = ? and indicator_code = ? "
                       "order by year", ["amur", "1.1"]).fetchall()
    assert rows == [(2018, 0.1), (2019, 4), (2020, 24), (2021, 44), (2022, 64), (2023, 84), (2024, 100)]


def test_tomsk_internet_indicator_plan(con):
    rows = con.execute("select year, plan_value from indicator_plan where passport_id = ? and indicator_code = ? "
                       "order by year", ["tomsk", "1"]).fetchall()
    assert rows == [(2019, 42), (2020, 76), (2021, 85), (2022, 90), (2023, 95), (2024, 100)]


def test_tomsk_indicator_six_printed_as_b(con):
    assert one(con, "select code_printed from indicator where passport_id = ? and indicator_code = ?",
               ["tomsk", "6"]) == "б."
    assert one(con, "select plan_value from indicator_plan where passport_id = ? and indicator_code = ? and year = ?",
               ["tomsk", "6", 2024]) == 50


def test_amur_platform_indicator_4_1_2(con):
    rows = con.execute("select plan_value from indicator_plan where passport_id = ? and indicator_code = ? "
                       "order by year", ["amur", "4.1.2"]).fetchall()
    assert [r[0] for r in rows] == [0, 15, 30, 45, 60, 75, 95]


# ---- results (section 3) ------------------------------------------------------------------------
def test_amur_it_cube_targets_cumulative(con):
    rows = con.execute("select year, target_value from result_target where passport_id = ? and measure = ? "
                       "order by year", ["amur", "it_cube_children"]).fetchall()
    assert rows == [(2019, 400), (2020, 800), (2021, 1200), (2022, 1600), (2023, 2000)]
    assert one(con, "select target_value from result_target where passport_id = ? and measure = ? and year = ?",
               ["amur", "it_cubes", 2023]) == 5


def test_tomsk_it_cube_and_internet_counts(con):
    assert one(con, "select target_value from result_target where passport_id = ? and measure = ? and year = ?",
               ["tomsk", "it_cube_children", 2020]) == 400
    assert one(con, "select target_value from result_target where passport_id = ? and result_code = ? "
                    "and measure = ?", ["tomsk", "1.3", "orgs_internet_count"]) == 28


def test_amur_workers_trained_and_deadline(con):
    assert one(con, "select target_value from result_target where passport_id = ? and result_code = ? "
                    "and measure = ?", ["amur", "10.1", "workers_trained"]) == 1280
    assert one(con, "select deadline from result where passport_id = ? and result_code = ?",
               ["amur", "4.1"]) == date(2019, 12, 31)


def test_amur_result_keeps_federal_result(con):
    text = one(con, "select federal_result from result where passport_id = ? and result_code = ?", ["amur", "5.1"])
    assert "IT-куб" in text


# ---- funding (section 4 and Amur's additional table) --------------------------------------------
def test_amur_section4_printed_totals(con):
    assert one(con, "select amount_mln_rub from funding where passport_id = ? and section = 'passport' "
                    "and line_code = 'Всего' and total_of = 'all' and year = ?", ["amur", 2019]) == 39.75
    assert one(con, "select amount_mln_rub from funding where passport_id = ? and section = 'passport' "
                    "and line_code = 'Всего' and total_of = 'federal' and year = ?", ["amur", 2019]) == 35.54


def test_money_by_source_is_the_sum_of_source_rows(con):
    rows = dict(con.execute(
        "select source, round(sum(amount_mln_rub), 2) from funding where passport_id = ? and section = ? "
        "and source <> 'total' and year = ? group by source", ["tomsk", "passport", 2020]).fetchall())
    assert rows == {"federal": 58.88, "regional": 1.82}


def test_amur_additional_table(con):
    assert one(con, "select amount_mln_rub from funding where passport_id = ? and section = 'additional' "
                    "and line_code = 'Всего' and total_of = 'all' and year is null", ["amur"]) == 603.89
    assert one(con, "select amount_mln_rub from funding where passport_id = ? and section = 'additional' "
                    "and budget_line_code = '1' and source = 'federal' and year = ?", ["amur", 2024]) == 177.04


def test_detail_rows_are_kept_apart(con):
    n = one(con, "select count(*) from funding_detail where passport_id = ? and section = 'passport'", ["tomsk"])
    assert n > 0
    assert one(con, "select count(*) from funding f join funding_detail d using (passport_id, section, seq) "
                    "where f.passport_id = ?", ["tomsk"]) == 0
    # state extra-budgetary funds (0,00 printed in Tomsk 1.1.2) are detail, not a source of the contract
    assert one(con, "select amount_mln_rub from funding_detail where passport_id = ? and line_code = ? and year = ?",
               ["tomsk", "1.1.2", 2019]) == 0


# ---- participants and activities ----------------------------------------------------------------
def test_person_names_are_normalised_and_summed(con):
    total = one(con, "select sum(workload_pct) from participant where passport_id = ? and person = ?",
                ["tomsk", "Швайко И.В."])
    assert total == 585
    total = one(con, "select sum(workload_pct) from participant where passport_id = ? and person = ?",
                ["amur", "Фролов А.В."])
    assert total == 290


def test_a_cell_naming_several_people_gives_one_row_each(con):
    people = {r[0] for r in con.execute(
        "select person from participant where passport_id = ? and person_printed like ?",
        ["amur", "В.А. Константинов%"]).fetchall()}
    assert {"Константинов В.А.", "Милюков С.Ю.", "Березовский П.А."} <= people


def test_activity_dates_as_printed_even_when_contradictory(con):
    start, end = one(con, "select start_date, end_date from activity where passport_id = ? and code = ?",
                     ["amur", "7.1.4"])
    assert (start, end) == (date(2020, 9, 10), date(2020, 8, 20))


def test_duplicate_activity_codes_kept(con):
    assert one(con, "select count(*) from activity where passport_id = ? and code = ?", ["amur", "30.1.4"]) == 2
    assert one(con, "select count(*) from activity where passport_id = ?", ["amur"]) == 173
    assert one(con, "select count(*) from activity where passport_id = ?", ["tomsk"]) == 97


# ---- the last printed values: each pinned to its seed line ------------------------------------------
@pytest.mark.parametrize(("line_code", "detail", "line", "total"), [
    ("1.1.3", "transfers_to_municipal", 244, 0.73),    # «межбюджетные трансферты … бюджетам МО … 0,73 | 0,73»
    ("1.2.2.1", "own_budget", 252, 0.37),              # «бюджет субъекта Российской Федерации 0,37 | 0,37»
    ("Всего", "own_budget", 260, 0.37),                # «Всего по региональному проекту»: бюджет субъекта
    ("Всего", "transfers_to_municipal", 261, 0.73),    # «Всего по региональному проекту»: трансферты МО
])
def test_amur_detail_rows_keep_the_printed_total_column(con, line_code, detail, line, total):
    assert one(con, "select amount_mln_rub from funding_detail where passport_id = ? and section = 'passport' "
                    "and line_code = ? and detail = ? and line = ? and year is null",
               ["amur", line_code, detail, line]) == total


def test_amur_21_2_every_organisation_updated_its_website(con):
    # line 177: «Все образовательные организации, расположенные на территории Амурской области, обновили …»
    row = one(con, "select target_value, quoted_from, quote from result_target where passport_id = ? "
                   "and result_code = ? and measure = ? and year = ?", ["amur", "21.2", "orgs_website_pct", 2022])
    assert row[:2] == (100, "text") and row[2].startswith("Все образовательные организации")


def test_amur_federal_21_every_organisation(con):
    # line 170: «Результат федерального проекта: Все образовательные организации, реализующие …»
    assert one(con, "select target_value from result_target where passport_id = ? and result_code = ? "
                    "and measure = ? and year = ?", ["amur", "21.1", "federal_orgs_website_pct", 2022]) == 100


def test_amur_federal_characteristic_of_result_18(con):
    # line 152: the federal result prints «70 центров», its characteristic «не менее 125» (centres, 157)
    rows = con.execute("select target_value, quoted_from from result_target where passport_id = ? "
                       "and result_code = ? and measure = ? and year = ? order by seq",
                       ["amur", "18.1", "federal_it_cubes", 2021]).fetchall()
    assert rows == [(70, "federal_result"), (125, "federal_characteristic")]
    text, line = one(con, "select federal_characteristic, federal_line from result where passport_id = ? "
                          "and result_code = ?", ["amur", "18.1"])
    assert "не менее 125 центров цифрового образования «IT-куб»" in text and line == 152


def test_amur_29_1_every_municipality(con):
    # line 219: «Во всех муниципальных образованиях Амурской области внедрена целевая модель …»
    row = one(con, "select target_value, topic, role from result_target where passport_id = ? and result_code = ? "
                   "and measure = ? and year = ?", ["amur", "29.1", "municipalities_pct", 2024])
    assert row == (100, "target_model", "municipalities_share")


@pytest.mark.parametrize(("passport_id", "line", "number", "printed"), [
    ("tomsk", 238, "1", "1."),      # «1.	Руководитель муниципального проекта	Васильева О.В.»
    ("tomsk", 253, "10", "10"),     # «10	Участник муниципального проекта	Чех А.Е.» — printed without a dot
    ("amur", 270, "1", "1."),
    ("amur", 274, "3.1", "3.1"),
])
def test_participant_numbers_as_printed(con, passport_id, line, number, printed):
    assert one(con, "select distinct number, number_printed from participant where passport_id = ? and line = ?",
               [passport_id, line]) == (number, printed)


def test_participant_block_heading_lines(con):
    # Amur «Создание центров цифрового образования детей «IT-куб»» is printed at 322, its first row at 325
    assert one(con, "select distinct block_line from participant where passport_id = ? and line = ?",
               ["amur", 325]) == 322
    assert one(con, "select distinct block_line from participant where passport_id = ? and line = ?",
               ["tomsk", 297]) == 296


def test_every_quote_is_found_in_its_text(con):
    assert one(con, "select count(*) from result_target where quoted_from is null", []) == 0


@pytest.mark.parametrize("passport_id", ["amur", "tomsk"])
def test_plan_blocks_say_what_they_deliver_with_the_result_lines(con, passport_id):
    assert one(con, "select count(*) from activity where passport_id = ? and kind = 'result' "
                    "and not delivers_stated", [passport_id]) == 0
    wrong = con.execute("select d.block_code, d.result_code, d.result_line, r.line from activity_delivers d "
                        "left join result r using (passport_id, result_code) where d.passport_id = ? "
                        "and r.line is distinct from d.result_line", [passport_id]).fetchall()
    assert wrong == []


def test_amur_block_7_delivers_result_8_1(con):
    # line 497: «7. В Амурской области внедрена целевая модель …» (its control point 7.1 is of 2020, as is 8.1)
    assert [r[0] for r in con.execute("select result_code from activity_delivers where passport_id = ? "
                                      "and block_code = ? order by ord", ["amur", "7"]).fetchall()] == ["8.1"]
