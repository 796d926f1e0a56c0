"""CLI for facts: `facts-template --passport ID [--out FILE]`, `import-facts FILE` and `undo BATCH`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from accounts.accounts import Accounts
from accounts.rules import AccountError
from domain.access import Account
from domain.cli import cli_origin
from domain.files import write_private
from domain.formatting import count_of
from domain.problems import InputError
from facts.plan import CHANGE_EDIT, CHANGE_NEW, CHANGE_SAME
from facts.service import FactsService
from facts.targets import fact_targets
from facts.template import template_csv, template_frame, template_xlsx
from model.opening import open_model, passport_regions
from store.location import FACTS_HELP, open_store


def _print_problems(title: str, exc: InputError) -> None:
    print(title, file=sys.stderr)
    for problem in exc.problems:
        print(f"  - {problem}", file=sys.stderr)


def errors_title(n: int) -> str:
    """«1 ошибка», «2 ошибки», «5 ошибок»."""
    return count_of(n, "ошибка", "ошибки", "ошибок")


def acting_account(args: argparse.Namespace, store) -> Account | None:
    """Whose rights apply and who is audited: once the store has accounts, --user LOGIN (and never --who)."""
    accounts = Accounts(store)
    user = getattr(args, "user", None)
    if not accounts.exist():
        if user:
            raise AccountError("учётных записей ещё нет: --user не нужен, автора назовите в --who")
        return None
    if getattr(args, "who", None):
        raise AccountError("--who не принимается: в хранилище есть учётные записи, укажите --user ЛОГИН")
    if not user:
        raise AccountError("в хранилище есть учётные записи: укажите --user ЛОГИН — чьи права применяются и кто "
                           "записывается в журнал")
    account = accounts.get(user)
    if account is None:
        raise AccountError(f"учётной записи «{user}» нет (список: python -m loaders users list)")
    if not account.active:
        raise AccountError(f"учётная запись «{account.login}» отключена")
    return account


def _service(args: argparse.Namespace) -> tuple[FactsService, object]:
    store = open_store(args.facts)
    account = acting_account(args, store)
    con = open_model(Path(args.db), store)
    return FactsService(store, fact_targets(con), account=account, region_of=passport_regions(con).get,
                        origin=cli_origin()), con


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
            write_private(out, data)
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
    account = acting_account(args, store)
    try:  # the regions of the passports, for an editor whose list names a region; undo needs no model otherwise
        regions = passport_regions(open_model(Path(args.db), store))
    except (InputError, OSError):
        regions = {}
    service = FactsService(store, account=account, region_of=regions.get, origin=cli_origin())
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
                       help="кто вносит изменения (фамилия и инициалы; иначе переменная COS_AUTHOR) — пока нет "
                            "учётных записей")
        p.add_argument("--user", default=None, metavar="ЛОГИН",
                       help="учётная запись, чьи права применяются и кто записывается в журнал (обязательно, когда "
                            "есть учётные записи)")

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
