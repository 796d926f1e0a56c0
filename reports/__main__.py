"""`python -m reports …` — the documents and the monitoring cycle of the passports: `progress` (the progress report of a
period: DOCX, XLSX or PDF), `briefing` (the deck, or every panel as PNG and CSV), `calendar` (which report is due when
and how it stands), `submit`, `approve`, `return` (a report's steps, with the account's rights), `send-due` (reminders
and approved reports by e-mail), `recipients` (a passport's mailing list). Exit 0, or 1 with a Russian message
(2 for a wrong command line)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from domain import paths
from domain.cli import RussianParser, cli_origin
from domain.files import write_private
from domain.formatting import fmt_date, fmt_int
from domain.periods import Period, PeriodError
from domain.problems import InputError
from store.location import FACTS_HELP, open_store
from store.records import StoreError

if TYPE_CHECKING:
    from reports.files import ReportFile

# Each command imports what it uses when it runs: the deck does not wait for the mail, the accounts or the PDF
# fonts, and it starts its browser before the heavy libraries load.


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
    from reports.files import PROGRESS_KINDS, progress_file

    out = Path(args.out)
    if out.suffix.lower()[1:] not in PROGRESS_KINDS:
        raise ReportFailed(f"отчёт о ходе реализации пишется в .docx, .xlsx или .pdf, а не «{out.suffix or out.name}»")
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
    from charts.png import start_renderer, stop_renderer

    start_renderer()  # Chromium starts now, while the libraries load, the model opens and the panels are computed
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="deck-model") as pool:
            opening = pool.submit(_model, args)  # DuckDB opens the model while the panels' libraries load
            from reports.files import briefing_file

            con = opening.result()
        made = briefing_file(con, args.passport, as_of, out.suffix.lower()[1:])
    finally:
        stop_renderer()  # closed before the end of the process removes its folder
    _write(made, out)
    print(f"Презентация на {fmt_date(as_of)}: {out} ({made.summary})")
    return 0


def _russian_date(text: str) -> date:
    day, month, year = (int(x) for x in text.split("."))
    return date(year, month, day)


def _day(text: str | None) -> date:
    """A date given as ДД.ММ.ГГГГ or ГГГГ-ММ-ДД (today when not given)."""
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text) if "-" in text else _russian_date(text)
    except ValueError:
        raise ReportFailed(f"дата «{text}» не распознана: укажите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД") from None


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise ReportFailed(str(exc)) from None


def _service(args: argparse.Namespace):
    """The facts service over the model for the command line's account (--user; --who while there are none)."""
    from facts.cli import acting_account
    from facts.service import FactsService
    from facts.targets import fact_targets
    from model.opening import open_model, passport_regions

    store = open_store(args.facts)
    account = acting_account(args, store)
    con = open_model(Path(args.db), store)
    return FactsService(store, fact_targets(con), account=account, region_of=passport_regions(con).get,
                        origin=cli_origin()), con


def _cmd_calendar(args: argparse.Namespace) -> int:
    from metrics.monitoring import report_calendar
    from metrics.overview import passport_names
    from panels.monitoring import calendar_table
    from spreadsheets.writing import to_csv

    con = _model(args)
    names = passport_names(con)
    unknown = [p for p in args.passport or [] if p not in names]
    if unknown:
        raise ReportFailed(f"паспорта «{unknown[0]}» нет; есть: {', '.join(list(names)[:20])}")
    as_of = _day(args.as_of)
    frame = report_calendar(con, tuple(args.passport) if args.passport else None, as_of)
    table = calendar_table(frame, names)
    if args.format == "csv":
        data = to_csv(table)
        if args.out:
            write_private(Path(args.out), data)
        else:
            sys.stdout.write(data.decode("utf-8-sig"))
        return 0
    shown = table.assign(Срок=[fmt_date(d) for d in table["Срок"]],
                         **{"Дней просрочки": [fmt_int(x, "") for x in table["Дней просрочки"]]})
    marks = frame["mark"].value_counts()
    print(f"Календарь отчётов на {fmt_date(as_of)}: отчётов {len(table)}, просрочено {int(marks.get('late', 0))}, "
          f"скоро срок {int(marks.get('soon', 0))}, сдано {int(marks.get('done', 0))}.")
    print(shown.to_string(index=False))
    return 0


def _cmd_step(args: argparse.Namespace) -> int:
    from reports.cycle import submit

    service, con = _service(args)
    period = _period(args.period)
    if args.command == "submit":
        saved = submit(con, service, args.passport, period, author=args.who, comment=args.comment)
    elif args.command == "approve":
        saved = service.approve_report(args.passport, period, author=args.who, comment=args.comment)
    else:
        saved = service.return_report(args.passport, period, author=args.who, reason=args.comment)
    report = service.report(args.passport, period)
    print(f"Отчёт «{args.passport}» за {period.label}: {report.state_label} (пакет {saved.batch_id}; отмена: "
          f"python -m loaders undo {saved.batch_id})")
    return 0


