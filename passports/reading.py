"""Read and validate every passport folder under data/passports/ into typed models."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ValidationError

from domain.problems import InputError, InputProblem
from domain.vocabulary import MEASURE_BY_CODE, TOPIC_BY_CODE
from passports import schema
from passports.messages import problems_from_validation
from passports.yaml_reader import read_yaml

_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass
class Passport:
    """All validated files of one passport."""

    folder: Path
    passport: schema.PassportFile
    indicators: schema.IndicatorsFile
    results: schema.ResultsFile
    funding: schema.FundingFile
    participants: schema.ParticipantsFile
    activities: schema.ActivitiesFile
    methodology: schema.MethodologyFile

    @property
    def passport_id(self) -> str:
        return self.passport.passport_id


@lru_cache(maxsize=4096)  # a passport prints the same few dates in hundreds of rows
def parse_ru_date(text: str | None) -> date | None:
    """'31.12.2024' (optionally followed by 'г.' etc.) -> date; None when empty or not a real date."""
    if not text:
        return None
    m = _DATE.match(text)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _validate(folder: Path, name: str, model: type[BaseModel]) -> tuple[BaseModel | None, list[InputProblem]]:
    path = folder / name
    display = str(path)
    try:
        raw = read_yaml(path, display_name=display)
    except InputError as exc:
        return None, exc.problems
    if raw is None:
        return None, [InputProblem(display, "", "файл пуст")]
    try:
        return model.model_validate(raw), []
    except ValidationError as exc:
        return None, problems_from_validation(display, exc)


def _known_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _cross_checks(p: Passport) -> list[InputProblem]:
    """Checks that span fields: ids, measures, dates that must parse for the app to work."""
    problems: list[InputProblem] = []
    folder = p.folder
    if p.passport.passport_id != folder.name:
        problems.append(
            InputProblem(
                str(folder / "passport.yaml"),
                "passport_id",
                f"«{p.passport.passport_id}» не совпадает с именем папки «{folder.name}»",
            )
        )
    if p.passport.level == "municipal" and not p.passport.region:
        problems.append(InputProblem(str(folder / "passport.yaml"), "region",
                                     "муниципальный паспорт должен назвать свой регион: region: Томская область "
                                     "(и region_code: \"70\" — код субъекта РФ)"))
    if not _known_timezone(p.passport.timezone):
        problems.append(InputProblem(str(folder / "passport.yaml"), "timezone",
                                     f"неизвестный часовой пояс «{p.passport.timezone}» (нужен, например, "
                                     "Asia/Tomsk или Europe/Moscow)"))
    for field in ("start_date", "end_date"):
        if parse_ru_date(getattr(p.passport, field)) is None:
            problems.append(
                InputProblem(
                    str(folder / "passport.yaml"),
                    field,
                    f"дата «{getattr(p.passport, field)}» не распознана (нужно ДД.ММ.ГГГГ)",
                )
            )
    for i, res in enumerate(p.results.results):
        for j, target in enumerate(res.targets):
            if target.measure not in MEASURE_BY_CODE:
                problems.append(
                    InputProblem(
                        str(folder / "results.yaml"),
                        f"results[{i}].targets[{j}].measure",
                        f"неизвестная мера «{target.measure}»; допустимы: {', '.join(MEASURE_BY_CODE)}",
                    )
                )
    problems.extend(_topic_checks(p))
    for i, row in enumerate(p.funding.rows):
        if row.role in ("source", "project_total_source", "detail", "project_total_detail") and not row.source:
            problems.append(
                InputProblem(
                    str(folder / "funding.yaml"),
                    f"rows[{i}].source",
                    f"для строки с ролью «{row.role}» нужен источник (federal, regional, …)",
                )
            )
    return problems


def _topic_problem(file: Path, place: str, topic: str | None, role: str | None) -> str | None:
    """Why a topic and role pair is not in the vocabulary (None when it is)."""
    if topic not in TOPIC_BY_CODE:
        return f"неизвестная тема «{topic}»; допустимы: {', '.join(TOPIC_BY_CODE)}"
    roles = [r.code for r in TOPIC_BY_CODE[topic].roles]
    if role not in roles:
        return f"у темы «{topic}» нет роли «{role}»; допустимы: {', '.join(roles) or '(нет ролей)'}"
    return None


def _topic_checks(p: Passport) -> list[InputProblem]:
    """Every indicator with a plan and every result target says its topic, role and how its series adds up;
    one series has one topic, role and way of adding up."""
    problems: list[InputProblem] = []
    series: dict[str, tuple[str, str | None, str | None, str | None, str]] = {}

    def check(file: Path, place: str, topic, role, series_id: str, accumulates) -> None:
        if accumulates is None:
            problems.append(InputProblem(str(file), f"{place}.accumulates",
                                         "укажите, как складывается ряд: level (уровень, доля, нарастающий итог) "
                                         "или flow (за год)"))
        message = _topic_problem(file, place, topic, role)
        if message:
            problems.append(InputProblem(str(file), f"{place}.topic", message))
            return
        seen = series.setdefault(series_id, (topic, role, accumulates, place, file.name))
        if seen[:3] != (topic, role, accumulates):
            problems.append(InputProblem(str(file), f"{place}.series",
                                         f"ряд «{series_id}» уже описан иначе в {seen[4]}: {seen[3]} "
                                         f"(тема {seen[0]}, роль {seen[1]}, {seen[2]})"))

    indicators_file, results_file = p.folder / "indicators.yaml", p.folder / "results.yaml"  # once: pathlib is slow
    for i, ind in enumerate(p.indicators.indicators):
        if ind.code is None and ind.topic is None:
            continue  # a heading printed without a number (the goal line)
        if ind.topic is None and not ind.plan:
            continue  # a heading row without values may leave its topic out
        check(indicators_file, f"indicators[{i}]", ind.topic, ind.role,
              ind.series or f"ind-{ind.code}", ind.accumulates)
    for i, res in enumerate(p.results.results):
        for j, t in enumerate(res.targets):
            place = f"results[{i}].targets[{j}]"
            check(results_file, place, t.topic, t.role, t.series or t.measure, t.accumulates)
            if t.cumulative and t.accumulates == "flow":
                problems.append(InputProblem(str(results_file), f"{place}.accumulates",
                                             "цель напечатана нарастающим итогом (cumulative: true), а ряд указан "
                                             "как flow (за год)"))
    return problems


def load_passport(folder: Path) -> Passport:
    """Validate all files of one passport folder; raise InputError listing every problem."""
    problems: list[InputProblem] = []
    parts: dict[str, BaseModel] = {}
    for name, model in schema.PASSPORT_FILES.items():
        obj, errs = _validate(folder, name, model)
        problems.extend(errs)
        if obj is not None:
            parts[name.removesuffix(".yaml")] = obj
    if problems:
        raise InputError(problems)
    passport = Passport(folder=folder, **parts)  # type: ignore[arg-type]
    problems = _cross_checks(passport)
    if problems:
        raise InputError(problems)
    return passport


def passport_folders(data_dir: Path) -> list[Path]:
    """Every folder under data_dir/passports, sorted; InputError when there is none."""
    root = data_dir / "passports"
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    if not folders:
        raise InputError([InputProblem(str(root), "", "нет ни одной папки паспорта")])
    return folders


def load_passports(data_dir: Path) -> list[Passport]:
    """Validate every folder under data_dir/passports; collect problems of all of them."""
    folders = passport_folders(data_dir)
    passports: list[Passport] = []
    problems: list[InputProblem] = []
    for folder in folders:
        try:
            passports.append(load_passport(folder))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return passports
