"""The quality checks add money exactly: the sum does not depend on the order the rows come in (DuckDB's threads
add them in any order; at 2 000 passports a double sum printed a total at a half-kopeck as 20,50 in one query
and 20,51 in the next)."""

from __future__ import annotations

import re
from decimal import Decimal

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from model.sql_files import mart_files

AMOUNTS = st.lists(st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000"), places=4), min_size=1,
                   max_size=12)


def _with_macros() -> duckdb.DuckDBPyConnection:
    """An empty database with the quality checks' money macros, as the mart file defines them."""
    text = next(p for p in mart_files() if p.name == "40_quality_funding.sql").read_text(encoding="utf-8")
    con = duckdb.connect()
    for statement in re.findall(r"create or replace macro (?:money_sum|quality_money)\(.*?;", text):
        con.execute(statement)
    return con


CON = _with_macros()


@settings(max_examples=200, deadline=None)
@given(AMOUNTS, st.randoms(use_true_random=False))
def test_the_sum_of_amounts_is_the_exact_sum_in_any_order(amounts, random):
    shuffled = list(amounts)
    random.shuffle(shuffled)
    sums = [CON.execute("select money_sum(x), quality_money(money_sum(x)) from unnest(?::double[]) t(x)",
                        [[float(a) for a in order]]).fetchone() for order in (amounts, shuffled, amounts[::-1])]
    assert sums[0] == sums[1] == sums[2]
    assert sums[0][0] == float(sum(amounts))

