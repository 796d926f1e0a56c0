"""`python -m metrics quality [--data DIR] [--passport ID]` — the data-quality report of the passports.

Reads the built database (`python -m loaders`); with --data it first builds one from that folder into a
temporary file. Exit code: 0 without error-level findings, 1 with them, 2 when the input is refused.
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
from metrics.overview import passports
from metrics.quality import format_report, has_errors, quality_findings


def _open(args: argparse.Namespace, tmp: Path):
    if args.data is None:
        return open_model(Path(args.db), pd.DataFrame())
    db = tmp / "quality.duckdb"
    build_database(Path(args.data), db, facts=pd.DataFrame())
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
            ids = list(passports(con)["passport_id"])
            if args.passport:
                if args.passport not in ids:
                    print(f"Паспорт «{args.passport}» не найден; есть: {', '.join(ids)}", file=sys.stderr)
                    return 2
                ids = [args.passport]
            findings = quality_findings(con, args.passport)
        finally:
            con.close()
    print(format_report(findings, ids), end="")
    return 1 if has_errors(findings) else 0


def main(argv: list[str] | None = None) -> int:
    parser = RussianParser(prog="python -m metrics", description="ЦОС-монитор: показатели и проверки")
    sub = parser.add_subparsers(dest="command", required=True)
    quality = sub.add_parser("quality", help="отчёт о качестве данных паспортов")
    quality.add_argument("--data", default=None, help="собрать базу из этой папки данных и проверить её")
    quality.add_argument("--db", default=str(paths.DB_PATH), help="файл базы (по умолчанию data/cos.duckdb)")
    quality.add_argument("--passport", default=None, help="только этот паспорт (например, tomsk)")
    quality.set_defaults(func=_cmd_quality)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
