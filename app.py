"""ЦОС-монитор: router only."""

import streamlit as st

st.set_page_config(page_title="ЦОС-монитор", page_icon=":material/school:", layout="wide")

pages = {
    "Мониторинг": [
        st.Page("pages/overview.py", title="Обзор", icon=":material/dashboard:", default=True, url_path="overview"),
        st.Page("pages/indicators.py", title="Показатели", icon=":material/monitoring:", url_path="indicators"),
        st.Page("pages/internet.py", title="Интернет", icon=":material/wifi:", url_path="internet"),
        st.Page("pages/it_cube.py", title="IT-куб", icon=":material/memory:", url_path="it_cube"),
        st.Page("pages/training.py", title="Кадры", icon=":material/school:", url_path="training"),
        st.Page("pages/funding.py", title="Финансирование", icon=":material/payments:", url_path="funding"),
    ],
    "Управление": [
        st.Page("pages/plan.py", title="План мероприятий", icon=":material/view_timeline:", url_path="plan"),
        st.Page("pages/team.py", title="Команда", icon=":material/groups:", url_path="team"),
        st.Page("pages/quality.py", title="Качество данных", icon=":material/fact_check:", url_path="quality"),
        st.Page("pages/facts.py", title="Факты", icon=":material/edit_note:", url_path="facts"),
    ],
}
st.navigation(pages).run()
