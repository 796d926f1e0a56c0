"""The passport's files written as YAML in today's format, the folder replaced whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml

from passports.schema import PASSPORT_FILES

#: what each file holds, for its first comment line
TITLES = {
    "passport.yaml": "1. Основные положения и цель",
    "indicators.yaml": "2. Цель и показатели",
    "results.yaml": "3. Результаты",
    "funding.yaml": "4. Финансовое обеспечение (section: passport) и 6. Дополнительные материалы "
                    "(section: additional), млн рублей",
    "participants.yaml": "5. Участники",
    "activities.yaml": "Приложение № 1. План мероприятий",
    "methodology.yaml": "Методика расчета показателей",
}
#: keys whose values are codes: always written quoted, so «1.10» stays a string
_CODE_KEYS = {"code", "code_printed", "parent", "line_code", "parent_line_code", "number", "number_printed",
              "result_code", "result", "region_code"}


class _Code(str):
    pass


class _Flow(dict):
    pass


class _FlowList(list):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Code, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", str(s), style="'"))
_Dumper.add_representer(_Flow, lambda d, m: d.represent_mapping("tag:yaml.org,2002:map", m.items(), flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _styled(value, key: str = ""):
    if isinstance(value, dict):
        small = value and all(isinstance(k, int) or k == "total" for k in value) or key in (
            "curator", "head", "administrator") or set(value) == {"result", "line"}
        out = {k: _styled(v, k) for k, v in value.items()}
        return _Flow(out) if small or (key in ("plan", "plan_printed", "amounts", "markers")) else out
    if isinstance(value, list):
        items = [_styled(v, key) for v in value]
        return _FlowList(items) if items and all(isinstance(v, int) for v in items) else items
    if isinstance(value, str) and key in _CODE_KEYS:
        return _Code(value)
    return value


def render(name: str, data: dict, source: str) -> str:
    """One file's YAML text with its comment header."""
    header = (f"# {TITLES[name]}\n# Прочитано из документа {source} командой `python -m loaders import-passport`.\n"
              "# Числа и даты — как напечатаны, противоречия документа не исправлены; догадки — в обзоре импорта.\n")
    return header + yaml.dump(_styled(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096,
                              default_flow_style=False)


def write_folder(target: Path, texts: dict[str, str], replace: bool) -> None:
    """Write the files into `target` whole: into a new folder beside it, then renamed into place (files the import
    does not make, such as not_targets.yaml, are kept). An existing folder is replaced only with `replace`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not replace:
        raise FileExistsError(str(target))
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        if target.exists():
            for extra in target.iterdir():
                if extra.is_file() and extra.name not in PASSPORT_FILES:
                    shutil.copy2(extra, staging / extra.name)
        for name, text in texts.items():
            (staging / name).write_text(text, encoding="utf-8")
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
