"""The «Финансирование» page in Streamlit's AppTest: runs, the passport filter changes what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders import paths
from loaders.facts_store import FactChange, FactStore, FactValue
from tests.helpers import fact_key

PAGE = Path(__file__).resolve().parent.parent / "pages" / "funding.py"


def _text(at: AppTest) -> str:
    """Everything the page writes: metrics, markdown, captions and info boxes."""
    parts = [f"{m.label} {m.value}" for m in at.metric]
    parts += [e.value for e in (*at.markdown, *at.caption, *at.info)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def facts_restored():
    """The session's facts store is put back byte for byte afterwards (facts and audit log), so the fact
    this test writes leaves no trace for the other page tests."""
    files = [Path(f"{paths.FACTS_PATH}{suffix}") for suffix in ("", "-wal", "-shm")]
    saved = {f: f.read_bytes() for f in files if f.exists()}
    yield
    for f in files:
        f.unlink(missing_ok=True)
    for f, data in saved.items():
        f.write_bytes(data)


def test_funding_page_follows_the_passport_filter(facts_restored):
    key = fact_key("amur", "funding", "1.1", 2019, measure="federal", section="passport")
    store = FactStore(paths.FACTS_PATH)
    at = AppTest.from_file(str(PAGE), default_timeout=120).run()
    assert not at.exception
    amur = _text(at)
    assert "Всего по источникам, млн руб. 39,75" in amur  # the key number
    assert "Факты об исполнении не внесены — показан только план." in amur
    assert "строка 1.2" in amur  # line 1.2 prints 12,43 though its sources add up to 15,54
    charts_before = len(at.get("plotly_chart"))

    at.select_slider(key="years").set_value((2022, 2024)).run()  # section 4 of Amur prints «*» there
    assert not at.exception
    assert "Амурская область: в 2022–2024 эта таблица сумм не называет" in _text(at)
    assert "«Дополнительных материалах»" in _text(at) and len(at.get("plotly_chart")) == 0
    at.select_slider(key="years").set_value((2018, 2024)).run()

    at.radio(key="passport").set_value("tomsk").run()
    assert not at.exception
    tomsk = _text(at)
    assert "Всего по источникам, млн руб. 166,47" in tomsk and "39,75" not in tomsk
    assert "расходятся с суммой слагаемых: **0**" in tomsk

    at.radio(key="section").set_value("additional").run()
    assert not at.exception
    assert "нет таблицы «Дополнительные материалы»" in _text(at)
    assert len(at.get("plotly_chart")) == 0

    at.radio(key="passport").set_value("both").run()
    assert not at.exception
    both = _text(at)
    assert "Всего по источникам, млн руб. 603,89" in both and "нет таблицы «Дополнительные материалы»" in both

    at.radio(key="section").set_value("passport").run()
    assert len(at.get("plotly_chart")) == 2 * charts_before  # both passports side by side

    store.apply([FactChange(key, FactValue(fact_value=20.0, source="тест"))], who="Тестов Т.Т.")
    at.radio(key="passport").set_value("amur").run()
    assert not at.exception
    with_fact = _text(at)
    assert "Факты об исполнении не внесены" not in with_fact
    assert "Исполнено (по внесённым фактам): 20,00\u00a0млн\u00a0руб." in with_fact
