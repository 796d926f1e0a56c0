"""The deck's connection answers a repeated question once and as the connection would, each answer a copy of its
own; a statement still runs."""

from __future__ import annotations

import duckdb
import pandas.testing as pdt

from model.queries import query_text
from reports.asked_once import AskedOnce
from tests.helpers import model


def test_a_repeated_question_has_the_connections_answer_and_is_asked_once():
    con = model()
    asked = AskedOnce(con)
    params = {"passport_ids": ["amur"]}
    sql = query_text("passport_summary")
    first = asked.execute(sql, params).df()
    assert len(first) == 1
    pdt.assert_frame_equal(first, con.execute(sql, params).df())
    assert asked.execute(sql, params).fetchall() == con.execute(sql, params).fetchall()
    first.loc[:, first.columns[0]] = None  # a panel that changes its frame changes only its own
    pdt.assert_frame_equal(asked.execute(sql, dict(params)).df(), con.execute(sql, params).df())
    assert len(asked._answers) == 2  # one frame and one list of rows, each asked once
    other = asked.execute(sql, {**params, "passport_ids": ["tomsk"]}).df()
    pdt.assert_frame_equal(other, con.execute(sql, {**params, "passport_ids": ["tomsk"]}).df())


def test_a_statement_runs_and_the_rest_is_the_connections():
    con = duckdb.connect(":memory:")
    asked = AskedOnce(con)
    asked.execute("create table t (x integer)")
    asked.execute("insert into t values (?), (?)", [1, 2])
    assert asked.execute("select sum(x) from t").fetchall() == [(3,)]
    assert asked.cursor().execute("select count(*) from t").fetchall() == [(2,)]
