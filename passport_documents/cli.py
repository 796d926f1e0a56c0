"""`python -m loaders import-passport FILE --id ID [--dry-run] [--replace]`: a passport document → its folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from domain.formatting import fmt_int
from passport_documents.importer import prepare, save
from passport_documents.review import as_text


def add_passport_commands(sub) -> None:
    """Register the command on the loaders' subparsers."""
    cmd = sub.add_parser("import-passport", help="прочитать документ паспорта (DOCX, PDF с текстом, текст) в "
                                                 "data/passports/ID")
    cmd.add_argument("file", metavar="ФАЙЛ", help="документ паспорта: .docx, .pdf с текстовым слоем или .txt")
    cmd.add_argument("--id", required=True, dest="passport_id", metavar="ID",
                     help="идентификатор паспорта (имя папки): строчные латинские буквы, цифры, _ и -")
    cmd.add_argument("--dry-run", action="store_true", help="только прочитать и показать обзор, ничего не записывать")
    cmd.add_argument("--replace", action="store_true", help="заменить уже записанный паспорт с этим ID")
    cmd.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    """0 — written (or a dry run without errors), 1 — refused, 2 — the folder exists and --replace is not given."""
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError:
        print(f"Файл {path} не читается (нет файла или прав). Ничего не записано.", file=sys.stderr)
        return 1
    data_dir = Path(args.data)
    prepared = prepare(data, path.name, args.passport_id, data_dir)
    print(as_text(prepared.review, prepared.document, prepared.changes, prepared.exists))
    if not prepared.ok:
        print(f"\nПаспорт не записан: в обзоре {fmt_int(len(prepared.review.errors))} ошибк(и). Исправьте документ и "
              "повторите.", file=sys.stderr)
        return 1
    guesses = fmt_int(len(prepared.review.guesses))
    if args.dry_run:
        print(f"\nПроверка без записи: ошибок нет, догадок «проверьте»: {guesses}.")
        return 0
    if prepared.exists and not args.replace:
        print(f"\nПаспорт «{args.passport_id}» уже есть в {data_dir / 'passports' / args.passport_id}: он не "
              "перезаписан. Чтобы заменить его, добавьте --replace.", file=sys.stderr)
        return 2
    target = save(prepared, data_dir, replace=args.replace)
    print(f"\nПаспорт записан: {target} (догадок «проверьте»: {guesses}). Соберите базу: python -m loaders")
    return 0
