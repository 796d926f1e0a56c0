"""Пользователи (administrators only): accounts with roles and passports, new accounts, role changes, forgetting
wrong passwords,
disabling and new passwords; the log of sign-ins, locks and changes. Every change goes through AccountAdmin, which
checks the role on the server."""

import streamlit as st

from accounts.accounts import AccountAdmin
from accounts.rules import MIN_PASSWORD, AccountError
from domain.access import REGION_PREFIX, ROLES
from ui import auth
from ui.filters import passport_names

st.title("Пользователи")
accounts = auth.app_accounts()
try:
    admin = AccountAdmin(accounts, auth.current())
except AccountError as exc:
    st.info(f"Страница для администраторов: {exc.message}.", icon=":material/lock:")
    st.stop()

names = passport_names()
done = st.session_state.pop("users_done", None)
if done:
    st.success(done)
st.caption("Роль «просмотр» читает все паспорта или только перечисленные; «редактор» вносит факты, риски и события "
           f"перечисленных паспортов (или всего региона: «{REGION_PREFIX}КОД»); «администратор» — всё. Смена роли, "
           "пароля или отключение закрывают открытые сеансы записи.")
table = accounts.table()
table["Паспорта"] = [", ".join(names.get(p, p.replace(REGION_PREFIX, "весь регион ")) for p in cell.split(", "))
                     for cell in table["Паспорта"]]  # territories, not ids
if table.empty:
    st.info("Учётных записей нет.")
else:
    st.dataframe(table, hide_index=True, width="stretch")


def _done(action, message: str, *args) -> None:
    """Run an account change; a refusal is shown in Russian, nothing is changed."""
    try:
        action(*args)
    except AccountError as exc:
        st.error(f"Не изменено: {exc.message}.")
        return
    st.session_state["users_done"] = message
    st.rerun()


def _passport_choice(key: str, default: list[str] | None = None) -> list[str]:
    regions = sorted({code for code in map(auth.region_of, names) if code})
    options = [*names, *(f"{REGION_PREFIX}{code}" for code in regions)]
    return st.multiselect("Паспорта", options, default=default or [], key=key,
                          format_func=lambda p: names.get(p, f"весь регион {p[len(REGION_PREFIX):]}"),
                          placeholder="выберите паспорта",
                          help="Для редактора — обязательно; для просмотра — пусто означает все паспорта")


tab_add, tab_change, tab_log = st.tabs(["Новая запись", "Изменить запись", "Журнал входов"], key="users_tab",
                                     on_change="rerun")
with tab_add:
    with st.form("add_user", clear_on_submit=True):
        login = st.text_input("Логин", help="латиница, цифры, «.», «_», «-»")
        name = st.text_input("Фамилия и инициалы", help="так запись называется в журнале изменений")
        role = st.selectbox("Роль", ROLES.codes, format_func=ROLES.label, index=0)
        passports = _passport_choice("add_passports")
        password = st.text_input("Пароль", type="password", help=f"не короче {MIN_PASSWORD} символов",
                                 autocomplete="new-password")
        if st.form_submit_button("Создать", type="primary"):
            _done(admin.add, f"Учётная запись «{login.strip().lower()}» создана.", login, role, passports, password,
                  name, list(names))

with tab_change:
    logins = table["Логин"].tolist() if not table.empty else []
    if not logins:
        st.info("Учётных записей нет.")
    else:
        chosen = st.selectbox("Учётная запись", logins, key="user_chosen")
        current = accounts.get(chosen)
        st.subheader("Роль и паспорта")
        new_role = st.selectbox("Роль", ROLES.codes, index=ROLES.codes.index(current.role), format_func=ROLES.label,
                                key=f"role_{chosen}")
        new_passports = _passport_choice(f"passports_{chosen}",
                                         [p for p in current.passports if p in names or p.startswith(REGION_PREFIX)])
        if st.button("Сохранить роль", key=f"save_role_{chosen}"):
            _done(admin.set_role, "Роль изменена.", chosen, new_role, new_passports, list(names))
        st.subheader("Доступ")
        c1, c2 = st.columns(2)
        if c1.button("Сбросить неудачные входы", key=f"unlock_{chosen}",
                     help="Забыть неверные пароли: вход этой записи больше не откладывается"):
            _done(admin.unlock, "Неудачные входы сброшены: вход больше не откладывается.", chosen)
        if current.active and c2.button("Отключить", key=f"disable_{chosen}"):
            _done(admin.set_active, "Учётная запись отключена.", chosen, False)
        if not current.active and c2.button("Включить", key=f"enable_{chosen}"):
            _done(admin.set_active, "Учётная запись включена.", chosen, True)
        with st.form(f"password_{chosen}", clear_on_submit=True):
            new_password = st.text_input("Новый пароль", type="password", autocomplete="new-password")
            if st.form_submit_button("Сменить пароль"):
                _done(admin.reset_password, "Пароль сменён.", chosen, new_password)

with tab_log:
    st.dataframe(accounts.events(500), hide_index=True, width="stretch")
