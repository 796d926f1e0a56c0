"""Generated passports: copies of a real one that differ only in what a new passport would change.

`renumbered` keeps every number and text of the source but gives it another id, territory and indicator codes;
`without_topic` drops every indicator and result target of one topic. Pages, panels and reports must treat them
exactly as the source — because a new passport is a folder of data, not new code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.helpers import DATA


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096), encoding="utf-8")


def shift_code(code: str | None, by: int = 20) -> str | None:
    """'1.1' -> '21.1': another first number, the same structure."""
    if code is None:
        return None
    head, *rest = code.split(".")
    return ".".join([str(int(head) + by), *rest])


def copy_passport(source: str, root: Path, new_id: str, territory: str) -> Path:
    """A copy of data/passports/<source> under root/passports/<new_id> with a new id and territory."""
    folder = root / "passports" / new_id
    shutil.copytree(DATA / "passports" / source, folder)
    passport = _load(folder / "passport.yaml")
    passport.update(passport_id=new_id, territory=territory)
    _dump(folder / "passport.yaml", passport)
    return folder


def renumbered(source: str, root: Path, new_id: str, territory: str) -> Path:
    """The source passport with another id, territory and every indicator code shifted (1.1 -> 21.1)."""
    folder = copy_passport(source, root, new_id, territory)
    data = _load(folder / "indicators.yaml")
    for ind in data["indicators"]:
        ind["code"], ind["parent"] = shift_code(ind["code"]), shift_code(ind["parent"])
        if ind.get("code_printed"):
            ind["code_printed"] = shift_code(ind["code_printed"].rstrip(".")) + "."
        if ind.get("series"):
            ind["series"] = f"ind-{ind['code']}"
    _dump(folder / "indicators.yaml", data)
    return folder


def without_topic(source: str, root: Path, new_id: str, territory: str, topic: str) -> Path:
    """The source passport with every indicator and result target of one topic taken out."""
    folder = copy_passport(source, root, new_id, territory)
    data = _load(folder / "indicators.yaml")
    data["indicators"] = [i for i in data["indicators"] if i.get("topic") != topic]
    _dump(folder / "indicators.yaml", data)
    results = _load(folder / "results.yaml")
    for res in results["results"]:
        res["targets"] = [t for t in res.get("targets", []) if t.get("topic") != topic]
    _dump(folder / "results.yaml", results)
    return folder
