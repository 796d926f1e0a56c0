"""Safe YAML reading with limits and Russian error messages.

Nesting deeper than a small depth, more than a small number of aliases, and aliases that would expand to more
nodes than the limit are refused (a 3 KB file of nested aliases would otherwise expand to gigabytes, a 100 000-deep
list crash the interpreter in the C composer, which recurses). The safe constructor refuses a key repeated in one
mapping and numbers that are not finite or beyond 10¹⁵ — each at its line.

Two paths, one result. A text without anchors or merge keys whose nesting is provably shallow (bounded by its
indentation and bracket count, far below where the C composer could overflow) is composed in C, and its depth is
measured on the data. Any other text — and any text refused on the fast path — is composed by PyYAML's Python
composer over the C parser's events, which checks the limits before going deeper and names the place.

On the fast path a plain text is first read by yaml_rs (Rust, about ten times faster than PyYAML's constructor),
when it is installed — but only where it cannot differ from PyYAML (YAML 1.1 here, 1.2 there): no tags,
directives, documents markers, tabs, byte-order mark or characters PyYAML refuses, and no plain scalar that the two
schemas read differently («yes», «010», «1e3», «2019-01-01», «.nan», numbers beyond 10¹⁵). Anything it refuses —
a repeated key, a syntax error — and anything unusual is read again by PyYAML, which says what is wrong and where.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from itertools import compress
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer

try:  # the fast reader is optional: without it every text goes through PyYAML
    import yaml_rs
except ImportError:  # pragma: no cover - requirements.txt installs it
    yaml_rs = None

from domain.limits import LIMITS
from domain.problems import InputError, InputProblem

MAX_YAML_BYTES = LIMITS.yaml_bytes
MAX_NUMBER = 10**15
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE = "tag:yaml.org,2002:merge"
#: the C composer recurses once per level and overflows the C stack past ~20 000 levels: stay far below
_C_SAFE_NESTING = 1000
#: the indentation of a line with its leading compact indicators («- - key: …»), where nested block nodes start
_BLOCK_START = re.compile(r"^ *(?:[-?:](?:[ \t]+|$))*", re.MULTILINE)


class _Refused(yaml.MarkedYAMLError):
    """A refusal at a place of the file; `problem` is the Russian message."""

    def __init__(self, message: str, mark):
        super().__init__(problem=message, problem_mark=mark)
        self.russian = True


class _Checks:
    """Constructor checks of both loaders: duplicate keys, numbers a passport cannot hold."""

    #: True: compare every mapping's keys (the Python path); False: only when keys were lost (the C path)
    precise_keys = True

    def construct_mapping(self, node, deep=False):
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)
        if self.precise_keys:
            self._refuse_duplicates(node)
            return super().construct_mapping(node, deep=deep)
        given = len(node.value)
        mapping = super().construct_mapping(node, deep=deep)
        if len(mapping) != given:
            self._refuse_duplicates(node)
        return mapping

    def _refuse_duplicates(self, node) -> None:
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: the base loader says so
                return
            if first is not None:
                raise _Refused(f"ключ «{key}» повторяется (первый раз — в строке {first + 1}): оставьте один",
                               key_node.start_mark)
            seen[key] = key_node.start_mark.line

    def construct_yaml_int(self, node):
        value = super().construct_yaml_int(node)
        if abs(value) > MAX_NUMBER:
            raise _Refused(f"число {str(node.value)[:40]} слишком велико (больше 10¹⁵)", node.start_mark)
        return value

    def construct_yaml_float(self, node):
        value = super().construct_yaml_float(node)
        if not math.isfinite(value):
            raise _Refused(f"«{node.value}» — не число (бесконечность или NaN): укажите значение", node.start_mark)
        if abs(value) > MAX_NUMBER:
            raise _Refused(f"число {str(node.value)[:40]} слишком велико (больше 10¹⁵)", node.start_mark)
        return value


class _FastLoader(_Checks, _BASE_LOADER):  # type: ignore[misc, valid-type]
    """The C composer: only for texts whose nesting is provably far below what it can take."""

    precise_keys = False


class _Anchors(dict):
    """The composer's anchors; reading one is resolving an alias, which the loader counts."""

    def __init__(self, loader: _Loader):
        super().__init__()
        self.loader = loader

    def __getitem__(self, anchor):
        node = super().__getitem__(anchor)
        self.loader.count_alias(node)
        return node


