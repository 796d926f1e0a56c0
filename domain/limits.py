"""Limits checked before and while a file is parsed, so one hostile file cannot take the server down.

The figures keep any single file within 2 GB of memory and 30 s (bench/bad_inputs.py measures the worst cases);
they are far above what a real facts file or passport needs (a template of both passports: 465 rows, 25 KB).
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Sizes a file may have; past any of them it is refused with a Russian message naming the file."""

    #: an uploaded or imported facts file (the page's upload limit is the same)
    file_bytes: int = 20 * MB
    #: data rows of a facts file (blank rows count: they are rows of the sheet)
    rows: int = 200_000
    #: columns of a facts file (the template has 15)
    columns: int = 100
    #: characters in one cell
    cell_chars: int = 10_000
    #: cells of an XLSX workbook parsed, all sheets and passes together (openpyxl parses ~100 000 cells a second)
    xlsx_cells: int = 1_000_000
    #: members of an XLSX archive
    xlsx_members: int = 1_000
    #: uncompressed size of a sheet, of any other part (shared strings, styles: parsed whole, ~3 MB a second),
    #: and of all parts together
    xlsx_sheet_bytes: int = 60 * MB
    xlsx_part_bytes: int = 8 * MB
    xlsx_total_bytes: int = 100 * MB
    #: uncompressed / compressed size of a member larger than xlsx_ratio_from (real sheets: ~10–20)
    xlsx_ratio: int = 100
    xlsx_ratio_from: int = 1 * MB
    #: a passport YAML file
    yaml_bytes: int = 5 * MB
    #: aliases (*name) in one YAML file, nesting depth, and nodes counted with every alias expanded
    yaml_aliases: int = 100
    yaml_depth: int = 32
    yaml_nodes: int = 1_000_000
    #: problems reported for one file: past this the check stops and says so
    problems: int = 100


LIMITS = ReadLimits()


def mb(n: int) -> str:
    """Bytes as whole or decimal megabytes for a message: «20 МБ», «0,5 МБ»."""
    value = n / MB
    text = f"{value:.0f}" if value >= 10 or value.is_integer() else f"{value:.1f}".replace(".", ",")
    return f"{text} МБ"
