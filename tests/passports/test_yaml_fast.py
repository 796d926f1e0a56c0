"""The fast YAML reader (yaml_rs) never changes what a passport says: on the real files, on the texts where YAML 1.1
and 1.2 differ, and on thousands of broken copies of the real files, `load_text` returns what PyYAML alone returns
or refuses what it refuses (then PyYAML reads the text and names the problem)."""

from __future__ import annotations

import os
import random
import re

import pytest
import yaml

from passports import yaml_reader as yaml_io
from passports.yaml_reader import load_pyyaml, load_text
from tests.helpers import DATA

pytestmark = pytest.mark.skipif(yaml_io.yaml_rs is None, reason="yaml_rs is not installed")


def _typed(data):
    """The data with every value's type and every mapping's key order spelled out: 1, 1.0 and True are equal in
    Python, and a reader that turned one into another would still pass a plain comparison."""
    if type(data) is dict:
        return "dict", [(_typed(k), _typed(v)) for k, v in data.items()]
    if type(data) is list:
        return "list", [_typed(x) for x in data]
    return type(data).__name__, repr(data)


def _outcome(fn, text: str):
    """('ok', the typed data) or ('error', the exception's class and message)."""
    try:
        return "ok", _typed(fn(text))
    except (yaml.YAMLError, RecursionError) as exc:
        return "error", f"{type(exc).__name__}: {exc}"


def _same(text: str) -> None:
    assert _outcome(load_text, text) == _outcome(load_pyyaml, text), text[:300]


def test_real_passports_are_read_by_the_fast_reader():
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "passports").glob("*/*.yaml"))]
    fast = [t for t in texts if yaml_io._rust_load(t) is not yaml_io._UNSURE]
    assert len(fast) >= len(texts) - 4  # a file with a KBK code («122E452100», a float in YAML 1.2) goes to PyYAML
    for text in texts:
        _same(text)


VALUES = [
    "yes", "No", "on", "OFF", "010", "-010", "08", "0o17", "0x1F", "0b101", "1_000", "1e3", "1.5e3", "1E+3",
    "122E452100", "2019-01-01", "2019-01-01 10:00:00", "1:30", "190:20:30", ".nan", ".inf", "-.inf", "=", "~",
    "null", "", "1000000000000001", "99999999999999999999999", "1.", ".5", "+7", "-0", "0.0", "01.10.2018",
    "1.1.", "'010'", '"yes"', "[1, 2]", "{a: 1}", "!!str 1", "!!python/object:os.system x", "*x", "&x 1", "<< : 1",
    "a: b", "'x", '"\\q"', "\t1", "\ufeff1",
    # what passports hold, so that a changed value keeps the text on the fast path
    "[:x]", "[?x]", "{b: :x}", "{b: ?x}", "[x, :y]", "[x:, y]", "[?]", "{:x: 1}", "[x:y]", "['a', \"b\"]",
    "{a: [1, 2], b: {c: d}}", "[a]b", "[1,\n 2]", "[']', [1,\n 2]]",
    "0", "42", "-3", "12.5", "0.25", "100", "999999999999999", "1000000000000000", "1.1.1", "'1.2'", "Иванов И.И.",
    "доля, процент", "a b: c", "x # y", "'a: b'", '"x\\ny"', "ноль", "true", "false", "False", "N", "y", "~x",
]


@pytest.mark.parametrize("value", VALUES)
def test_values_read_as_pyyaml_reads_them(value):
    _same(f"a: {value}\nb: [{value}]\nc:\n- {value}\n")


@pytest.mark.parametrize("text", [
    "a: 1\na: 2\n", "{a: 1, a: 1}\n", "? [1, 2]\n: x\n", "{[1, 2]: x}\n", "- 1\n---\n- 2\n", "%YAML 1.1\n---\na: 1\n",
    "a: 1\n...\n", "a:\n\t- 1\n", "a: \x07\n", "a: |\n  x\n  y\n", "a: >-\n  x\n\n  y\n", "a: x\n  y\n  # c\n  z\n",
    "a: b #c\nd: e#f\n", "a: 'it''s'\n", 'a: "\\u0416"\n', "2019: 1\n2020: 2.5\n", "a: [1, 2,]\n", "a: {b: 1,}\n",
    "- - - 1\n", "a:\n  - b: 1\n    c: 2\n", "a: 1\r\nb: 2\r\n", "a: 1\rb: 2\n", "a: ü\x85b\n", "",
    "# only a comment\n", "a: " + "[" * 40 + "]" * 40 + "\n",
])
def test_texts_read_as_pyyaml_reads_them(text):
    _same(text)


