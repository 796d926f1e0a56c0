"""`python -m metrics quality [--data DIR] [--passport ID] [--format text|csv] [--out FILE]` — the data-quality
report of the passports as text or CSV.

Reads the built database (`python -m loaders`), never the YAML files; with --data it first builds one from that
folder into a temporary file. By default a summary (totals, a line per check and severity, the passports with the
most findings); --passport ID: that passport's findings with their lines; --format csv: every finding (of all
passports or of --passport) as a table, texts guarded against formulas. Exit code: 0 without error-level
findings, 1 with them, 2 when the input is refused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

from domain import paths
from domain.cli import RussianParser
from domain.formatting import fmt_int
from domain.problems import InputError
from domain.vocabulary import SEVERITIES as SEVERITY_TERMS
from metrics.quality import SEVERITIES, has_errors, other_lines, passport_ids, quality_findings, severity_counts
from model.build import build_database
from model.opening import open_model
from panels.quality import CHECK_RU, SECTION_RU, russian_table
from spreadsheets.writing import to_csv

SEVERITY_RU = {t.code: t.note for t in SEVERITY_TERMS}


def format_finding(row: pd.Series) -> str:
    """One line: «стр. 247 · финансирование · funding_line_sum · Строка 1.2, 2019: … [также стр. 255, 256]»."""
    line = f"стр. {int(row['line'])}" if pd.notna(row["line"]) else "стр. —"
    section = SECTION_RU.get(row["section"], row["section"])
    others = other_lines(row)
    also = f" [также стр. {', '.join(map(str, others))}]" if others else ""
    return f"{line} · {section} · {row['check_id']} · {row['message']}{also}"


def format_report(findings: pd.DataFrame, passport_ids: list[str] | None = None) -> str:
    """The text report, grouped by passport and severity; passports without findings are named too."""
    ids = list(dict.fromkeys([*(passport_ids or []), *findings["passport_id"].tolist()]))
    if not ids:
        return "Замечаний нет.\n"
    out: list[str] = []
    for pid in ids:
        rows = findings[findings["passport_id"] == pid]
        counts = severity_counts(rows)
        out.append(f"Паспорт {pid}: ошибок {counts['error']}, предупреждений {counts['warning']}, "
                   f"сведений {counts['info']}")
        if not len(rows):
            out.append("  Замечаний нет.")
        for severity in SEVERITIES:
            part = rows[rows["severity"] == severity]
            if len(part):
                out.append(f"  {SEVERITY_RU[severity]} ({len(part)}):")
                out.extend(f"    {format_finding(r)}" for _, r in part.iterrows())
        out.append("")
    return "\n".join(out)


def _counts(counts: dict[str, int]) -> str:
    return (f"ошибок {fmt_int(counts['error'])}, предупреждений {fmt_int(counts['warning'])}, "
            f"сведений {fmt_int(counts['info'])}")


def format_summary(findings: pd.DataFrame, passports: int, top: int = 10) -> str:
    """The short report: totals, a line per check and severity (findings, passports), and the passports with
    the most errors — never a line per finding."""
    with_any = findings["passport_id"].nunique() if len(findings) else 0
    with_errors = findings.loc[findings["severity"] == "error", "passport_id"].nunique() if len(findings) else 0
    out = [f"Проверено паспортов: {fmt_int(passports)}; с замечаниями: {fmt_int(with_any)}, "
           f"с ошибками: {fmt_int(with_errors)}.",
           f"Замечаний: {fmt_int(len(findings))} — {_counts(severity_counts(findings))}."]
    if not len(findings):
        return "\n".join(out) + "\n"
    out += ["", "По проверкам (замечаний / паспортов):"]
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    groups = findings.groupby(["severity", "check_id"]).agg(n=("passport_id", "size"),
                                                           passports=("passport_id", "nunique")).reset_index()
    groups = groups.sort_values(["severity", "n"], key=lambda c: c.map(rank) if c.name == "severity" else -c)
    for row in groups.itertuples():
        name = CHECK_RU.get(row.check_id, row.check_id)
        out.append(f"  {SEVERITY_TERMS.label(row.severity)} · {name} ({row.check_id}): {fmt_int(row.n)} / "
                   f"{fmt_int(row.passports)}")
    per = (findings.assign(one=1).pivot_table(index="passport_id", columns="severity", values="one",
                                              aggfunc="sum", fill_value=0)
           .reindex(columns=SEVERITIES, fill_value=0))
    per = per.sort_values(list(SEVERITIES), ascending=False).head(top)
    out += ["", f"Больше всего замечаний (первые {len(per)}):"]
    out += [f"  {pid}: {_counts(dict(row))}" for pid, row in per.iterrows()]
    out += ["", "Замечания паспорта со строками: --passport ID; все замечания таблицей: --format csv."]
    return "\n".join(out) + "\n"


def findings_csv(table: pd.DataFrame) -> str:
    """The findings table as CSV for Excel with Russian settings (';'), every text a spreadsheet would run as a
    formula guarded (spreadsheets.writing)."""
    return to_csv(table).decode("utf-8-sig")


def _open(args: argparse.Namespace, tmp: Path):
    if args.data is None:
        return open_model(Path(args.db), pd.DataFrame())
    db = tmp / "quality.duckdb"
    build_database(Path(args.data), db, facts=pd.DataFrame(), cache=False)
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
            ids = passport_ids(con)
            if args.passport:
                if args.passport not in ids:
                    shown = ", ".join(ids[:20]) + (f" и ещё {len(ids) - 20}" if len(ids) > 20 else "")
                    print(f"Паспорт «{args.passport}» не найден; есть: {shown}", file=sys.stderr)
                    return 2
            findings = quality_findings(con, args.passport)
        finally:
            con.close()
    table = russian_table(findings) if args.format == "csv" else None
    if table is not None:
        text = findings_csv(table)
    elif args.passport:
        text = format_report(findings, [args.passport])
    else:
        text = format_summary(findings, len(ids))
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8-sig" if table is not None else "utf-8", newline="")
        except OSError:
            print(f"Файл {args.out} не записан (нет папки или прав).", file=sys.stderr)
            return 2
    else:
        print(text, end="")
    return 1 if has_errors(findings) else 0


def main(argv: list[str] | None = None) -> int:
    parser = RussianParser(prog="python -m metrics", description="ЦОС-монитор: показатели и проверки")
    sub = parser.add_subparsers(dest="command", required=True)
    quality = sub.add_parser("quality", help="отчёт о качестве данных паспортов")
    quality.add_argument("--data", default=None, help="собрать базу из этой папки данных и проверить её")
    quality.add_argument("--db", default=str(paths.DB_PATH), help="файл базы (по умолчанию data/cos.duckdb)")
    quality.add_argument("--passport", default=None,
                         help="замечания только этого паспорта, со строками (например, tomsk)")
    quality.add_argument("--format", choices=["text", "csv"], default="text",
                         help="text — сводка или замечания паспорта (по умолчанию); csv — все замечания таблицей")
    quality.add_argument("--out", default=None, help="записать отчёт в файл (CSV — в UTF-8 с BOM для Excel)")
    quality.set_defaults(func=_cmd_quality)
    args = parser.parse_args(argv)
    return args.func(args)