class _Loader(_Checks, _BASE_LOADER):  # type: ignore[misc, valid-type]
    """The Python composer over the C parser's events, checking depth and aliases before going deeper."""

    def __init__(self, stream):
        super().__init__(stream)
        Composer.__init__(self)
        self.anchors = _Anchors(self)
        self._depth = self._aliases = self._expanded = 0
        self._sizes: dict[int, int] = {}  # id(collection node) -> nodes in it, aliases expanded

    get_single_node = Composer.get_single_node
    compose_document = Composer.compose_document
    compose_node = Composer.compose_node
    compose_scalar_node = Composer.compose_scalar_node

    def compose_sequence_node(self, anchor):
        self._descend()
        try:
            return Composer.compose_sequence_node(self, anchor)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor):
        self._descend()
        try:
            return Composer.compose_mapping_node(self, anchor)
        finally:
            self._depth -= 1

    def _descend(self) -> None:
        self._depth += 1
        if self._depth > LIMITS.yaml_depth:
            raise _Refused(_too_deep(), self.peek_event().start_mark)

    def count_alias(self, node) -> None:
        """An alias of `node`: refuse past the count of aliases or of nodes they would expand to."""
        self._aliases += 1
        if self._aliases > LIMITS.yaml_aliases:
            raise _Refused(f"больше {LIMITS.yaml_aliases} ссылок (*имя) на якоря: так паспорт не устроен",
                           self.peek_event().start_mark)
        self._expanded += self._size(node)
        if self._expanded > LIMITS.yaml_nodes:
            raise _Refused(f"ссылки на якоря разворачиваются больше чем в {LIMITS.yaml_nodes:,} значений: "
                           "файл-«бомба» не читается".replace(",", " "), self.peek_event().start_mark)

    def _size(self, node) -> int:
        if isinstance(node, yaml.ScalarNode):
            return 1
        size = self._sizes.get(id(node))
        if size is None:
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
            size = 1 + sum(self._size(child) for child in children)
            self._sizes[id(node)] = size
        return size


for _cls in (_FastLoader, _Loader):
    _cls.add_constructor("tag:yaml.org,2002:int", _Checks.construct_yaml_int)
    _cls.add_constructor("tag:yaml.org,2002:float", _Checks.construct_yaml_float)


def _too_deep() -> str:
    return f"вложенность глубже {LIMITS.yaml_depth} уровней: так паспорт не устроен"


def _shallow_for_c(text: str) -> bool:
    """True when the C composer is safe: no anchors or merge keys, plain line breaks, and a nesting bound
    (twice the deepest block start, plus every bracket) far below where it could overflow."""
    if "&" in text or "<<" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return False
    if text.count("\r") != text.count("\r\n"):
        return False
    nesting = text.count("[") + text.count("{")
    # a block start is a line's prefix: only a line longer than the deepest safe one can start deeper
    room = (_C_SAFE_NESTING - nesting) // 2 - 1
    lines = text.split("\n")
    longer = compress(lines, map(room.__lt__, map(len, lines)))  # the lines longer than room
    block = max((len(_BLOCK_START.match(line).group()) for line in longer), default=0)
    return 2 * (block + 1) + nesting <= _C_SAFE_NESTING


def _depth(data: Any) -> int:
    """Nesting of lists and mappings in loaded data (level by level, no recursion)."""
    level, depth = [data], 0
    while level := [x for x in level if type(x) in (dict, list)]:
        depth += 1
        level = [y for x in level for y in (x.values() if type(x) is dict else x)]
    return depth


#: what the fast reader is not trusted with: tags, directives, document markers, tabs, a byte-order mark (each a
#: substring test), and characters PyYAML's reader refuses (its NON_PRINTABLE)
_NOT_PLAIN_MARKS = ("!", "\t", "\ufeff", "\n%", "\n---", "\n...")
_NON_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]")
#: what «\s» matches in a text, spelled out: a class of listed characters lets the regular expression engine skip
#: ahead to them, where «\s» is tried at every character (the scan below takes a fifth less time)
_WHITESPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: where a plain scalar ends: end of line, a comment, a flow indicator, or «: » after a key
_END = r"(?=[ \t]*(?:$|#|[,\]}]|:(?:[ \t]|$)))"
#: a plain scalar that YAML 1.1 (PyYAML) and 1.2 (yaml_rs) may read differently: a booleans' word, «=», and any
#: number-like word that is not a plain decimal of at most 15 digits before the point or a dotted code or date
#: (01.10.2018, 1.1.1: text in both). It starts at the character before the word (search "\n" + text), so the
#: regular expression engine skips ahead to the few places where such a word can begin.
_SCHEMAS_DIFFER = re.compile(
    "[" + _WHITESPACE + r"\[{,](?=[-+.0-9yYnNoO=])(?:"
    r"(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|=|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN))" + _END + "|"
    r"(?![-+]?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]*)?" + _END + r"|[-+]?\.[0-9]+" + _END
    + r"|[0-9]+(?:\.[0-9]*){2,}" + _END + r")"
    r"[-+]?\.?[0-9][0-9a-zA-Z_:.+-]*" + _END + ")", re.M)
