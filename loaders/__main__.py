"""`python -m loaders` — the operator's command line: build the database (the default), the facts commands
(facts.cli: facts-template, import-facts, undo, copy-facts), the accounts (accounts.cli: users …) and a passport
document read into its folder (passport_documents.cli: import-passport)."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from pathlib import Path

from accounts.cli import add_user_commands
from accounts.rules import AccountError
from domain import paths
from domain.cli import RussianParser
from domain.problems import InputError
from facts.cli import add_fact_commands
from model.build import build_database, summary_lines
from passport_documents.cli import add_passport_commands
from store.records import StoreError


def _cmd_build(args: argparse.Namespace) -> int:
    try:
        report = build_database(Path(args.data), Path(args.db))
    except InputError as exc:
        print("Сборка базы отменена, прежняя база не изменена. Ошибки во входных файлах:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    except OSError:
        print(f"Сборка базы отменена, прежняя база не изменена: файл {args.db} не записан (нет папки или прав, "
              "или это папка).", file=sys.stderr)
        return 2
    print("\n".join(summary_lines(report)))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run a command; whatever goes wrong, the user reads Russian, never a traceback (COS_DEBUG=1 shows it)."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("Прервано.", file=sys.stderr)
        return 130
    except AccountError as exc:
        print(f"Ошибка: {exc.message}. Ничего не изменено.", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"Ошибка: {exc.message}. Ничего не изменено.", file=sys.stderr)
        return 2
    except sqlite3.Error:
        print("Хранилище фактов не открывается (--facts или COS_FACTS_DB): путь — папка, нет прав или файл "
              "повреждён. Ничего не изменено.", file=sys.stderr)
        return 2
    except Exception:  # noqa: BLE001 - the last line of defence for the command line
        if os.environ.get("COS_DEBUG"):
            raise
        logging.getLogger("loaders").debug("unexpected failure", exc_info=True)
        print("Непредвиденная ошибка: команда не выполнена, хранилище фактов и база не изменены. Подробности "
              "для разработчиков: повторите команду с COS_DEBUG=1.", file=sys.stderr)
        return 1


def _main(argv: list[str] | None = None) -> int:
    parser = RussianParser(prog="python -m loaders", description="ЦОС-монитор: загрузка данных")
    parser.add_argument("--data", default=str(paths.DATA_DIR), help="папка данных (по умолчанию data/)")
    parser.add_argument("--db", default=str(paths.DB_PATH), help="файл базы DuckDB (по умолчанию data/cos.duckdb)")
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА")
    sub.add_parser("build", help="проверить файлы и собрать базу (по умолчанию)")
    add_fact_commands(sub)
    add_user_commands(sub)
    add_passport_commands(sub)
    args = parser.parse_args(argv)
    if args.command in (None, "build"):
        return _cmd_build(args)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