def _cmd_send_due(args: argparse.Namespace) -> int:
    from reports.mail import send_due

    service, con = _service(args)
    outcome = send_due(con, service, _day(args.as_of), dry_run=args.dry_run,
                       app_url=os.environ.get("COS_APP_URL") or None)
    print("\n".join(outcome.lines(args.dry_run)))
    return 1 if outcome.failed else 0


def _cmd_recipients(args: argparse.Namespace) -> int:
    service, _con = _service(args)
    if args.set is not None:
        service.set_mailing(args.passport, [a for part in args.set for a in part.split(",")], author=args.who)
    addresses = service.mailing(args.passport)
    print(f"Рассылка утверждённых отчётов «{args.passport}»: " + (", ".join(addresses) or "адресов нет"))
    return 0


class _NeverRaised(Exception):
    """Stands for an error class whose module a command did not load."""


def _error_of(module: str, name: str) -> type[Exception]:
    """An error class of the commands, looked up when an error is being handled: a class whose module the command
    never imported cannot have been raised, so it is not imported for the check."""
    loaded = sys.modules.get(module)
    return getattr(loaded, name) if loaded is not None else _NeverRaised


def _account_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", metavar="ЛОГИН", help="учётная запись, чьи права применяются (обязательно, когда есть "
                                                    "учётные записи; командная строка доверяет тому, кто её запускает)")
    p.add_argument("--who", help="кто это делает (фамилия и инициалы) — пока учётных записей нет")


def main(argv: list[str] | None = None) -> int:
    """Run a command; whatever goes wrong, the user reads Russian, never a traceback (COS_DEBUG=1 shows it)."""
    parser = RussianParser(prog="python -m reports", description="ЦОС-монитор: отчёт о ходе реализации и "
                                                                "презентация")
    parser.add_argument("--db", default=str(paths.DB_PATH), help="файл базы DuckDB (по умолчанию data/cos.duckdb)")
    parser.add_argument("--facts", default=None, help=FACTS_HELP)
    sub = parser.add_subparsers(dest="command", metavar="КОМАНДА", required=True)
    progress = sub.add_parser("progress", help="отчёт о ходе реализации за период (DOCX, XLSX или PDF)")
    progress.add_argument("--passport", required=True, help="id паспорта (папка в data/passports)")
    progress.add_argument("--period", required=True, help="период: 2021, 2021-Q3 или 2021-09")
    progress.add_argument("--out", required=True, help="файл .docx, .xlsx или .pdf")
    progress.set_defaults(func=_cmd_progress)
    briefing = sub.add_parser("briefing", help="презентация из панелей (PPTX) или все панели в PNG и CSV (ZIP)")
    briefing.add_argument("--passport", required=True, help="id паспорта (папка в data/passports)")
    briefing.add_argument("--as-of", required=True, help="по состоянию на: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД")
    briefing.add_argument("--out", required=True, help="файл .pptx или .zip")
    briefing.set_defaults(func=_cmd_briefing)
    calendar = sub.add_parser("calendar", help="календарь отчётов: сроки по производственному календарю и состояния")
    calendar.add_argument("--passport", action="append", help="id паспорта (можно несколько раз; без него — все)")
    calendar.add_argument("--as-of", help="на дату: ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию сегодня)")
    calendar.add_argument("--format", choices=["text", "csv"], default="text", help="text (по умолчанию) или csv")
    calendar.add_argument("--out", help="файл CSV (по умолчанию — на экран)")
    calendar.set_defaults(func=_cmd_calendar)
    for name, helptext, comment in (
            ("submit", "сдать отчёт за период на согласование (документы замораживаются)", "комментарий"),
            ("approve", "утвердить отчёт, сданный на согласование", "комментарий"),
            ("return", "вернуть отчёт на доработку (причина обязательна)", "причина возврата")):
        step = sub.add_parser(name, help=helptext)
        step.add_argument("--passport", required=True, help="id паспорта")
        step.add_argument("--period", required=True, help="период: 2024-12, 2024-Q4 или 2024")
        step.add_argument("--comment", help=comment)
        _account_args(step)
        step.set_defaults(func=_cmd_step)
    due = sub.add_parser("send-due", help="разослать напоминания о сроках и утверждённые отчёты (каждое письмо — "
                                          "один раз; для cron или таймера systemd)")
    due.add_argument("--as-of", help="на дату (по умолчанию сегодня)")
    due.add_argument("--dry-run", action="store_true", help="только показать, что будет отправлено")
    _account_args(due)
    due.set_defaults(func=_cmd_send_due)
    recipients = sub.add_parser("recipients", help="адреса рассылки утверждённых отчётов паспорта")
    recipients.add_argument("--passport", required=True, help="id паспорта")
    recipients.add_argument("--set", nargs="*", metavar="АДРЕС", help="новый список адресов (пустой — удалить)")
    _account_args(recipients)
    recipients.set_defaults(func=_cmd_recipients)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except _error_of("accounts.rules", "AccountError") as exc:
        print(f"Ошибка: {exc.message}. Ничего не изменено.", file=sys.stderr)
        return 1
    except _error_of("reports.mail", "MailError") as exc:
        print(f"Ошибка: {exc}. Ничего не отправлено.", file=sys.stderr)
        return 1
    except (ReportFailed, _error_of("reports.progress", "ReportError")) as exc:
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
