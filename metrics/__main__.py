"""`python -m metrics quality [--data DIR] [--passport ID]` — the data-quality report of the passports.

Exit code: 0 without error-level findings, 1 with them, 2 when the input files are rejected.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders import paths
from loaders.build import connect_memory
from loaders.errors import InputError
from metrics.quality import format_report, has_errors, quality_findings


def _cmd_quality(args: argparse.Namespace) -> int:
    try:
        con = connect_memory(Path(args.data))
    except InputError as exc:
        print("Отчёт не построен. Ошибки во входных файлах:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    try:
        ids = [r[0] for r in con.execute("select passport_id from passport order by 1").fetchall()]
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
    parser = argparse.ArgumentParser(prog="python -m metrics", description="ЦОС-монитор: показатели и проверки")
    sub = parser.add_subparsers(dest="command", required=True)
    quality = sub.add_parser("quality", help="отчёт о качестве данных паспортов")
    quality.add_argument("--data", default=str(paths.DATA_DIR), help="папка данных (по умолчанию data/)")
    quality.add_argument("--passport", default=None, help="только этот паспорт (например, tomsk)")
    quality.set_defaults(func=_cmd_quality)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