_SNIPPETS = ["\n", " ", ":", ": ", "- ", "'", '"', "[", "]", "{", "}", ",", "#", "&a ", "*a", "!", "?", "|", ">",
             "\t", "yes", "010", "1e3", ".nan", "2019-01-01", "\n  ", "\n- ", "---", "%", "\\", "\x00"]


def _mutate(rng: random.Random, text: str) -> str:
    """A copy of the text changed in one or two places: a YAML character inserted, a span deleted, a line doubled
    or moved in or out — mostly broken — or a value replaced by one of VALUES, a comment added, spaces in a flow
    mapping changed — mostly still valid, so that the fast reader reads it and must agree."""
    for _ in range(rng.randint(1, 2)):
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(8)
        if kind >= 5:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            key, colon, value = lines[i].partition(": ")
            if kind == 5 and colon:
                lines[i] = key + colon + rng.choice(VALUES)
            elif kind == 6:
                lines[i] += rng.choice(["  # x", " #", "  #: y", " "])
            elif colon:
                lines[i] = key + colon + value.replace(", ", rng.choice([",", ",  ", " , "]))
            text = "\n".join(lines)
        elif kind == 0:
            text = text[:at] + rng.choice(_SNIPPETS) + text[at:]
        elif kind == 1:
            text = text[:at] + text[at + rng.randint(1, 12):]
        else:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            if kind == 2:
                lines.insert(i, lines[i])
            elif kind == 3:
                lines[i] = "  " + lines[i]
            else:
                lines[i] = lines[i][2:] if lines[i].startswith("  ") else lines[i]
            text = "\n".join(lines)
    return text


#: broken copies per file; COS_YAML_MUTATIONS=5000 for a longer run (bench/results/scale.md records one)
MUTATIONS = int(os.environ.get("COS_YAML_MUTATIONS", "150"))
FILES = ("passport.yaml", "indicators.yaml", "results.yaml", "funding.yaml", "participants.yaml",
         "activities.yaml", "methodology.yaml")


def _piece(rng: random.Random, text: str) -> str:
    """The file's head (to its first list item) and a run of up to 150 lines from a list item on: a valid part
    of the file (the large files whole would make the test slow)."""
    lines = text.split("\n")
    items = [i for i, line in enumerate(lines) if line.startswith("- ")]
    if not items:
        return text
    at = rng.choice(items)
    return "\n".join(lines[:items[0]] + lines[at:at + 150]) + "\n"


@pytest.mark.parametrize("name", FILES)
def test_broken_copies_of_real_files_are_read_or_refused_as_pyyaml_does(name):
    rng = random.Random(name)
    sources = [(DATA / "passports" / pid / name).read_text(encoding="utf-8") for pid in ("amur", "tomsk")]
    for _ in range(MUTATIONS):
        _same(_mutate(rng, _piece(rng, rng.choice(sources))))


#: the rule _lenient started as (a single regular expression): _lenient refuses at least what it refused
_LENIENT_RE = re.compile(r"[\[{][^\n\]}]*\n|(?:^[ \t]*|[-:?][ \t]+|[\[{,][ \t]*)[|>@`%]", re.M)


@pytest.mark.parametrize("name", FILES)
def test_lenient_check_refuses_what_the_first_rule_refused(name):
    rng = random.Random("lenient" + name)
    sources = [(DATA / "passports" / pid / name).read_text(encoding="utf-8") for pid in ("amur", "tomsk")]
    for text in [*sources, *(_mutate(rng, _piece(rng, rng.choice(sources))) for _ in range(MUTATIONS))]:
        assert yaml_io._lenient(text) or not _LENIENT_RE.search(text), text[:300]
    for text in ["|", " >x", "a: -  %", "a:\t@", "[`", "{ ,|", "x\n  `y", "?  |", "a: [1,\n 2]", "a: [[1], 2,\n 3]"]:
        assert yaml_io._lenient(text), text
    for text in ["a -%", "a%", "a: b%", "a: [1, 2]", "- {result: '1', line: 2}", 'a: {"b": c d, e: [1, 2]}']:
        assert not yaml_io._lenient(text), text


def test_whitespace_class_is_what_backslash_s_matches():
    spelled = re.compile(f"[{yaml_io._WHITESPACE}]")
    every = "".join(map(chr, range(0x110000)))
    assert spelled.findall(every) == re.findall(r"\s", every)
