"""Validated passports -> staging DataFrames (stg_*): rename, cast and convert only."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from passports.persons import normalise_person, split_persons
from passports.reading import Passport, parse_ru_date


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def _person(p) -> tuple[str | None, str | None]:
    return (p.person, p.position) if p else (None, None)


def stg_passport(passports: list[Passport]) -> pd.DataFrame:
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
    return pd.DataFrame(rows)


def stg_indicator(passports: list[Passport]) -> pd.DataFrame:
    cols = ["passport_id", "indicator_code", "code_printed", "parent_code", "indicator_name", "indicator_type",
            "unit", "direction", "base_value", "base_date_printed", "base_date", "seq", "line", "topic", "role",
            "series", "accumulates"]
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
    return _frame(rows, cols)


def stg_indicator_plan(passports: list[Passport]) -> pd.DataFrame:
    cols = ["passport_id", "indicator_code", "year", "plan_value", "plan_printed"]
    rows = []
    for p in passports:
        for ind in p.indicators.indicators:
            for year in sorted(set(ind.plan) | set(ind.plan_printed)):
                rows.append(dict(passport_id=p.passport_id, indicator_code=ind.code, year=year,
                                 plan_value=ind.plan.get(year), plan_printed=ind.plan_printed.get(year)))
    return _frame(rows, cols)


def stg_indicator_year(passports: list[Passport]) -> pd.DataFrame:
    """The year columns each passport's indicator table prints."""
    rows = [dict(passport_id=p.passport_id, year=y) for p in passports for y in p.indicators.years]
    return _frame(rows, ["passport_id", "year"])


def stg_result(passports: list[Passport]) -> pd.DataFrame:
    cols = ["passport_id", "result_code", "code_printed", "parent_code", "federal_result", "result_text",
            "deadline", "deadline_printed", "characteristic", "seq", "line", "federal_characteristic",
            "federal_line"]
    rows = []
    for p in passports:
        for seq, r in enumerate(p.results.results):
            rows.append(dict(passport_id=p.passport_id, result_code=r.code, code_printed=r.code_printed,
                             parent_code=r.parent, federal_result=r.federal_result, result_text=r.text,
                             deadline=parse_ru_date(r.deadline), deadline_printed=r.deadline_printed or r.deadline,
                             characteristic=r.characteristic, seq=seq, line=r.line,
                             federal_characteristic=r.federal_characteristic, federal_line=r.federal_line))
    return _frame(rows, cols)


def stg_result_target(passports: list[Passport]) -> pd.DataFrame:
    cols = ["passport_id", "result_code", "measure", "year", "target_value", "is_cumulative", "quote", "seq",
            "topic", "role", "series", "accumulates"]
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
    return _frame(rows, cols)


def stg_funding_row(passports: list[Passport]) -> pd.DataFrame:
    cols = ["passport_id", "section", "seq", "line_code", "parent_line_code", "line_name", "role", "source",
            "detail", "kbk", "total_printed", "markers", "line"]
    rows = []
    for p in passports:
        for seq, r in enumerate(p.funding.rows):
            markers = "; ".join(f"{k}: {v}" for k, v in r.markers.items()) or None
            rows.append(dict(passport_id=p.passport_id, section=r.section, seq=seq, line_code=r.line_code,
                             parent_line_code=r.parent_line_code, line_name=r.line_name, role=r.role,
                             source=r.source, detail=r.detail, kbk=r.kbk,
                             total_printed=None if r.total is None else float(r.total),
                             markers=markers, line=r.line))
    return _frame(rows, cols)


def stg_funding_amount(passports: list[Passport]) -> pd.DataFrame:
    cols = ["passport_id", "section", "seq", "year", "amount_mln_rub"]
    rows = []
    for p in passports:
        for seq, r in enumerate(p.funding.rows):
            for year, amount in sorted(r.amounts.items()):
                rows.append(dict(passport_id=p.passport_id, section=r.section, seq=seq, year=year,
                                 amount_mln_rub=float(amount)))
    return _frame(rows, cols)


def stg_funding_year(passports: list[Passport]) -> pd.DataFrame:
    rows = [dict(passport_id=p.passport_id, section=s, year=y)
            for p in passports for s, years in p.funding.years.items() for y in years]
    return _frame(rows, ["passport_id", "section", "year"])


