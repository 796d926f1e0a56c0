"""ЦОС-монитор: router only — the pages, the navigation and the shared filters (drawn here so that they, and the
URL that carries them, survive navigation between pages)."""

import streamlit as st

from ui import auth, filters, navigation, render, style

st.set_page_config(page_title="ЦОС-монитор", page_icon=":material/school:", layout="wide")

GROUPS = {
    "Мониторинг": [
        st.Page("app_pages/overview.py", title="Обзор", icon=":material/dashboard:", default=True, url_path="home"),
        st.Page("app_pages/portfolio.py", title="Портфель", icon=":material/table_rows:", url_path="portfolio"),
        st.Page("app_pages/indicators.py", title="Показатели", icon=":material/monitoring:", url_path="indicators"),
        st.Page("app_pages/internet.py", title="Интернет", icon=":material/wifi:", url_path="internet"),
        st.Page("app_pages/it_cube.py", title="IT-куб", icon=":material/memory:", url_path="it_cube"),
        st.Page("app_pages/training.py", title="Кадры", icon=":material/school:", url_path="training"),
        st.Page("app_pages/funding.py", title="Финансирование", icon=":material/payments:", url_path="funding"),
    ],
    "Управление": [
        st.Page("app_pages/plan.py", title="План мероприятий", icon=":material/view_timeline:", url_path="plan"),
        st.Page("app_pages/team.py", title="Команда", icon=":material/groups:", url_path="team"),
        st.Page("app_pages/risks.py", title="Риски и события", icon=":material/warning:", url_path="risks"),
        st.Page("app_pages/quality.py", title="Качество данных", icon=":material/fact_check:", url_path="quality"),
        st.Page("app_pages/facts.py", title="Факты", icon=":material/edit_note:", url_path="facts"),
        st.Page("app_pages/reports.py", title="Отчёты", icon=":material/description:", url_path="reports"),
        st.Page("app_pages/passports.py", title="Паспорта", icon=":material/upload_file:", url_path="passports"),
        st.Page("app_pages/users.py", title="Пользователи", icon=":material/manage_accounts:", url_path="users"),
    ],
}
page = st.navigation(navigation.pages(GROUPS), position="hidden")
style.apply()
auth.gate()  # once the store has accounts: the sign-in form and nothing else until signed in
navigation.note_unknown_address(GROUPS)
navigation.sidebar(GROUPS, hidden=auth.hidden_pages())
filters.sidebar()
auth.sidebar()
render.new_page_run()
page.run()
