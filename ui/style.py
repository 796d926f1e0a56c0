"""What the app can say in Russian where Streamlit itself speaks English, and the layout at narrow widths."""

from __future__ import annotations

import streamlit as st

#: no user text here: fixed rules only
_CSS = """
<style>
/* the file uploader: Russian hint and button instead of Streamlit's English ones */
[data-testid="stFileUploaderDropzoneInstructions"] span, [data-testid="stFileUploaderDropzoneInstructions"] small {
  display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {
  content: "Перетащите файл сюда · CSV или XLSX, до 20 МБ"; font-size: 0.9rem; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none; }
[data-testid="stFileUploaderDropzone"] button > div::after { content: "Выбрать файл"; font-size: 0.9rem; }
/* key numbers: a label wraps onto a second line instead of being cut at narrow widths */
[data-testid="stMetricLabel"] .stMarkdownEllipsis, [data-testid="stMetricLabel"] .stMarkdownEllipsis p {
  white-space: normal; overflow: visible; text-overflow: clip; }
/* long texts in tables wrap instead of running off the page */
[data-testid="stCaptionContainer"], [data-testid="stMarkdownContainer"] { overflow-wrap: anywhere; }
</style>
"""


def apply() -> None:
    """Once per run, from the entrypoint."""
    st.html(_CSS)
