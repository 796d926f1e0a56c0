"""Bad documents are refused in Russian naming the file, before or while they are read, and nothing is written:
junk, a DOCX without the form's tables, a scanned PDF, a zip bomb, a bad id; an existing passport is never
overwritten without --replace."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile

import pytest

from passport_documents.importer import prepare
from tests.helpers import DATA, ROOT
from tests.passport_documents.documents import make_docx


def _scanned_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 150, style="F")  # a page with a picture and no text layer
    return bytes(pdf.output())


def _bomb(megabytes: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (megabytes * 1024 * 1024))
    return out.getvalue()


CASES = {
    "junk.bin": (bytes(range(256)) * 40, "это не паспорт"),
    "empty.txt": (b"   \n", "файл пуст"),
    "letter.docx": (make_docx("Уважаемые коллеги!\nНаправляем паспорт позже."), "нет формы паспорта"),
    "scan.pdf": (_scanned_pdf(), "в PDF нет текста: нужен документ с текстовым слоем или DOCX"),
    "bomb.docx": (_bomb(80), "распаковывается больше чем в 60 МБ"),
    "small_bomb.docx": (_bomb(20), "zip-бомбу"),
    "broken.docx": (b"PK\x03\x04" + b"\x00" * 100, "файл повреждён"),
    "broken.pdf": (b"%PDF-1.7\n" + b"\x00" * 100, "PDF повреждён"),
}


@pytest.mark.parametrize("name", CASES)
def test_refused_in_russian_and_nothing_written(tmp_path, name):
    data, words = CASES[name]
    prepared = prepare(data, name, "novaya", tmp_path)
    assert not prepared.ok
    messages = " ".join(e.message for e in prepared.review.errors)
    assert words in messages
    assert prepared.review.document == name
    assert not (tmp_path / "passports").exists()


def test_a_bad_id_is_refused(tmp_path):
    prepared = prepare((DATA / "sources" / "tomsk.txt").read_bytes(), "tomsk.txt", "../etc", tmp_path)
    assert not prepared.ok and "идентификатор паспорта" in prepared.review.errors[0].message


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaders", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_the_command_never_overwrites_without_replace(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "passports" / "tomsk", data / "passports" / "tomsk")
    before = {p.name: p.read_bytes() for p in (data / "passports" / "tomsk").iterdir()}
    source = str(DATA / "sources" / "tomsk.txt")
    run = _cli("--data", str(data), "import-passport", source, "--id", "tomsk")
    assert run.returncode == 2 and "--replace" in run.stderr and "Traceback" not in run.stderr
    assert {p.name: p.read_bytes() for p in (data / "passports" / "tomsk").iterdir()} == before
    dry = _cli("--data", str(data), "import-passport", source, "--id", "novaya", "--dry-run")
    assert dry.returncode == 0 and "проверьте:" in dry.stdout and not (data / "passports" / "novaya").exists()
    done = _cli("--data", str(data), "import-passport", source, "--id", "tomsk", "--replace")
    assert done.returncode == 0 and "Паспорт записан" in done.stdout
    assert (data / "passports" / "tomsk" / "not_targets.yaml").read_bytes() == before["not_targets.yaml"]


def test_the_command_refuses_junk_with_exit_1(tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 nothing")
    run = _cli("--data", str(tmp_path), "import-passport", str(junk), "--id", "novaya")
    assert run.returncode == 1 and "ОШИБКА" in run.stdout and "не записан" in run.stderr
    assert not (tmp_path / "passports").exists()
