"""A page of one topic (Интернет, IT-куб, Кадры): its panels for the passports chosen."""

from __future__ import annotations

import streamlit as st

from domain.vocabulary import topic
from panels.topics import topic_panels
from ui.filters import current
from ui.model import panels
from ui.render import render_panels


def topic_page(code: str) -> None:
    """Title, what the topic is, then every panel the passports' data give for it."""
    t = topic(code)
    st.title(t.label)
    f = current()
    st.caption(f"{t.note} Показатели раздела 2 и цели результатов раздела 3 паспорта; «федеральный» и "
               "«региональный результат» — цели уровня выше, как их цитирует паспорт.")
    render_panels(panels(topic_panels, f, topic_code=code), f, group_heading=False)
