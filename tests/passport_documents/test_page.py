"""«Паспорта» through the router (AppTest), and who may load passports."""

from __future__ import annotations

from domain.access import Account, may, refusal
from tests.helpers import page_text, run_page


def test_the_page_opens_with_the_upload_while_sign_in_is_off():
    at = run_page("passports")
    assert [t.value for t in at.title] == ["Паспорта"]
    assert "DOCX, PDF с текстовым слоем или текст" in page_text(at)
    assert at.text_input(key="passport_id").label == "Идентификатор паспорта (имя папки)"
    assert not at.button  # nothing to save before a document is uploaded


def test_only_an_administrator_loads_passports():
    def region(_):
        return None

    admin, editor, viewer = (Account("a", "admin"), Account("e", "editor", ("amur",)), Account("v", "viewer"))
    assert may(admin, "passports", [], region)
    assert not may(editor, "passports", ["amur"], region) and not may(viewer, "passports", [], region)
    assert refusal(editor, "passports", [], region) == "у роли «редактор» нет права: загрузка паспортов"
