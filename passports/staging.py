"""Validated passports -> staging rows (stg_*) as Arrow tables: rename, cast and convert only.

A table's columns and their types are those of the staging DDL the build creates the tables with
(model/sql/staging/00_staging.sql), so the rows enter DuckDB as they are, without a conversion per value.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import pyarrow as pa

from domain import paths
from passports.persons import normalise_person, persons_in
from passports.reading import Passport, parse_ru_date

#: the staging tables' DDL: the one place their columns are named and typed
STAGING_DDL = paths.ROOT / "model" / "sql" / "staging" / "00_staging.sql"
_ARROW_TYPES = {"varchar": pa.string(), "integer": pa.int32(), "double": pa.float64(), "date": pa.date32(),
                "boolean": pa.bool_()}
_TABLE = re.compile(r"create table (\w+) \((.*?)\);", re.DOTALL)


@cache
def staging_schemas() -> dict[str, pa.Schema]:
    """Every staging table's columns and their Arrow types, read from the DDL."""
    text = re.sub(r"--[^\n]*", "", STAGING_DDL.read_text(encoding="utf-8"))
    return {table: pa.schema([(name, _ARROW_TYPES[kind]) for name, kind, *_ in
                              (column.split() for column in body.split(","))])
            for table, body in _TABLE.findall(text)}


def _frame(rows: list[dict], table: str) -> pa.Table:
    schema = staging_schemas()[table]
    if rows and rows[0].keys() != set(schema.names):  # a field the DDL does not have would be dropped silently
        raise ValueError(f"{table}: rows have {sorted(rows[0])}, the DDL {sorted(schema.names)}")
    # column by column: Arrow converts a list of values of one type several times faster than a list of dicts
    return pa.Table.from_pydict({name: [row[name] for row in rows] for name in schema.names}, schema=schema)


def _person(p) -> tuple[str | None, str | None]:
    return (p.person, p.position) if p else (None, None)


