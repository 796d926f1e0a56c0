"""What a new import changes in a passport already stored: every value that differs, file by file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from passports.schema import PASSPORT_FILES
from passports.yaml_reader import read_yaml


@dataclass(frozen=True)
class Change:
    """One value: the file, its place («indicators[3].plan.2021»), what it was and what it becomes."""

    file: str
    place: str
    old: object
    new: object


def _walk(file: str, old, new, place: str, out: list[Change]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            _walk(file, old.get(key), new.get(key), f"{place}.{key}" if place else str(key), out)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            _walk(file, a, b, f"{place}[{i}]", out)
    elif old != new:
        out.append(Change(file, place, old, new))


def changes(folder: Path, files: dict[str, dict]) -> list[Change]:
    """The differences between the folder's files and the new ones (none when the folder does not exist)."""
    out: list[Change] = []
    if not folder.is_dir():
        return out
    for name, model in PASSPORT_FILES.items():
        path = folder / name
        try:
            old = model.model_validate(read_yaml(path, display_name=str(path))).model_dump()
        except Exception:  # noqa: BLE001 - a stored file that does not read is shown as replaced whole
            old = {}
        new = model.model_validate(files[name]).model_dump()
        _walk(name, old, new, "", out)
    return out
