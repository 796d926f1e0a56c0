"""`python -m loaders users …` — the operator's accounts tool on the server: add, list, set-role, set-email,
disable, enable, unlock, reset-password, events, rotate-key. A password is read from stdin (asked twice on a
terminal), never from the command line, and never printed. The command line trusts whoever runs it on the server:
every change it makes is logged with «командная строка» and the operating-system account and machine."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from accounts.accounts import Accounts
from accounts.rules import AccountError
from accounts.sign_in import SignIns
from domain.access import ROLES
from domain.cli import cli_origin
from model.opening import built_passport_ids
from store.location import FACTS_HELP, open_store


def read_password(prompt: str = "Пароль: ") -> str:
    """The password: asked twice on a terminal (they must match), else the first line of stdin."""
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Ещё раз: ") != first:
            raise AccountError("пароли не совпали, ничего не изменено")
        return first
    line = sys.stdin.readline()
    if not line:
        raise AccountError("пароль не получен: передайте его на стандартный ввод (одна строка)")
    return line.rstrip("\r\n")


def _known_passports(db: str) -> list[str] | None:
    """Passport ids of the built model (None when it cannot be read: the ids are then not checked)."""
    ids = built_passport_ids(Path(db))
    if ids is None:
        print(f"Замечание: база {db} не читается, паспорта учётной записи не сверены с моделью", file=sys.stderr)
    return ids


def _operator(args: argparse.Namespace, accounts: Accounts) -> str:
    """Who the account log names: the admin given in --user, else the server's operator."""
    if not args.user:
        return "оператор сервера"
    admin = accounts.get(args.user)
    if admin is None or admin.role != "admin" or not admin.active:
        raise AccountError(f"«{args.user}» — не действующий администратор: управлять пользователями нельзя")
    return admin.shown


def cmd_users(args: argparse.Namespace) -> int:
    store = open_store(args.facts)
    accounts = Accounts(store, client=cli_origin())
    action = args.users_command
    if action == "list":
        table = accounts.table()
        if table.empty:
            closed = accounts.keys.exists()
            print("Учётных записей нет: " + ("приложение закрыто — у установки есть ключ входа" if closed else
                                             "приложение открыто без входа")
                  + ". Первая: python -m loaders users add ЛОГИН --role admin")
        else:
            print(table.to_string(index=False))
        return 0
    if action == "events":
        print(accounts.events(args.limit).to_string(index=False))
        return 0
    by = _operator(args, accounts)
    if action == "add":
        password = read_password()
        account = accounts.add(args.login, args.role, args.passport or [], password, name=args.name or "", by=by,
                               known=_known_passports(args.db), email=args.email or "")
        print(f"Учётная запись «{account.login}» создана: {ROLES.label(account.role)}"
              + (f", паспорта: {', '.join(account.passports)}" if account.passports else ""))
        print(f"Ключ входа: {accounts.keys.where} — держите его на сервере, не в копиях хранилища")
    elif action == "set-role":
        accounts.set_role(args.login, args.role, args.passport or [], by=by, known=_known_passports(args.db))
        print(f"Роль «{args.login}» изменена; открытые сеансы этой записи закрыты")
    elif action in ("disable", "enable"):
        accounts.set_active(args.login, action == "enable", by=by)
        print(f"Учётная запись «{args.login}» " + ("включена" if action == "enable" else "отключена"))
    elif action == "unlock":
        accounts.unlock(args.login, by=by)
        print(f"Неудачные попытки входа «{args.login}» забыты: вход больше не откладывается")
    elif action == "set-email":
        accounts.set_email(args.login, args.email, by=by)
        print(f"Адрес почты «{args.login}» " + ("изменён" if args.email else "удалён"))
    elif action == "rotate-key":
        SignIns(store, keys=accounts.keys).rotate_key(by, cli_origin())
        print(f"Новый ключ входа записан ({accounts.keys.where}); все сеансы закрыты — пользователи входят заново")
    elif action == "reset-password":
        accounts.reset_password(args.login, read_password("Новый пароль: "), by=by)
        print(f"Пароль «{args.login}» сменён; открытые сеансы этой записи закрыты")
    return 0


def add_user_commands(sub: argparse._SubParsersAction) -> None:
    """Register `users` and its subcommands on the `python -m loaders` parser."""
    users = sub.add_parser("users", help="учётные записи: вход в приложение, роли и паспорта")
    users_sub = users.add_subparsers(dest="users_command", metavar="ДЕЙСТВИЕ", required=True)
    roles = ", ".join(f"{t.code} — {t.label}" for t in ROLES)

    def common(p: argparse.ArgumentParser, login: bool = True) -> None:
        if login:
            p.add_argument("login", metavar="ЛОГИН", help="логин: латиница, цифры, «.», «_», «-»")
        p.add_argument("--facts", default=None, help=FACTS_HELP)
        p.add_argument("--user", default=None, metavar="ЛОГИН", help="администратор, который вносит изменение")
        p.set_defaults(func=cmd_users)

    def role_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--role", required=True, choices=ROLES.codes, metavar="РОЛЬ", help=roles)
        p.add_argument("--passport", action="append", metavar="ID",
                       help="паспорт (id) или region:КОД — весь регион с муниципалитетами; можно несколько раз")

    add = users_sub.add_parser("add", help="новая учётная запись (пароль — со стандартного ввода)")
    common(add)
    role_args(add)
    add.add_argument("--name", metavar="ФИО", help="фамилия и инициалы для журнала изменений")
    add.add_argument("--email", metavar="АДРЕС", help="адрес почты: напоминания о сроках отчётов")
    common(users_sub.add_parser("list", help="все учётные записи"), login=False)
    events = users_sub.add_parser("events", help="журнал входов, блокировок и изменений учётных записей")
    common(events, login=False)
    events.add_argument("--limit", type=int, default=50, help="сколько последних событий (по умолчанию 50)")
    set_role = users_sub.add_parser("set-role", help="сменить роль и паспорта")
    common(set_role)
    role_args(set_role)
    common(users_sub.add_parser("disable", help="отключить (открытые сеансы закрываются)"))
    common(users_sub.add_parser("enable", help="включить снова"))
    common(users_sub.add_parser("unlock", help="забыть неверные пароли: вход больше не откладывается"))
    common(users_sub.add_parser("reset-password", help="новый пароль (со стандартного ввода)"))
    email = users_sub.add_parser("set-email", help="адрес почты для напоминаний (пустой — удалить)")
    common(email)
    email.add_argument("email", metavar="АДРЕС", help="имя@домен.рф или \"\"")
    common(users_sub.add_parser("rotate-key", help="новый ключ входа: все сеансы закрываются"), login=False)