#: keys the fast reader's data may have (a null key — «: x» — is read by PyYAML, which refuses a missing key)
_KEY_TYPES = frozenset((str, int, float, bool))
#: a line with a flow collection the fast reader may read: one collection (two levels at most) of plain words,
#: quoted texts without escapes and «key: value» pairs, after an optional «key: » and «- ». YAML 1.2 readers are
#: more lenient than libyaml in flow collections — «[:x]», «{a: ?x}», «[x:, y]», a collection continued on the
#: next line — so any other line with a bracket (in a comment or a quoted text too) goes to PyYAML.
_FLOW_WORD = (r"""(?:'[^'\n]*'|"[^"\\\n]*"|(?:[^\s\-?:,\[\]{}#&*!|>'"%@`]|-[0-9])[^\n\t,:\[\]{}#'"]*)""")
_FLOW_INNER = (rf"(?:{_FLOW_WORD}|\[ *(?:{_FLOW_WORD}(?: *, *{_FLOW_WORD})*)? *\]"
               rf"|\{{ *(?:{_FLOW_WORD} *: +{_FLOW_WORD}(?: *, *{_FLOW_WORD} *: +{_FLOW_WORD})*)? *\}})")
_FLOW_LINE = re.compile(
    rf" *(?:- +)*(?:{_FLOW_WORD} *: +)?(?:\[ *(?:{_FLOW_INNER}(?: *, *{_FLOW_INNER})*)? *\]"
    rf"|\{{ *(?:{_FLOW_WORD} *: +{_FLOW_INNER}(?: *, *{_FLOW_WORD} *: +{_FLOW_INNER})*)? *\}})(?: +#[^\n]*)?")
#: the indicator characters, which start a word where YAML 1.2 readers take a plain word and libyaml does not
_INDICATORS = "|>@`%"


def _positions(text: str, chars: str) -> Iterator[int]:
    """Where each of the characters occurs (one character after another: str.find is several times faster
    than a regular expression's scan of a Cyrillic text)."""
    for char in chars:
        at = text.find(char)
        while at >= 0:
            yield at
            at = text.find(char, at + 1)


def _lenient(text: str) -> bool:
    """True when the text may read differently in a YAML 1.2 reader: a line with a bracket that is not a simple
    flow collection (_FLOW_LINE), or an indicator character that starts a word — at the start of a line, after
    «[», «{» or «,», or after «-», «:» or «?» and a space. The characters are found first (a passport has about a
    hundred, mostly «%» inside sentences) and their left side read back: faster than one regular expression."""
    checked: set[int] = set()
    for at in _positions(text, "[]{}"):  # each line with a bracket, once
        start = text.rfind("\n", 0, at) + 1
        if start in checked:
            continue
        checked.add(start)
        end = text.find("\n", at)
        if not _FLOW_LINE.fullmatch(text, start, len(text) if end < 0 else end):
            return True
    for at in _positions(text, _INDICATORS):
        start = at
        while start and text[start - 1] in " \t":
            start -= 1
        before = text[start - 1] if start else "\n"
        if before == "\n" or before in "[{," or (before in "-:?" and start < at):
            return True
    return False


def _trusted_tree(data: Any) -> bool:
    """True when the data is within the depth limit and every key is a scalar (PyYAML refuses a list as a key)."""
    level, depth = [data], 0
    while level := [x for x in level if type(x) in (dict, list)]:
        depth += 1
        if depth > LIMITS.yaml_depth:
            return False
        below: list = []
        for x in level:
            if type(x) is dict:
                if not _KEY_TYPES.issuperset(map(type, x)):
                    return False
                below.extend(x.values())
            else:
                below.extend(x)
        level = below
    return True


_UNSURE = object()


def _rust_load(text: str) -> Any:
    """The data as yaml_rs reads it where PyYAML would read the same, else _UNSURE (PyYAML then reads it)."""
    if yaml_rs is None:
        return _UNSURE
    lined = "\n" + text
    if (any(mark in lined for mark in _NOT_PLAIN_MARKS) or _NON_PRINTABLE.search(text)
            or _SCHEMAS_DIFFER.search(lined) or _lenient(text)):
        return _UNSURE
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - a repeated key, a syntax error: PyYAML names it in Russian
        return _UNSURE
    return data if _trusted_tree(data) else _UNSURE


