"""Read and validate every passport folder under data/passports/ into typed models."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from loaders import schema
from loaders.errors import InputError, InputProblem, problems_from_validation
from loaders.yaml_io import read_yaml

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
            if target.measure not in schema.MEASURES:
                problems.append(
                    InputProblem(
                        str(folder / "results.yaml"),
                        f"results[{i}].targets[{j}].measure",
                        f"неизвестная мера «{target.measure}»; допустимы: {', '.join(schema.MEASURES)}",
                    )
                )
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


def load_passports(data_dir: Path) -> list[Passport]:
    """Validate every folder under data_dir/passports; collect problems of all of them."""
    root = data_dir / "passports"
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    if not folders:
        raise InputError([InputProblem(str(root), "", "нет ни одной папки паспорта")])
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