def stg_passport(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        f = p.passport
        curator, curator_pos = _person(f.curator)
        head, head_pos = _person(f.head)
        admin, admin_pos = _person(f.administrator)
        rows.append(
            dict(
                passport_id=f.passport_id, level=f.level, territory=f.territory, title=f.title,
                short_title=f.short_title, national_project=f.national_project,
                period_printed=f.period_printed, start_date=parse_ru_date(f.start_date),
                end_date=parse_ru_date(f.end_date), curator=curator, curator_position=curator_pos,
                head=head, head_position=head_pos, administrator=admin, administrator_position=admin_pos,
                state_programme=f.state_programme, approved=f.approved, goal=f.goal, timezone=f.timezone,
                region=f.region or (f.territory if f.level == "regional" else None), region_code=f.region_code,
                source_file=f.source_file, line=f.line,
            )
        )
    return _frame(rows, "stg_passport")


def stg_indicator(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        for seq, ind in enumerate(p.indicators.indicators):
            rows.append(
                dict(passport_id=p.passport_id, indicator_code=ind.code, code_printed=ind.code_printed,
                     parent_code=ind.parent, indicator_name=ind.name, indicator_type=ind.type, unit=ind.unit,
                     direction=ind.direction or "up", base_value=ind.base_value, base_date_printed=ind.base_date,
                     base_date=parse_ru_date(ind.base_date), seq=seq, line=ind.line, topic=ind.topic,
                     role=ind.role, series=ind.series or (f"ind-{ind.code}" if ind.code else None),
                     accumulates=ind.accumulates)
            )
    return _frame(rows, "stg_indicator")


def stg_indicator_plan(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        for ind in p.indicators.indicators:
            for year in sorted(set(ind.plan) | set(ind.plan_printed)):
                rows.append(dict(passport_id=p.passport_id, indicator_code=ind.code, year=year,
                                 plan_value=ind.plan.get(year), plan_printed=ind.plan_printed.get(year)))
    return _frame(rows, "stg_indicator_plan")


def stg_indicator_year(passports: list[Passport]) -> pa.Table:
    """The year columns each passport's indicator table prints."""
    rows = [dict(passport_id=p.passport_id, year=y) for p in passports for y in p.indicators.years]
    return _frame(rows, "stg_indicator_year")


def stg_result(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        for seq, r in enumerate(p.results.results):
            rows.append(dict(passport_id=p.passport_id, result_code=r.code, code_printed=r.code_printed,
                             parent_code=r.parent, federal_result=r.federal_result, result_text=r.text,
                             deadline=parse_ru_date(r.deadline), deadline_printed=r.deadline_printed or r.deadline,
                             characteristic=r.characteristic, seq=seq, line=r.line,
                             federal_characteristic=r.federal_characteristic, federal_line=r.federal_line))
    return _frame(rows, "stg_result")


def stg_result_target(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        seq = 0
        for r in p.results.results:
            for t in r.targets:
                rows.append(dict(passport_id=p.passport_id, result_code=r.code, measure=t.measure, year=t.year,
                                 target_value=float(t.value), is_cumulative=t.cumulative, quote=t.quote, seq=seq,
                                 topic=t.topic, role=t.role, series=t.series or t.measure,
                                 accumulates=t.accumulates))
                seq += 1
    return _frame(rows, "stg_result_target")


def stg_funding_row(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        for seq, r in enumerate(p.funding.rows):
            markers = "; ".join(f"{k}: {v}" for k, v in r.markers.items()) or None
            rows.append(dict(passport_id=p.passport_id, section=r.section, seq=seq, line_code=r.line_code,
                             parent_line_code=r.parent_line_code, line_name=r.line_name, role=r.role,
                             source=r.source, detail=r.detail, kbk=r.kbk,
                             total_printed=None if r.total is None else float(r.total),
                             markers=markers, line=r.line))
    return _frame(rows, "stg_funding_row")


def stg_funding_amount(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        for seq, r in enumerate(p.funding.rows):
            for year, amount in sorted(r.amounts.items()):
                rows.append(dict(passport_id=p.passport_id, section=r.section, seq=seq, year=year,
                                 amount_mln_rub=float(amount)))
    return _frame(rows, "stg_funding_amount")


def stg_funding_year(passports: list[Passport]) -> pa.Table:
    rows = [dict(passport_id=p.passport_id, section=s, year=y)
            for p in passports for s, years in p.funding.years.items() for y in years]
    return _frame(rows, "stg_funding_year")


def stg_participant(passports: list[Passport]) -> pa.Table:
    """One row per person named in a participant row (a cell with several people gives several rows)."""
    rows = []
    for p in passports:
        for seq, r in enumerate(p.participants.participants):
            # the supervisor cell is «И.О. Фамилия, должность»: the person is named before the first comma
            boss = normalise_person((r.supervisor or "").split(",")[0]) or None
            for person in persons_in(r.person) or [r.person]:
                rows.append(dict(passport_id=p.passport_id, seq=seq, number=r.number, block=r.block,
                                 role=r.role, person_printed=r.person, person=person, position=r.position,
                                 supervisor=r.supervisor,
                                 workload_pct=None if r.workload_pct is None else float(r.workload_pct),
                                 workload_printed=r.workload_printed, line=r.line,
                                 number_printed=r.number_printed or r.number, block_line=r.block_line,
                                 supervisor_person=boss))
    return _frame(rows, "stg_participant")


def activity_keys(codes: list[str]) -> list[str]:
    """Unique keys for printed codes: the code itself, then «код (2)», «код (3)» for repeats."""
    seen: Counter[str] = Counter()
    keys = []
    for code in codes:
        seen[code] += 1
        keys.append(code if seen[code] == 1 else f"{code} ({seen[code]})")
    return keys


def stg_activity(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        acts = p.activities.activities
        for seq, (key, a) in enumerate(zip(activity_keys([a.code for a in acts]), acts, strict=True)):
            rows.append(dict(passport_id=p.passport_id, seq=seq, activity_key=key, code=a.code,
                             code_printed=a.code_printed, kind=a.kind, result_code=a.result_code, name=a.name,
                             start_printed=a.start, end_printed=a.end, start_date=parse_ru_date(a.start),
                             end_date=parse_ru_date(a.end), responsible=a.responsible, document=a.document,
                             control_level=a.control_level, line=a.line, delivers_stated=a.delivers is not None))
    return _frame(rows, "stg_activity")


def stg_activity_delivers(passports: list[Passport]) -> pa.Table:
    """Each section-3 result a block of the plan delivers, as the block's `delivers:` lists it."""
    rows = []
    for p in passports:
        acts = p.activities.activities
        for seq, (key, a) in enumerate(zip(activity_keys([a.code for a in acts]), acts, strict=True)):
            for ord_, d in enumerate(a.delivers or []):
                rows.append(dict(passport_id=p.passport_id, seq=seq, activity_key=key, result_code=d.result,
                                 result_line=d.line, ord=ord_))
    return _frame(rows, "stg_activity_delivers")


def stg_activity_person(passports: list[Passport]) -> pa.Table:
    """Each person named as responsible for an activity, normalised."""
    rows = []
    for p in passports:
        acts = p.activities.activities
        for seq, (key, a) in enumerate(zip(activity_keys([a.code for a in acts]), acts, strict=True)):
            for person in persons_in(a.responsible):
                rows.append(dict(passport_id=p.passport_id, seq=seq, activity_key=key, person=person))
    return _frame(rows, "stg_activity_person")


def stg_methodology(passports: list[Passport]) -> pa.Table:
    rows = []
    for p in passports:
        for seq, m in enumerate(p.methodology.methodology):
            fields = {k: (None if v is None else str(v) if k != "line" else v) for k, v in m.model_dump().items()}
            rows.append(dict(passport_id=p.passport_id, seq=seq, **fields))
    return _frame(rows, "stg_methodology")


STAGING = {
    "stg_passport": stg_passport,
    "stg_indicator": stg_indicator,
    "stg_indicator_plan": stg_indicator_plan,
    "stg_indicator_year": stg_indicator_year,
    "stg_result": stg_result,
    "stg_result_target": stg_result_target,
    "stg_funding_row": stg_funding_row,
    "stg_funding_amount": stg_funding_amount,
    "stg_funding_year": stg_funding_year,
    "stg_participant": stg_participant,
    "stg_activity": stg_activity,
    "stg_activity_person": stg_activity_person,
    "stg_activity_delivers": stg_activity_delivers,
    "stg_methodology": stg_methodology,
}


def staging_frames(passports: list[Passport]) -> dict[str, pa.Table]:
    """Every staging table as an Arrow table, by table name."""
    return {name: build(passports) for name, build in STAGING.items()}
