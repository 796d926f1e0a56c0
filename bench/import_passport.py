"""Time `import-passport` on the two signed passports as text, DOCX and PDF, and on a 200-page PDF (the Amur
passport with its plan of activities printed again until the document has 200 pages).

    python bench/import_passport.py            # prints a table; the goal: the 200-page PDF in ≤ 10 s
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from passport_documents.importer import prepare  # noqa: E402
from tests.passport_documents.documents import make_docx, make_pdf  # noqa: E402

SOURCES = ROOT / "data" / "sources"


def _time(data: bytes, name: str, passport_id: str, runs: int = 3) -> tuple[float, int, bool]:
    """Median seconds of a whole import check (read, review, loader's check), the document's lines, whether ok."""
    seconds, lines, ok = [], 0, False
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            started = time.perf_counter()
            prepared = prepare(data, name, passport_id, Path(tmp))
            seconds.append(time.perf_counter() - started)
            ok = prepared.ok
            lines = len(prepared.document.lines) if prepared.document else 0
    return statistics.median(seconds), lines, ok


def main() -> None:
    rows = []
    for passport_id in ("amur", "tomsk"):
        text = (SOURCES / f"{passport_id}.txt").read_text(encoding="utf-8")
        for kind, data in (("txt", text.encode()), ("docx", make_docx(text)), ("pdf", make_pdf(text))):
            seconds, lines, ok = _time(data, f"{passport_id}.{kind}", passport_id)
            rows.append((f"{passport_id}.{kind}", f"{len(data) / 1024:.0f} КБ", lines, seconds, ok))
    text = (SOURCES / "amur.txt").read_text(encoding="utf-8")
    big = make_pdf(text, repeat_from="ПРИЛОЖЕНИЕ № 2", pages=200)
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(big))
    seconds, lines, ok = _time(big, "amur_200.pdf", "amur", runs=1)
    rows.append((f"amur_{pages}.pdf ({pages} страниц)", f"{len(big) / 1024:.0f} КБ", lines, seconds, ok))
    print(f"{'документ':32} {'размер':>9} {'строк':>7} {'импорт, с':>10}  без ошибок")
    for name, size, lines, seconds, ok in rows:
        print(f"{name:32} {size:>9} {lines:>7} {seconds:>10.2f}  {'да' if ok else 'нет'}")


if __name__ == "__main__":
    main()
