"""The fast YAML reader (yaml_rs) never changes what a passport says: on the real files, on the texts where YAML 1.1
and 1.2 differ, and on thousands of broken copies of the real files, `load_text` returns what PyYAML alone returns
or refuses what it refuses (then PyYAML reads the text and names the problem)."""

from __future__ import annotations

import random

import pytest
import yaml

from loaders import yaml_io
from loaders.yaml_io import load_pyyaml, load_text
from tests.helpers import DATA

pytestmark = pytest.mark.skipif(yaml_io.yaml_rs is None, reason="yaml_rs is not installed")


def _outcome(fn, text: str):
    """('ok', data) or ('error', the exception's class and message)."""
    try:
        return "ok", fn(text)
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


@pytest.mark.parametrize("value", [
    "yes", "No", "on", "OFF", "010", "-010", "08", "0o17", "0x1F", "0b101", "1_000", "1e3", "1.5e3", "1E+3",
    "122E452100", "2019-01-01", "2019-01-01 10:00:00", "1:30", "190:20:30", ".nan", ".inf", "-.inf", "=", "~",
    "null", "", "1000000000000001", "99999999999999999999999", "1.", ".5", "+7", "-0", "0.0", "01.10.2018",
    "1.1.", "'010'", '"yes"', "[1, 2]", "{a: 1}", "!!str 1", "!!python/object:os.system x", "*x", "&x 1", "<< : 1",
    "a: b", "'x", '"\\q"', "\t1", "\ufeff1",
])
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
    """A copy of the text broken in one or two places: a YAML character inserted, a span deleted, a line doubled
    or moved in or out."""
    for _ in range(rng.randint(1, 2)):
        at = rng.randrange(len(text) + 1)
        kind = rng.randrange(5)
        if kind == 0:
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


@pytest.mark.parametrize("name", ["passport.yaml", "indicators.yaml", "funding.yaml", "methodology.yaml"])
def test_broken_copies_of_real_files_are_read_or_refused_as_pyyaml_does(name):
    rng = random.Random(name)
    sources = [(DATA / "passports" / pid / name).read_text(encoding="utf-8") for pid in ("amur", "tomsk")]
    for _ in range(300):
        _same(_mutate(rng, rng.choice(sources)))
