"""`python -m reports progress|briefing` — the progress report (DOCX/XLSX) and the briefing deck (PPTX) or every
panel as PNG and CSV (ZIP) of one passport. Exit 0, or 1 with a Russian message (2 for a wrong command line)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from domain import paths
from domain.cli import RussianParser
from domain.files import write_private
from domain.formatting import fmt_date
from domain.periods import Period, PeriodError
from domain.problems import InputError
from reports.files import ReportFile, briefing_file, progress_file
from reports.progress import ReportError
from store.location import FACTS_HELP, open_store
from store.records import StoreError


class ReportFailed(Exception):
    """A report that was not made; the message is Russian."""


def _model(args: argparse.Namespace):
    from model.opening import open_model

    return open_model(Path(args.db), open_store(args.facts))


def _write(made: ReportFile, out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        write_private(tmp, made.data)
        tmp.replace(out)
    except OSError:
        raise ReportFailed(f"файл {out} не записан (нет папки или прав, или это папка)") from None


def _cmd_progress(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".docx", ".xlsx"):
        raise ReportFailed(f"отчёт о ходе реализации пишется в .docx или .xlsx, а не «{out.suffix or out.name}»")
    try:
        period = Period.parse(args.period)
    except PeriodError as exc:
        raise ReportFailed(str(exc)) from None
    made = progress_file(_model(args), args.passport, period, out.suffix.lower()[1:])
    _write(made, out)
    print(f"Отчёт о ходе реализации за {period.label} (на {fmt_date(period.end)}): {out}"
          f"{' — есть факты из ПРИМЕРА' if made.has_examples else ''}")
    return 0


def _cmd_briefing(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".pptx", ".zip"):
        raise ReportFailed(f"презентация пишется в .pptx (или все панели в .zip), а не «{out.suffix or out.name}»")
    try:
        as_of = date.fromisoformat(args.as_of) if "-" in args.as_of else _russian_date(args.as_of)
    except ValueError:
        raise ReportFailed(f"дата «{args.as_of}» не распознана: укажите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД") from None
    made = briefing_file(_model(args), args.passport, as_of, out.suffix.lower()[1:])
    _write(made, out)
    print(f"Презентация на {fmt_date(as_of)}: {out} ({made.summary})")
    return 0


def _russian_date(text: str) -> date:
    day, month, year = (int(x) for x in text.split("."))
    return date(year, month, day)


def main(argv: list[str] | None = None) -> int:
    """Run a command; whatever goes wrong, the user reads Russian, never a traceback (COS_DEBUG=1 shows it)."""
    parser = RussianParser(prog="python -m reports", description="ЦОС-монитор: отчёт о ходе реализации и "
                                                                "презентация")
    parser.add_argument("--db", default=str(paths.DB_PATH), help="файл базы DuckDB (по умолчанию data/cos.duckdb)")
    parser.add_argument("--facts", default=None, help=FACTS_HELP)
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА", required=True)
    progress = sub.add_parser("progress", help="отчёт о ходе реализации за период (DOCX или XLSX)")
    progress.add_argument("--passport", required=True, help="id паспорта (папка в data/passports)")
    progress.add_argument("--period", required=True, help="период: 2021, 2021-Q3 или 2021-09")
    progress.add_argument("--out", required=True, help="файл .docx или .xlsx")
    progress.set_defaults(func=_cmd_progress)
    briefing = sub.add_parser("briefing", help="презентация из панелей (PPTX) или все панели в PNG и CSV (ZIP)")
    briefing.add_argument("--passport", required=True, help="id паспорта (папка в data/passports)")
    briefing.add_argument("--as-of", required=True, help="по состоянию на: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД")
    briefing.add_argument("--out", required=True, help="файл .pptx или .zip")
    briefing.set_defaults(func=_cmd_briefing)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (ReportFailed, ReportError) as exc:
        print(f"Ошибка: {exc.args[0] if exc.args else exc}. Ничего не записано.", file=sys.stderr)
        return 1
    except InputError as exc:
        print("Ошибка: " + "; ".join(p.message for p in exc.problems) + ". Ничего не записано.", file=sys.stderr)
        return 1
    except StoreError as exc:
        print(f"Ошибка: {exc.message}. Ничего не записано.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Прервано.", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 - the last line of defence for the command line
        if os.environ.get("COS_DEBUG"):
            raise
        logging.getLogger("reports").debug("unexpected failure", exc_info=True)
        print("Непредвиденная ошибка: отчёт не сделан. Подробности для разработчиков: повторите команду с "
              "COS_DEBUG=1.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
