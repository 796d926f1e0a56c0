"""Риски и события: the risk register of each passport (matrix and table) and the project's dated events."""

import streamlit as st

from panels.registers import event_panels, risk_panels
from ui.filters import current
from ui.model import panels
from ui.render import render_panels

st.title("Риски и события")
f = current()
st.caption("Реестр рисков и события ведут пользователи на странице «Факты» (вкладки «Риски» и «События»); "
           "каждое изменение записывается в журнал и отменяемо.")
render_panels(panels(risk_panels, f), f)
events = panels(event_panels, f, topic=None)
st.header("События проекта", divider="gray")
if events:
    render_panels(events, f, group_heading=False)
else:
    st.info("События не внесены: что, где и когда произошло (открыт IT-куб, подключены школы) вносится на "
            "странице «Факты», вкладка «События».", icon=":material/info:")
