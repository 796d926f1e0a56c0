"""The form's sections of a document read into the passport's files (plain data), every note in the review."""

from __future__ import annotations

from passport_documents.basics import read_basics
from passport_documents.document import Document
from passport_documents.form import REQUIRED, sections
from passport_documents.funding import read_funding
from passport_documents.indicators import read_indicators
from passport_documents.methodology import footnote_methodology, read_methodology
from passport_documents.participants import read_participants
from passport_documents.plan import read_plan
from passport_documents.results import read_results
from passport_documents.review import SECTIONS, Review


def read_form(doc: Document, passport_id: str) -> tuple[dict[str, dict], Review]:
    """{file name: data} of the passport and the review; files are empty when a required section is missing."""
    review = Review(doc.name)
    found = sections(doc)
    missing = [SECTIONS[key] for key in REQUIRED if key not in found]
    if missing:
        review.error("basics", 0, "в документе нет формы паспорта: не найдены разделы " + ", ".join(
            f"«{m}»" for m in missing) + " (заголовки «1. Основные положения» … «5. Участники» и «ПЛАН МЕРОПРИЯТИЙ»)")
        return {}, review
    methodology = read_methodology(doc, found["methodology"], review) if "methodology" in found else None
    named = [m["indicator_name"] for m in methodology or [] if m["indicator_name"]]
    indicators, sources = read_indicators(doc, found["indicators"], review, named)
    if methodology is None:
        methodology = footnote_methodology(doc, found["indicators"], indicators["indicators"], sources, review)
    results = read_results(doc, found["results"], review)
    files = {
        "passport.yaml": read_basics(doc, found["basics"], found["indicators"], passport_id, review),
        "indicators.yaml": indicators,
        "results.yaml": results,
        "funding.yaml": read_funding(doc, found["funding"], found.get("additional"), review),
        "participants.yaml": read_participants(doc, found["participants"], review),
        "activities.yaml": read_plan(doc, found["plan"], results["results"], review),
        "methodology.yaml": {"methodology": methodology},
    }
    return files, review
