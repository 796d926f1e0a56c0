"""CLI for facts: `facts-template --passport ID [--out FILE]` and `import-facts FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders import paths
from loaders.facts_io import fact_targets, plan_import_file, template_csv, template_frame, template_xlsx
from loaders.facts_store import FactStore
from loaders.model import open_model


def _store(args: argparse.Namespace) -> FactStore:
    return FactStore(Path(args.facts))


def cmd_template(args: argparse.Namespace) -> int:
    con = open_model(Path(args.data), Path(args.facts))
    try:
        frame = template_frame(con, args.passport, _store(args))
    except KeyError as exc:
        print(f"Ошибка: {exc.args[0]}", file=sys.stderr)
        return 2
    if args.out:
        out = Path(args.out)
        data = template_xlsx(frame) if out.suffix.lower() == ".xlsx" else template_csv(frame)
        out.write_bytes(data)
        print(f"Шаблон записан: {out} ({len(frame)} строк)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(template_csv(frame))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    store = _store(args)
    con = open_model(Path(args.data), Path(args.facts))
    plan = plan_import_file(Path(args.file), fact_targets(con), store, default_source=args.source,
                            is_example=args.example)
    if not plan.ok:
        print(f"Файл отклонён, ничего не сохранено. Исправьте {len(plan.problems)} ошибок:", file=sys.stderr)
        for problem in plan.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    counts = plan.counts()
    if args.dry_run:
        print(f"Проверка пройдена (ничего не сохранено): новых {counts['новый']}, изменённых {counts['изменён']}, "
              f"без изменений {counts['без изменений']}")
        return 0
    batch = store.apply(plan.changes, who=args.who, note=f"импорт {Path(args.file).name}")
    print(f"Сохранено: новых {counts['новый']}, изменённых {counts['изменён']}, без изменений "
          f"{counts['без изменений']}. Пакет {batch} (отмена: python -m loaders undo {batch})")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    try:
        batch = _store(args).undo(args.batch, who=args.who)
    except KeyError as exc:
        print(f"Ошибка: {exc.args[0]}", file=sys.stderr)
        return 2
    print(f"Пакет {args.batch} отменён (новый пакет {batch})")
    return 0


def add_fact_commands(sub: argparse._SubParsersAction) -> None:
    """Register the facts subcommands on the `python -m loaders` parser."""
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--facts", default=str(paths.FACTS_PATH), help="хранилище фактов (data/facts.sqlite)")
        p.add_argument("--who", default=None, help="кто вносит (по умолчанию — пользователь ОС)")

    t = sub.add_parser("facts-template", help="шаблон для ввода фактов по паспорту")
    t.add_argument("--passport", required=True, help="идентификатор паспорта: amur, tomsk")
    t.add_argument("--out", help="файл .csv или .xlsx (по умолчанию CSV в stdout)")
    common(t)
    t.set_defaults(func=cmd_template)

    i = sub.add_parser("import-facts", help="загрузить заполненный шаблон (CSV/XLSX)")
    i.add_argument("file")
    i.add_argument("--source", help="источник для строк, где он не указан")
    i.add_argument("--example", action="store_true", help="загрузить как пример (не официальные данные)")
    i.add_argument("--dry-run", action="store_true", help="только проверить и показать изменения")
    common(i)
    i.set_defaults(func=cmd_import)

    u = sub.add_parser("undo", help="отменить пакет изменений фактов")
    u.add_argument("batch")
    common(u)
    u.set_defaults(func=cmd_undo)