def load_pyyaml(text: str, shallow: bool | None = None) -> Any:
    """The data of a YAML text as PyYAML alone reads it (the reference the fast reader must agree with)."""
    if _shallow_for_c(text) if shallow is None else shallow:
        data = yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a CSafeLoader subclass
        if _depth(data) <= LIMITS.yaml_depth:
            return data
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a CSafeLoader / SafeLoader subclass only


def load_text(text: str) -> Any:
    """The data of a YAML text within the limits; yaml.MarkedYAMLError (or YAMLError) otherwise."""
    shallow = _shallow_for_c(text)
    if shallow:
        data = _rust_load(text)
        if data is not _UNSURE:
            return data
    return load_pyyaml(text, shallow)


def read_yaml(path: Path, *, display_name: str | None = None) -> Any:
    """Read a YAML file safely within the limits; raise InputError in Russian on any problem."""
    name = display_name or str(path)

    def refuse(message: str, place: str = "") -> InputError:
        return InputError([InputProblem(name, place, message)])

    try:
        if path.is_dir():
            raise refuse("это папка, а не файл YAML")
        if not path.exists():
            raise refuse("файл не найден")
        if not path.is_file():
            raise refuse("это не обычный файл")
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise refuse(f"файл слишком большой: {size:,} байт при пределе {MAX_YAML_BYTES:,}".replace(",", " "))
        with path.open("rb") as stream:
            raw = stream.read(MAX_YAML_BYTES + 1)
    except PermissionError:
        raise refuse("нет прав на чтение файла") from None
    except OSError:
        raise refuse("файл не прочитан (ошибка диска или пути)") from None
    if len(raw) > MAX_YAML_BYTES:
        raise refuse(f"файл слишком большой: больше {MAX_YAML_BYTES:,} байт".replace(",", " "))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise refuse("файл не в кодировке UTF-8", f"байт {exc.start}") from None
    try:
        return load_text(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"строка {mark.line + 1}, столбец {mark.column + 1}" if mark else ""
        if getattr(exc, "russian", False):
            raise refuse(exc.problem, place) from None
        raise refuse(f"ошибка синтаксиса YAML: {yaml_problem(exc.problem, exc.context)}", place) from None
    except yaml.YAMLError as exc:
        raise refuse(f"ошибка YAML: {yaml_problem(str(exc), None)}") from None
    except RecursionError:
        raise refuse(f"вложенность глубже {LIMITS.yaml_depth} уровней: так паспорт не устроен") from None


_PROBLEMS = (
    ("found character that cannot start any token", "символ, с которого не может начинаться значение "
                                                    "(возьмите значение в кавычки)"),
    ("could not find expected ':'", "не найдено «:» после ключа"),
    ("mapping values are not allowed", "здесь нельзя «ключ: значение» — проверьте отступы или возьмите "
                                       "значение с двоеточием в кавычки"),
    ("did not find expected key", "ожидается ключ — проверьте отступы"),
    ("did not find expected '-' indicator", "ожидается «-» элемента списка — проверьте отступы"),
    ("did not find expected ',' or ']'", "не закрыта квадратная скобка «]»"),
    ("did not find expected ',' or '}'", "не закрыта фигурная скобка «}»"),
    ("did not find expected node content", "ожидается значение"),
    ("found unexpected end of stream", "файл обрывается посреди значения (не закрыта кавычка или скобка?)"),
    ("found unknown escape character", "неизвестная последовательность с «\\» в строке в двойных кавычках"),
    ("found a tab character", "табуляция в отступе: отступы — только пробелами"),
    ("found undefined alias", "ссылка на неизвестный якорь"),
    ("found duplicate anchor", "якорь с этим именем уже есть"),
    ("could not determine a constructor for the tag", "неизвестный тег «!…»: теги в паспорте не используются"),
    ("control characters are not allowed", "недопустимый управляющий символ"),
    ("but found another document", "в файле больше одного документа YAML (строка «---»)"),
    ("found unexpected ':'", "неожиданное «:»"),
    ("found unhashable key", "ключом не может быть список или словарь"),
    ("expected a single document", "в файле больше одного документа YAML (строка «---»)"),
    ("while scanning a quoted scalar", "не закрыта кавычка"),
    ("while scanning a simple key", "не найдено «:» после ключа"),
    ("while scanning an alias", "неверная ссылка на якорь (*имя)"),
    ("while scanning an anchor", "неверный якорь (&имя)"),
    ("exceeded max depth", f"вложенность глубже {LIMITS.yaml_depth} уровней"),
)


def yaml_problem(problem: str | None, context: str | None) -> str:
    """The parser's English complaint in Russian (a general phrase when it is not one we know)."""
    text = f"{problem or ''} {context or ''}"
    for english, russian in _PROBLEMS:
        if english in text:
            return russian
    return "текст не разбирается как YAML"
