"""CLI for facts: `facts-template --passport ID [--out FILE]`, `import-facts FILE` and `undo BATCH`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from domain.formatting import count_of
from loaders.errors import InputError
from loaders.facts_service import FactsService
from loaders.facts_store import FACTS_HELP, open_store
from loaders.facts_template import fact_targets, template_csv, template_frame, template_xlsx
from loaders.facts_validate import CHANGE_EDIT, CHANGE_NEW, CHANGE_SAME
from loaders.model import open_model


def _print_problems(title: str, exc: InputError) -> None:
    print(title, file=sys.stderr)
    for problem in exc.problems:
        print(f"  - {problem}", file=sys.stderr)


def errors_title(n: int) -> str:
    """«1 ошибка», «2 ошибки», «5 ошибок»."""
    return count_of(n, "ошибка", "ошибки", "ошибок")


def _service(args: argparse.Namespace) -> tuple[FactsService, object]:
    store = open_store(args.facts)
    con = open_model(Path(args.db), store)
    return FactsService(store, fact_targets(con)), con


def cmd_template(args: argparse.Namespace) -> int:
    store = open_store(args.facts)
    try:
        con = open_model(Path(args.db), store)
        frame = template_frame(con, args.passport, store)
    except InputError as exc:
        _print_problems("Шаблон не создан:", exc)
        return 2
    except KeyError as exc:
        print(f"Ошибка: {exc.args[0]}", file=sys.stderr)
        return 2
    if args.out:
        out = Path(args.out)
        data = template_xlsx(frame) if out.suffix.lower() == ".xlsx" else template_csv(frame)
        try:
            if not out.parent.is_dir():
                raise FileNotFoundError
            out.write_bytes(data)
        except FileNotFoundError:
            print(f"Шаблон не записан: папки {out.parent} нет. Создайте её или укажите другую.", file=sys.stderr)
            return 1
        except IsADirectoryError:
            print(f"Шаблон не записан: {out} — это папка. Укажите имя файла .csv или .xlsx.", file=sys.stderr)
            return 1
        except OSError:
            print(f"Шаблон не записан: нет прав на запись в {out} или диск недоступен.", file=sys.stderr)
            return 1
        print(f"Шаблон записан: {out} ({count_of(len(frame), 'строка', 'строки', 'строк')})", file=sys.stderr)
    else:
        sys.stdout.buffer.write(template_csv(frame))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    try:
        service, _con = _service(args)
        plan = service.check_path(Path(args.file), default_source=args.source, is_example=args.example)
    except InputError as exc:
        _print_problems("Файл не загружен:", exc)
        return 2
    for note in plan.notes:
        print(f"Замечание: {note}", file=sys.stderr)
    if not plan.ok:
        print(f"Файл отклонён, ничего не сохранено: {errors_title(len(plan.problems))}.", file=sys.stderr)
        for problem in plan.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    counts = plan.counts()
    summary = (f"новых {counts[CHANGE_NEW]}, изменённых {counts[CHANGE_EDIT]}, "
               f"без изменений {counts[CHANGE_SAME]}")
    if args.dry_run:
        print(f"Проверка пройдена (ничего не сохранено): {summary}")
        return 0
    try:
        saved = service.save(plan, author=args.who, note=f"импорт {Path(args.file).name}")
    except InputError as exc:
        _print_problems("Ничего не сохранено:", exc)
        return 1
    if saved.batch_id is None:
        print(f"Нечего сохранять: {summary}")
        return 0
    print(f"Сохранено: {summary}. Пакет {saved.batch_id} (отмена: python -m loaders undo {saved.batch_id})")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    store = open_store(args.facts)
    service = FactsService(store)
    try:
        saved = service.undo(args.batch, author=args.who)
    except InputError as exc:
        _print_problems("Отмена не выполнена:", exc)
        return 2
    print(f"Пакет {args.batch} отменён (новый пакет {saved.batch_id})")
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    source, target = open_store(args.source), open_store(args.facts)
    if source.identity == target.identity:
        print("Копировать хранилище в само себя нельзя: в --from укажите другое.", file=sys.stderr)
        return 2
    copied = FactsService(target).copy_from(source)
    print(f"Скопировано из {source.identity} в {target.identity}: фактов {copied['fact']}, записей реестров "
          f"{copied['entry']}, строк журнала {copied['audit']}")
    return 0


def add_fact_commands(sub: argparse._SubParsersAction) -> None:
    """Register the facts subcommands on the `python -m loaders` parser."""
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--facts", default=None, help=FACTS_HELP)
        p.add_argument("--who", default=None,
                       help="кто вносит изменения (фамилия и инициалы; иначе переменная COS_AUTHOR)")

    t = sub.add_parser("facts-template", help="шаблон для ввода фактов по паспорту")
    t.add_argument("--passport", required=True, help="идентификатор паспорта: amur, tomsk")
    t.add_argument("--out", help="файл .csv или .xlsx (по умолчанию CSV в stdout)")
    common(t)
    t.set_defaults(func=cmd_template)

    i = sub.add_parser("import-facts", help="загрузить заполненный шаблон (CSV/XLSX)")
    i.add_argument("file", metavar="ФАЙЛ", help="заполненный шаблон: CSV или XLSX")
    i.add_argument("--source", help="источник для строк, где он не указан")
    i.add_argument("--example", action="store_true", help="загрузить как пример (не официальные данные)")
    i.add_argument("--dry-run", action="store_true", help="только проверить и показать изменения")
    common(i)
    i.set_defaults(func=cmd_import)

    u = sub.add_parser("undo", help="отменить пакет изменений фактов")
    u.add_argument("batch", metavar="ПАКЕТ", help="номер пакета из журнала изменений")
    common(u)
    u.set_defaults(func=cmd_undo)

    c = sub.add_parser("copy-facts", help="скопировать другое хранилище фактов целиком (с журналом и реестрами) "
                                          "в это, пустое: переезд с SQLite на PostgreSQL")
    c.add_argument("--from", dest="source", required=True, metavar="ИСТОЧНИК",
                   help="откуда: файл SQLite (например, data/facts.sqlite) или postgresql://…")
    c.add_argument("--facts", default=None, help="куда (пустое): " + FACTS_HELP)
    c.set_defaults(func=cmd_copy)
