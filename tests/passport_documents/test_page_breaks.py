"""A page break may cut any row of the plan of activities anywhere: the repeated header, then the rest of the row in
a line whose first cell is empty. Wherever it falls, the importer reads the same plan (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from passport_documents.document import from_text
from passport_documents.reading import read_form
from tests.helpers import DATA

TEXT = (DATA / "sources" / "amur.txt").read_text(encoding="utf-8")
LINES = TEXT.split("\n")
HEADER = next(i for i, line in enumerate(LINES) if line.startswith("№ п/п\tНаименование результата"))
SUB_HEADER = LINES[HEADER + 1]
#: rows of the plan whose name is long enough to be cut
ROWS = [i for i, line in enumerate(LINES) if i > HEADER and line.split("\t")[0].strip()[:1].isdigit()
        and len(line.split("\t")) == 7 and len(line.split("\t")[1]) > 40]


def _plan(text: str) -> list[dict]:
    files, review = read_form(from_text("amur.txt", "text", text), "amur")
    assert review.ok
    plan = files["activities.yaml"]["activities"]
    return [{k: v for k, v in a.items() if k not in ("line", "delivers")} for a in plan]


EXPECTED = _plan(TEXT)


@settings(max_examples=25, deadline=None)
@given(row=st.sampled_from(ROWS), cut=st.floats(0.2, 0.8))
def test_a_row_cut_by_a_page_break_reads_the_same(row, cut):
    cells = LINES[row].split("\t")
    name = cells[1]
    at = name.find(" ", int(len(name) * cut))
    if at < 0:
        return
    first = "\t".join([cells[0], name[:at], *cells[2:]])
    rest = "\t".join(["", name[at + 1:]] + [""] * (len(cells) - 2))
    text = "\n".join([*LINES[:row], first, "", LINES[HEADER], SUB_HEADER, rest, *LINES[row + 1:]])
    assert _plan(text) == EXPECTED
