"""Benchmark: peak memory and time of the worst inputs, each read in a fresh interpreter.

The bombs of the corpus (tests/bad_inputs/, class server_killers), and the largest files the limits let through:
an XLSX at the cell budget, one whose shared strings (parsed whole by openpyxl) are at their cap, one whose sheet
is a megabyte-deep list of column widths, a 20 MB CSV of 200 000 rows (read and validated), a 5 MB passport YAML.
Prints a table; the test tests/facts/test_bad_inputs.py holds the bombs to 2 GB and 30 s.

    python bench/bad_inputs.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.limits import LIMITS  # noqa: E402
from tests.bad_inputs import build as b  # noqa: E402
from tests.bad_inputs.cases import CASES  # noqa: E402

_PROBE = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from domain.problems import InputError
from passports.yaml_reader import read_yaml
path = Path(sys.argv[2])
started = time.perf_counter()
try:
    if path.suffix == ".yaml":
        read_yaml(path)
        verdict = "прочитан"
    else:
        import pandas as pd
        from model.build import build_database
        from facts.service import FactsService
        from store.facts_store import FactStore
        from facts.targets import fact_targets
        from model.opening import open_model
        db = Path(sys.argv[3])
        service = FactsService(FactStore(db.with_suffix(".sqlite")), fact_targets(open_model(db, pd.DataFrame())))
        started = time.perf_counter()
        plan = service.check_file(path.read_bytes(), path.name)
        verdict = str(plan.problems[0])[:90] if plan.problems else f"принят: {len(plan.changes)} фактов"
except InputError as exc:
    verdict = str(exc.problems[0])[:90]
# VmHWM: this interpreter's own peak (ru_maxrss would also count the parent's memory at fork)
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(json.dumps({"seconds": time.perf_counter() - started, "verdict": verdict, "peak_mb": peak / 1024},
                 ensure_ascii=False))
"""


def _with_part(raw: bytes, name: str, data: bytes, content_type: str = "", rel: str = "") -> bytes:
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "[Content_Types].xml" and content_type:
                part = part.replace(b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/>'
                                                 "</Types>".encode())
            if info.filename == "xl/_rels/workbook.xml.rels" and rel:
                part = part.replace(b"</Relationships>", f'<Relationship Id="rIdX" Type="{rel}" Target="'
                                                         f'{name.removeprefix("xl/")}"/></Relationships>'.encode())
            if info.filename != name:
                dst.writestr(info.filename, part)
        dst.writestr(name, data)
    return out.getvalue()


def shared_strings_at_cap() -> bytes:
    """Shared strings of tiny distinct strings, just under the cap for a part other than a sheet."""
    count = int(LIMITS.xlsx_part_bytes / 22)
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           + "".join(f"<si><t>{i}</t></si>" for i in range(count)) + "</sst>").encode()[:LIMITS.xlsx_part_bytes]
    sst = sst[:sst.rfind(b"</si>") + 5] + b"</sst>"
    ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    return _with_part(b.book([b.HEADER, b.GOOD]), "xl/sharedStrings.xml", sst,
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml", ns)


def column_widths_bomb() -> bytes:
    """A sheet that is almost all <col> elements, just under the sheet cap."""
    count = LIMITS.xlsx_sheet_bytes // 60
    cols = "".join(f'<col min="{i % 16384 + 1}" max="{i % 16384 + 1}" width="{9 + i % 7}" customWidth="1"/>'
                   for i in range(count))
    return b._replace(b.book([b.HEADER, b.GOOD]), b.SHEET,
                      lambda t: t.replace("<sheetData>", f"<cols>{cols}</cols><sheetData>", 1))


def cells_at_budget() -> bytes:
    """Real rows of the template up to the workbook's cell budget."""
    rows = LIMITS.xlsx_cells // (len(b.HEADER) + 1) - 2
    return b.book([b.HEADER] + [["amur", "показатель", "", "1.1", "", 2019 + i % 6, f"{i % 90},5", f"отчёт {i}"]
                                for i in range(rows)])


def csv_at_size_cap() -> bytes:
    """200 000 rows of 8 columns in Windows-1251: the row cap, near the 20 MB size cap."""
    lines = [";".join(b.HEADER)] + [f"amur;показатель;;1.1;;{2019 + i % 6};{i % 90},5;отчёт № {i}"
                                    for i in range(LIMITS.rows)]
    return "\r\n".join(lines).encode("cp1251")


def yaml_at_size_cap() -> bytes:
    """A 5 MB passport-like YAML file (methodology of many short entries)."""
    entry = "  - indicator: '1.{i}'\n    text: Методика расчёта показателя номер {i} по данным мониторинга\n"
    text, i = "methodology:\n", 0
    while len(text.encode()) < LIMITS.yaml_bytes - 200:
        text += entry.format(i=i)
        i += 1
    return text.encode()


def measure(path: Path, db: Path) -> dict:
    """Peak memory (MB) and time (s) of reading and checking one file in a fresh interpreter."""
    run = subprocess.run([sys.executable, "-c", _PROBE, str(ROOT), str(path), str(db)], capture_output=True,
                         text=True, timeout=600)
    if run.returncode != 0:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "verdict": run.stderr.strip()[-200:]}
    return json.loads(run.stdout)


def main() -> None:
    import pandas as pd

    from model.build import build_database

    tmp = Path(tempfile.mkdtemp(prefix="cos-bad-"))
    db = tmp / "cos.duckdb"
    build_database(ROOT / "data", db, facts=pd.DataFrame())
    files: dict[str, bytes] = {}
    for case in CASES:
        if case.klass == "server_killers":
            source = ROOT / "tests/bad_inputs" / case.klass / case.name
            files[case.name] = case.make() if case.make else source.read_bytes()
    files |= {"shared_strings_at_cap.xlsx": shared_strings_at_cap(), "column_widths.xlsx": column_widths_bomb(),
              "cells_at_budget.xlsx": cells_at_budget(), "csv_at_size_cap.csv": csv_at_size_cap(),
              "yaml_at_size_cap.yaml": yaml_at_size_cap()}
    print("Файлы фактов проверяет сервис фактов с открытой моделью (~200 МБ пика — сама модель); YAML читается один.")
    print(f"{'файл':32} {'размер, МБ':>10} {'время, с':>9} {'пик, МБ':>8}  итог")
    worst = {"seconds": 0.0, "peak_mb": 0.0}
    for name, raw in files.items():
        path = tmp / name
        path.write_bytes(raw)
        got = measure(path, db)
        worst = {k: max(worst[k], got[k]) for k in worst}
        print(f"{name:32} {len(raw) / 2**20:10.1f} {got['seconds']:9.2f} {got['peak_mb']:8.0f}  {got['verdict']}")
    print(f"худший случай: {worst['seconds']:.1f} с, {worst['peak_mb']:.0f} МБ (предел теста: 30 с, 2048 МБ)")


if __name__ == "__main__":
    main()
