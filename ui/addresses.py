"""The app's pages as data — group, script, title, icon, address — read by the router (app.py builds the pages from
them) and by the web server (serve.py answers an address no page has with a redirect, before Streamlit's English
«Page not found» dialog could show). No Streamlit here: the server imports it before any page runs."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class PageAddress:
    """One page: its menu group, script, title, Material icon and address (`/<url_path>`)."""

    group: str
    script: str
    title: str
    icon: str
    url_path: str
    default: bool = False


PAGES = [
    PageAddress("Мониторинг", "app_pages/overview.py", "Обзор", ":material/dashboard:", "home", default=True),
    PageAddress("Мониторинг", "app_pages/portfolio.py", "Портфель", ":material/table_rows:", "portfolio"),
    PageAddress("Мониторинг", "app_pages/indicators.py", "Показатели", ":material/monitoring:", "indicators"),
    PageAddress("Мониторинг", "app_pages/internet.py", "Интернет", ":material/wifi:", "internet"),
    PageAddress("Мониторинг", "app_pages/it_cube.py", "IT-куб", ":material/memory:", "it_cube"),
    PageAddress("Мониторинг", "app_pages/training.py", "Кадры", ":material/school:", "training"),
    PageAddress("Мониторинг", "app_pages/funding.py", "Финансирование", ":material/payments:", "funding"),
    PageAddress("Управление", "app_pages/plan.py", "План мероприятий", ":material/view_timeline:", "plan"),
    PageAddress("Управление", "app_pages/team.py", "Команда", ":material/groups:", "team"),
    PageAddress("Управление", "app_pages/risks.py", "Риски и события", ":material/warning:", "risks"),
    PageAddress("Управление", "app_pages/quality.py", "Качество данных", ":material/fact_check:", "quality"),
    PageAddress("Управление", "app_pages/facts.py", "Факты", ":material/edit_note:", "facts"),
    PageAddress("Управление", "app_pages/reports.py", "Отчёты", ":material/description:", "reports"),
    PageAddress("Управление", "app_pages/passports.py", "Паспорта", ":material/upload_file:", "passports"),
    PageAddress("Управление", "app_pages/users.py", "Пользователи", ":material/manage_accounts:", "users"),
]
#: addresses of earlier versions of the app that now open the overview with a note («обновите закладку»)
OLD_ADDRESSES = {"overview": "app_pages/overview.py"}
#: the query parameters that carry, to the overview, an address no page has and an old address
UNKNOWN_PARAM, MOVED_PARAM = "nopage", "moved"


def redirect_of(path: str, query: str) -> str | None:
    """Where the server sends a browser that asks for `path` (None: Streamlit answers it as it is). The default page's
    own address (`/home`) goes to the app's root, where Streamlit serves the default page; an address no page has
    goes to the root with the address in `?nopage=` (the overview says it in Russian); Streamlit's own routes
    (`/_stcore/…`, `/static/…`, files with a dot) and the pages' addresses pass."""
    parts = path.strip("/").split("/")
    if len(parts) != 1 or not parts[0] or "." in parts[0] or parts[0].startswith("_"):
        return None
    name = parts[0]
    if any(p.url_path == name and not p.default for p in PAGES):
        return None
    if any(p.url_path == name and p.default for p in PAGES):
        return "/" + (f"?{query}" if query else "")
    extra = {MOVED_PARAM: name} if name in OLD_ADDRESSES else {UNKNOWN_PARAM: name}
    return "/?" + urlencode(extra, quote_via=quote) + (f"&{query}" if query else "")