def stg_participant(passports: list[Passport]) -> pd.DataFrame:
    """One row per person named in a participant row (a cell with several people gives several rows)."""
    cols = ["passport_id", "seq", "number", "block", "role", "person_printed", "person", "position",
            "supervisor", "workload_pct", "workload_printed", "line", "number_printed", "block_line",
            "supervisor_person"]
    rows = []
    for p in passports:
        for seq, r in enumerate(p.participants.participants):
            # the supervisor cell is «И.О. Фамилия, должность»: the person is named before the first comma
            boss = normalise_person((r.supervisor or "").split(",")[0]) or None
            for person in split_persons(r.person) or [r.person]:
                rows.append(dict(passport_id=p.passport_id, seq=seq, number=r.number, block=r.block,
                                 role=r.role, person_printed=r.person, person=person, position=r.position,
                                 supervisor=r.supervisor,
                                 workload_pct=None if r.workload_pct is None else float(r.workload_pct),
                                 workload_printed=r.workload_printed, line=r.line,
                                 number_printed=r.number_printed or r.number, block_line=r.block_line,
                                 supervisor_person=boss))
    return _frame(rows, cols)


def activity_keys(codes: list[str]) -> list[str]:
    """Unique keys for printed codes: the code itself, then «код (2)», «код (3)» for repeats."""
    seen: Counter[str] = Counter()
    keys = []
    for code in codes:
        seen[code] += 1
        keys.append(code if seen[code] == 1 else f"{code} ({seen[code]})")
    return keys


def stg_activity(passports: list[Passport]) -> pd.DataFrame:
    cols = ["passport_id", "seq", "activity_key", "code", "code_printed", "kind", "result_code", "name",
            "start_printed", "end_printed", "start_date", "end_date", "responsible", "document", "control_level",
            "line", "delivers_stated"]
    rows = []
    for p in passports:
        acts = p.activities.activities
        for seq, (key, a) in enumerate(zip(activity_keys([a.code for a in acts]), acts, strict=True)):
            rows.append(dict(passport_id=p.passport_id, seq=seq, activity_key=key, code=a.code,
                             code_printed=a.code_printed, kind=a.kind, result_code=a.result_code, name=a.name,
                             start_printed=a.start, end_printed=a.end, start_date=parse_ru_date(a.start),
                             end_date=parse_ru_date(a.end), responsible=a.responsible, document=a.document,
                             control_level=a.control_level, line=a.line, delivers_stated=a.delivers is not None))
    return _frame(rows, cols)


def stg_activity_delivers(passports: list[Passport]) -> pd.DataFrame:
    """Each section-3 result a block of the plan delivers, as the block's `delivers:` lists it."""
    rows = []
    for p in passports:
        acts = p.activities.activities
        for seq, (key, a) in enumerate(zip(activity_keys([a.code for a in acts]), acts, strict=True)):
            for ord_, d in enumerate(a.delivers or []):
                rows.append(dict(passport_id=p.passport_id, seq=seq, activity_key=key, result_code=d.result,
                                 result_line=d.line, ord=ord_))
    return _frame(rows, ["passport_id", "seq", "activity_key", "result_code", "result_line", "ord"])


def stg_activity_person(passports: list[Passport]) -> pd.DataFrame:
    """Each person named as responsible for an activity, normalised."""
    rows = []
    for p in passports:
        acts = p.activities.activities
        for seq, (key, a) in enumerate(zip(activity_keys([a.code for a in acts]), acts, strict=True)):
            for person in split_persons(a.responsible):
                rows.append(dict(passport_id=p.passport_id, seq=seq, activity_key=key, person=person))
    return _frame(rows, ["passport_id", "seq", "activity_key", "person"])


def stg_methodology(passports: list[Passport]) -> pd.DataFrame:
    cols = ["passport_id", "seq", "number", "indicator_name", "method", "base_indicators", "data_source",
            "responsible", "aggregation", "timing", "extra", "line"]
    rows = []
    for p in passports:
        for seq, m in enumerate(p.methodology.methodology):
            fields = {k: (None if v is None else str(v) if k != "line" else v) for k, v in m.model_dump().items()}
            rows.append(dict(passport_id=p.passport_id, seq=seq, **fields))
    return _frame(rows, cols)


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


def staging_frames(passports: list[Passport]) -> dict[str, pd.DataFrame]:
    """Every staging table as a DataFrame, by table name."""
    return {name: build(passports) for name, build in STAGING.items()}
