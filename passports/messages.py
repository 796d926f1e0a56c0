"""pydantic's complaints about a passport file in Russian, each at its dotted place (`indicators[3].plan.2021`)."""

from __future__ import annotations

from pydantic import ValidationError

from domain.problems import InputProblem

#: fields that are mappings (year -> value): their integer keys are printed as '.2021', not '[2021]'
_DICT_FIELDS = {"plan", "plan_printed", "amounts", "markers", "years"}


def format_loc(loc: tuple) -> str:
    """('indicators', 3, 'plan', 2021) -> 'indicators[3].plan.2021'."""
    out = ""
    previous = None
    for part in loc:
        if isinstance(part, int) and previous not in _DICT_FIELDS:
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
        previous = part
    return out


_TYPE_MESSAGES = {
    "missing": "обязательное поле отсутствует",
    "extra_forbidden": "неизвестное поле (нет в схеме data/README.md)",
    "float_parsing": "ожидается число, получено «{input}»",
    "float_type": "ожидается число, получено «{input}»",
    "int_parsing": "ожидается целое число, получено «{input}»",
    "int_type": "ожидается целое число, получено «{input}»",
    "int_from_float": "ожидается целое число, получено «{input}»",
    "string_type": "ожидается текст, получено «{input}»",
    "bool_type": "ожидается true или false, получено «{input}»",
    "bool_parsing": "ожидается true или false, получено «{input}»",
    "list_type": "ожидается список",
    "dict_type": "ожидается словарь (ключ: значение)",
    "model_type": "ожидается словарь (ключ: значение)",
    "greater_than_equal": "значение не может быть отрицательным: {input}",
    "finite_number": "ожидается конечное число, получено «{input}»",
    "int_from_float_overflow": "число слишком велико: «{input}»",
    "string_pattern_mismatch": "значение «{input}» не подходит по формату",
}


def _message(err: dict) -> str:
    kind = err.get("type", "")
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return f"недопустимое значение «{err.get('input')}»; допустимо: {expected}"
    template = _TYPE_MESSAGES.get(kind)
    if template:
        return template.format(input=err.get("input"))
    return f"ошибка проверки ({kind}): {err.get('msg', '')}"


def problems_from_validation(file: str, exc: ValidationError) -> list[InputProblem]:
    """Translate a pydantic ValidationError into Russian problems with dotted places."""
    problems = []
    seen = set()
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "union["))))
        # pydantic adds the failing union member ('float', 'int') to the loc: drop it
        loc = tuple(p for p in loc if p not in ("float", "int", "str", "bool", "none", "literal['up','down']"))
        place = format_loc(loc)
        if place in seen:  # a union (float | int) fails once per member: one message is enough
            continue
        seen.add(place)
        problems.append(InputProblem(file, place, _message(err)))
    return problems
