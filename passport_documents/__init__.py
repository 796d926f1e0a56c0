"""A passport document (DOCX, text PDF or text) of the standard form → the passport's YAML folder, with a review.

The route is a straight line: the file's bytes → `Document` (lines of cells, one reader per format, limits before
parsing) → the form's sections (`form`) → one reader per section → the passport's files as plain data, every guess
and every line that found no place noted in a `Review` → checked by `passports.reading` on a temporary folder →
written whole (`folder`), or not at all."""
