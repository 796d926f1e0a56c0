"""`python -m metrics quality [--data DIR] [--passport ID] [--format text|csv] [--out FILE]` — the data-quality
report of the passports.

Reads the built database (`python -m loaders`), never the YAML files; with --data it first builds one from that
folder into a temporary file. By default a summary (totals, a line per check and severity, the passports with the
most findings); --passport ID: that passport's findings with their lines; --format csv: every finding (of all
passports or of --passport) as a table, texts guarded against formulas. Exit code: 0 without error-level
findings, 1 with them, 2 when the input is refused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

from domain.cli import RussianParser
from loaders import paths
from loaders.build import build_database
from loaders.errors import InputError
from loaders.model import open_model
from metrics.quality import (
    findings_csv,
    format_report,
    format_summary,
    has_errors,
    passport_ids,
    quality_findings,
    russian_table,
)


def _open(args: argparse.Namespace, tmp: Path):
    if args.data is None:
        return open_model(Path(args.db), pd.DataFrame())
    db = tmp / "quality.duckdb"
    build_database(Path(args.data), db, facts=pd.DataFrame(), cache=False)
    return open_model(db, pd.DataFrame(), data_dir=Path(args.data))


def _cmd_quality(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="cos-quality-") as tmp:
        try:
            con = _open(args, Path(tmp))
        except InputError as exc:
            print("Отчёт не построен:", file=sys.stderr)
            for problem in exc.problems:
                print(f"  - {problem}", file=sys.stderr)
            return 2
        try:
            ids = passport_ids(con)
            if args.passport:
                if args.passport not in ids:
                    shown = ", ".join(ids[:20]) + (f" и ещё {len(ids) - 20}" if len(ids) > 20 else "")
                    print(f"Паспорт «{args.passport}» не найден; есть: {shown}", file=sys.stderr)
                    return 2
            findings = quality_findings(con, args.passport)
        finally:
            con.close()
    table = russian_table(findings) if args.format == "csv" else None
    if table is not None:
        text = findings_csv(table)
    elif args.passport:
        text = format_report(findings, [args.passport])
    else:
        text = format_summary(findings, len(ids))
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8-sig" if table is not None else "utf-8", newline="")
        except OSError:
            print(f"Файл {args.out} не записан (нет папки или прав).", file=sys.stderr)
            return 2
    else:
        print(text, end="")
    return 1 if has_errors(findings) else 0


def main(argv: list[str] | None = None) -> int:
    parser = RussianParser(prog="python -m metrics", description="ЦОС-монитор: показатели и проверки")
    sub = parser.add_subparsers(dest="command", required=True)
    quality = sub.add_parser("quality", help="отчёт о качестве данных паспортов")
    quality.add_argument("--data", default=None, help="собрать базу из этой папки данных и проверить её")
    quality.add_argument("--db", default=str(paths.DB_PATH), help="файл базы (по умолчанию data/cos.duckdb)")
    quality.add_argument("--passport", default=None,
                         help="замечания только этого паспорта, со строками (например, tomsk)")
    quality.add_argument("--format", choices=["text", "csv"], default="text",
                         help="text — сводка или замечания паспорта (по умолчанию); csv — все замечания таблицей")
    quality.add_argument("--out", default=None, help="записать отчёт в файл (CSV — в UTF-8 с BOM для Excel)")
    quality.set_defaults(func=_cmd_quality)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
