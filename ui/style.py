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


#: what screen readers and the file's chip say, in Russian: Streamlit names the uploader's parts in English
#: («file upload», «Remove …», «Add files», sizes «91.0B»). Fixed rules only, no user text; installed once per page.
_ARIA = """
<script>
(function () {
  if (window.__cosRussianWidgets) return;
  window.__cosRussianWidgets = true;
  var units = {B: "Б", KB: "КБ", MB: "МБ", GB: "ГБ"};
  function size(text) {
    return text.replace(/(\\d+(?:\\.\\d+)?)\\s*(GB|MB|KB|B)\\b/g, function (_, n, u) {
      return String(parseFloat(n)).replace(".", ",") + "\\u00a0" + units[u]; });
  }
  function fix(root) {
    root.querySelectorAll('[data-testid="stFileUploaderDropzone"]').forEach(function (zone) {
      var input = zone.querySelector('input[type="file"]');
      var label = zone.getAttribute("aria-label");
      if (input && label && input.getAttribute("aria-label") !== label) input.setAttribute("aria-label", label);
    });
    root.querySelectorAll('[data-testid="stFileChip"]').forEach(function (chip) {
      var said = chip.getAttribute("aria-label") || "";
      if (/\\d(B|KB|MB|GB)\\b/.test(said)) chip.setAttribute("aria-label", size(said));
      chip.querySelectorAll("div").forEach(function (d) {
        var text = d.textContent;
        if (d.children.length === 0 && /^\\d+(\\.\\d+)?(B|KB|MB|GB)$/.test(text)) d.textContent = size(text);
      });
    });
    root.querySelectorAll('[data-testid="stFileUploader"] button[aria-label]').forEach(function (b) {
      var said = b.getAttribute("aria-label");
      if (said.indexOf("Remove ") === 0) b.setAttribute("aria-label", "Удалить файл " + said.slice(7));
      else if (said === "Add files") b.setAttribute("aria-label", "Добавить файл");
    });
  }
  fix(document);
  // the page is Russian (screen readers, hyphenation, the browser's translate offer): Streamlit sets «en»
  var root = document.documentElement;
  if (root.lang !== "ru") root.lang = "ru";
  new MutationObserver(function () { if (root.lang !== "ru") root.lang = "ru"; }).observe(root, {attributes: true,
    attributeFilter: ["lang"]});
  new MutationObserver(function () { fix(document); }).observe(document.body, {subtree: true, childList: true,
    attributes: true, attributeFilter: ["aria-label"]});
})();
</script>
"""


#: below this width the sidebar starts collapsed (Streamlit's own «auto» does it only below 768 px): on a laptop with
#: a docked window or a tablet the page gets the whole width; the «>» at the top left opens the menu and the filters
NARROW_PX = 1000
_SIDEBAR = """
<script>
(function () {
  var key = "cosSidebarFolded";
  if (window.__cosSidebar || sessionStorage.getItem(key)) return;
  window.__cosSidebar = true;
  if (window.innerWidth >= NARROW_PX) return;
  var tries = 0;
  var timer = setInterval(function () {
    var sidebar = document.querySelector('[data-testid="stSidebar"]');
    var fold = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    tries += 1;
    if (sidebar && fold && sidebar.getAttribute("data-collapsed") === "false") {
      fold.click(); sessionStorage.setItem(key, "1"); clearInterval(timer);
    } else if (tries > 100 || (sidebar && sidebar.getAttribute("data-collapsed") === "true")) {
      sessionStorage.setItem(key, "1"); clearInterval(timer);
    }
  }, 50);
})();
</script>
""".replace("NARROW_PX", str(NARROW_PX))


def apply() -> None:
    """Once per run, from the entrypoint."""
    st.html(_CSS)
    st.html(_ARIA + _SIDEBAR, unsafe_allow_javascript=True, width=1)
