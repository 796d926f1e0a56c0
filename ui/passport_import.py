"""«Паспорта»: a passport document uploaded, its review section by section with the document's line beside each
value, «Сохранить паспорт» — the folder written, the model rebuilt as `python -m loaders` builds it (atomically:
a failed build leaves the old database) and opened anew, so the passport is on every page."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from domain import paths
from domain.formatting import fmt_int
from domain.problems import InputError
from model.build import build_database
from passport_documents.importer import Prepared, prepare, save
from passport_documents.review import SECTIONS
from ui.model import reload_model

_MAX_ROWS = 500
#: the stack of the thread that reads a document: the YAML check's native reader recurses deeper than the
#: small stack of Streamlit's script thread allows (the server crashed with SIGSEGV)
_STACK_BYTES = 256 * 1024 * 1024


def _on_big_stack(fn: Callable[..., Any], *args: Any) -> Any:
    """Run fn in a thread with a large stack and return what it returns (or raise what it raised)."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["value"] = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller as it is
            out["error"] = exc

    previous = threading.stack_size(_STACK_BYTES)
    try:
        worker = threading.Thread(target=run, name="passport-import")
        worker.start()
    finally:
        threading.stack_size(previous)
    worker.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def plain(text: str) -> str:
    """A message that quotes the document or the user (a file name, an id) shown as text, not as Markdown."""
    return "".join("\\" + ch if ch in "\\`*_{}[]()#+-.!|<>~$" else ch for ch in text)


def _line_text(prepared: Prepared, number: int) -> str:
    if prepared.document is None or not number:
        return ""
    return " | ".join(c.strip() for c in prepared.document.line(number).cells if c.strip())


def prepared_upload(data: bytes, name: str, passport_id: str) -> Prepared:
    """The import of an upload, kept for the session while the file and id stay the same."""
    key = (name, len(data), hash(data), passport_id)
    held = st.session_state.get("passport_import")
    if held is None or held[0] != key:
        held = (key, _on_big_stack(prepare, data, name, passport_id, paths.DATA_DIR))
        st.session_state["passport_import"] = held
    return held[1]


def show_review(prepared: Prepared) -> None:
    """What was read, section by section: counts, errors, lines without a place, guesses — each beside its line."""
    review = prepared.review
    if review.ok:
        st.success(f"Документ прочитан: ошибок нет, догадок «проверьте»: {fmt_int(len(review.guesses))}, строк без "
                   f"места: {fmt_int(len(review.unplaced))}.", icon=":material/task_alt:")
    else:
        st.error(f"Паспорт не может быть сохранён: ошибок {fmt_int(len(review.errors))}.", icon=":material/error:")
    for key, title in SECTIONS.items():
        notes = review.of(key)
        if key not in review.counts and not any(notes.values()):
            continue
        with st.expander(f"{title} — {review.counts.get(key, 'не прочитан')}", expanded=bool(notes["errors"])):
            for note in notes["errors"]:
                st.error(plain(note.message + (f" (строка {note.line})" if note.line else "")))
            rows = [{"Что": "не размещена", "Строка": n.line, "Значение": "", "Пояснение": n.message,
                     "Строка документа": _line_text(prepared, n.line) or n.value} for n in notes["unplaced"]]
            rows += [{"Что": "проверьте", "Строка": n.line or None, "Значение": n.value[:300], "Пояснение": n.message,
                      "Строка документа": _line_text(prepared, n.line)[:300]} for n in notes["guesses"]]
            if rows:
                st.dataframe(pd.DataFrame(rows[:_MAX_ROWS]), hide_index=True, width="stretch")


def show_changes(prepared: Prepared) -> None:
    """What a re-upload changes in the stored passport."""
    if not prepared.exists:
        return
    st.subheader("Что изменится")
    if not prepared.changes:
        st.info("Документ даёт тот же паспорт, что уже записан: ничего не изменится.")
        return
    st.write(f"Изменится значений: {fmt_int(len(prepared.changes))}.")
    frame = pd.DataFrame([{"Файл": c.file, "Место": c.place, "Было": str(c.old)[:200], "Станет": str(c.new)[:200]}
                          for c in prepared.changes[:_MAX_ROWS]])
    st.dataframe(frame, hide_index=True, width="stretch")


def save_and_rebuild(prepared: Prepared, replace: bool) -> str | None:
    """Write the passport and rebuild the model; the error in Russian when either fails (then nothing changes on
    the pages: the build is atomic)."""
    try:
        target = save(prepared, paths.DATA_DIR, replace=replace)
    except FileExistsError:
        return "паспорт с этим идентификатором уже есть: отметьте «Заменить записанный паспорт»"
    except OSError:
        return f"папка {paths.DATA_DIR / 'passports'} не записывается (нет места или прав)"
    try:
        _on_big_stack(build_database, paths.DATA_DIR, paths.DB_PATH)
    except InputError as exc:
        return f"паспорт записан в {target}, но база не собрана: {exc.problems[0]}"
    except OSError:
        return f"паспорт записан в {target}, но файл базы {paths.DB_PATH} не записывается"
    reload_model()
    st.session_state.pop("passport_import", None)
    return None
