"""Import a passport document: read it, check the files it gives exactly as the build will, show what changes,
write the folder whole. Nothing is written when the review has an error."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from domain.problems import InputError
from passport_documents.changes import Change, changes
from passport_documents.document import Document
from passport_documents.folder import render, write_folder
from passport_documents.opening import open_document
from passport_documents.reading import read_form
from passport_documents.review import Review
from passports.reading import load_passport
from passports.schema import PASSPORT_FILES

#: a passport id: what it is called in folders, addresses and the facts store
PASSPORT_ID = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


@dataclass
class Prepared:
    """An import ready to be saved (or refused): the files' data and texts, the review and what would change."""

    passport_id: str
    review: Review
    document: Document | None = None
    files: dict[str, dict] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    exists: bool = False

    @property
    def ok(self) -> bool:
        return self.review.ok and bool(self.texts)


def prepare(data: bytes, name: str, passport_id: str, data_dir: Path) -> Prepared:
    """Read the document and check the passport it gives; nothing is written."""
    review = Review(name)
    if not PASSPORT_ID.match(passport_id or ""):
        review.error("basics", 0, f"идентификатор паспорта «{passport_id}» не подходит: строчные латинские буквы, "
                                  "цифры, «_» и «-», с буквы (например, tomsk или novosibirsk_city)")
        return Prepared(passport_id, review)
    try:
        doc = open_document(data, name)
    except InputError as exc:
        for problem in exc.problems:
            review.error("basics", 0, f"{problem.place + ': ' if problem.place else ''}{problem.message}")
        return Prepared(passport_id, review)
    files, review = read_form(doc, passport_id)
    prepared = Prepared(passport_id, review, doc, files)
    if not review.ok:
        return prepared
    texts = {n: render(n, files[n], name) for n in PASSPORT_FILES}
    with tempfile.TemporaryDirectory(prefix="cos-import-") as tmp:
        folder = Path(tmp) / passport_id
        folder.mkdir()
        for n, text in texts.items():
            (folder / n).write_text(text, encoding="utf-8")
        try:
            load_passport(folder)
        except InputError as exc:
            for problem in exc.problems:
                review.error("basics", 0, f"паспорт не проходит проверку загрузчика: {Path(problem.file).name}: "
                                          f"{problem.place}: {problem.message}")
            return prepared
    target = data_dir / "passports" / passport_id
    prepared.texts = texts
    prepared.exists = target.is_dir()
    prepared.changes = changes(target, files)
    return prepared


def save(prepared: Prepared, data_dir: Path, replace: bool = False) -> Path:
    """Write the checked passport into data_dir/passports/<id>; FileExistsError when it exists and not replace."""
    if not prepared.ok:
        raise ValueError("паспорт с ошибками не записывается")
    target = data_dir / "passports" / prepared.passport_id
    write_folder(target, prepared.texts, replace)
    return target
