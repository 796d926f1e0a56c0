"""A passport file's bytes → Document, by what the bytes are (not by the file's name): PDF, DOCX or text. Limits
come first: the file's size, then each reader's own (archive, pages, characters)."""

from __future__ import annotations

from domain.limits import LIMITS, mb
from domain.problems import InputError, InputProblem
from passport_documents.document import Document, from_text
from passport_documents.docx_file import read_docx
from passport_documents.pdf_file import read_pdf

#: lines of a text document (the Amur passport has 884)
MAX_TEXT_LINES = 200_000


def open_document(data: bytes, name: str) -> Document:
    """The document in a file; InputError in Russian naming the file when it is none the importer reads."""
    if len(data) > LIMITS.file_bytes:
        raise InputError([InputProblem(name, "", f"файл больше {mb(LIMITS.file_bytes)}")])
    if not data.strip():
        raise InputError([InputProblem(name, "", "файл пуст")])
    if data[:5] == b"%PDF-":
        return read_pdf(data, name)
    if data[:2] == b"PK":
        return read_docx(data, name)
    if b"\x00" in data[:4096]:
        raise InputError([InputProblem(name, "", "это не паспорт: нужен DOCX, PDF с текстовым слоем или текст "
                                                 "(UTF-8 или Windows-1251)")])
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text.count("\n") > MAX_TEXT_LINES:
        raise InputError([InputProblem(name, "", f"в тексте больше {MAX_TEXT_LINES:,} строк".replace(",", " "))])
    return from_text(name, "text", text.replace("\r\n", "\n").replace("\r", "\n"))
