"""The «Финансирование» page in Streamlit's AppTest: runs, the passports and years chosen change what is shown."""

from __future__ import annotations

from tests.helpers import metric, page_text, rerun, run_page


def test_funding_page_follows_the_filters():
    at = run_page("funding", ("amur",))
    amur = page_text(at)
    assert metric(at, "Всего по источникам, млн руб.") == "39,75"  # the key number
    assert "Факты об исполнении не внесены — показан только план." in amur
    assert "строка 1.2" in amur  # line 1.2 prints 12,43 though its sources add up to 15,54
    assert len(at.get("plotly_chart")) == 5

    at = run_page("funding", ("amur",), years=(2022, 2024))  # section 4 of Amur prints «*» there
    text = page_text(at)
    assert "Амурская область: в 2022–2024 эта таблица сумм не называет" in text
    assert "«Дополнительных материалах»" in text and len(at.get("plotly_chart")) == 0

    at = run_page("funding", ("tomsk",))
    tomsk = page_text(at)
    assert metric(at, "Всего по источникам, млн руб.") == "166,47" and "39,75" not in tomsk
    assert "расходятся с суммой слагаемых: 0" in tomsk

    at.radio(key="section").set_value("additional")
    rerun(at)
    assert "нет таблицы «Дополнительные материалы»" in page_text(at)
    assert len(at.get("plotly_chart")) == 0

    at = run_page("funding", ("amur", "tomsk"), section="additional")
    both = page_text(at)
    assert metric(at, "Всего по источникам, млн руб.") == "603,89"
    assert "нет таблицы «Дополнительные материалы»" in both

    at = run_page("funding", ("amur", "tomsk"))
    assert [m.value for m in at.metric if m.label == "Всего по источникам, млн руб."] == ["39,75", "166,47"]
    # money by year and source, federal share, plan and execution: one chart each for both passports;
    # lines and the structure: one per passport
    assert len(at.get("plotly_chart")) == 7
