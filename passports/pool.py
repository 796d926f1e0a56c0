"""Passport folders -> staging rows, in parallel: each folder is keyed by a hash of its content and read by a
process pool in chunks (in-process when there are few), and every chunk comes back as staging rows in Arrow
tables.

The key of a folder is a hash of the reader's code (passports/*.py, the staging DDL, domain/*.py and the versions
of the YAML and schema libraries), the folder's name and the bytes of every *.yaml file in it: a passport whose
key is in the cache (passports/cache.py) is not read again. A worker hashes the folder again after reading
it; when the files changed in between, its rows are used for this build but not cached under either key.

Problems are collected from every folder, as `passports.reading.load_passports` does, in folder order.
"""

from __future__ import annotations

import hashlib
import os
import sys
import types
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from domain import paths
from domain.problems import InputError, InputProblem
from passports.reading import Passport, load_passport
from passports.staging import staging_frames

#: passports per task of the pool (one task is ~0.5 s of work: small enough to keep both cores busy to the end)
CHUNK = 16
#: below this many folders to read, the pool costs more (starting workers: ~0.6 s) than it saves
MIN_PARALLEL = 24
_LIBRARIES = ("PyYAML", "yaml-rs", "pydantic", "pyarrow")


@cache
def loader_version() -> str:
    """A hash of what turns a folder into staging rows: a change to any of it makes every cached row stale."""
    root = paths.ROOT
    digest = hashlib.sha256()
    files = [*sorted((root / "passports").glob("*.py")), root / "model" / "sql" / "staging" / "00_staging.sql",
             *sorted((root / "domain").glob("*.py"))]
    for path in files:
        digest.update(f"{path.relative_to(root)}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    return digest.hexdigest()


def file_digests(folder: Path) -> dict[str, bytes]:
    """The sha256 of every *.yaml file of a folder, by file name."""
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries if e.name.endswith(".yaml") and e.is_file())
    out = {}
    for name in names:
        with open(os.path.join(folder, name), "rb") as f:
            out[name] = hashlib.sha256(f.read()).digest()
    return out


def folder_key(folder: Path, digests: dict[str, bytes] | None = None) -> str:
    """The cache key of a passport folder: the loader's version, the folder's name and its files' hashes."""
    digest = hashlib.sha256(f"{loader_version()}\0{folder.name}\0".encode())
    for name, file_digest in (file_digests(folder) if digests is None else digests).items():
        digest.update(f"{name}\0".encode())
        digest.update(file_digest)
    return digest.hexdigest()


@dataclass
class Parsed:
    """What reading some folders gave: staging rows (Arrow tables: they cross the process boundary and enter
    DuckDB without a copy per value) with their cache key and row order, the folders read (folder name -> key,
    or None when the files changed while read) and the problems found."""

    frames: dict[str, pa.Table] = field(default_factory=dict)
    keys: dict[str, str | None] = field(default_factory=dict)
    passports: dict[str, tuple[str, str]] = field(default_factory=dict)  # folder name -> (passport_id, level)
    rows: dict[str, int] = field(default_factory=dict)  # key -> staging rows of every table together
    problems: dict[str, list[InputProblem]] = field(default_factory=dict)  # folder name -> its problems


def parse_chunk(tasks: list[tuple[str, str]]) -> Parsed:
    """Read and validate (folder, expected key) pairs; the staging rows of the valid ones, each row tagged with
    its folder's key (`cache_key`) and its place in its table (`cache_row`)."""
    out = Parsed()
    passports: list[Passport] = []
    keys: list[str] = []
    for folder_name, expected in tasks:
        folder = Path(folder_name)
        try:
            passport = load_passport(folder)
        except InputError as exc:
            out.problems[folder.name] = exc.problems
            continue
        key = expected if folder_key(folder) == expected else None
        passports.append(passport)
        keys.append(key or f"unkeyed:{folder.name}")
        out.keys[folder.name] = key
        out.passports[folder.name] = (passport.passport_id, passport.passport.level)
    if not passports:
        return out
    ids = pa.array([p.passport_id for p in passports])
    key_names = pa.array(keys)
    for table, rows in staging_frames(passports).items():
        # each row's key: the passport's place among the chunk's, as a dictionary of the chunk's keys
        place = pc.index_in(rows["passport_id"], value_set=ids)
        for counted in pc.value_counts(place).to_pylist():
            key = keys[counted["values"]]
            out.rows[key] = out.rows.get(key, 0) + counted["counts"]
        rows = rows.add_column(0, "cache_row", pa.array(range(rows.num_rows), pa.int64()))
        out.frames[table] = rows.add_column(0, "cache_key", pa.DictionaryArray.from_arrays(place, key_names))
    for key in keys:
        out.rows.setdefault(key, 0)
    return out


def parse_folders(tasks: list[tuple[Path, str]], workers: int | None = None,
                  min_parallel: int = MIN_PARALLEL) -> Iterator[Parsed]:
    """Parse (folder, key) pairs chunk by chunk, in a process pool of `workers` (os.cpu_count() by default)
    processes when there are at least `min_parallel` of them; chunks come back in order as they are done, so
    only a few chunks' rows are held at once."""
    workers = workers or os.cpu_count() or 1
    chunks = [[(str(f), k) for f, k in tasks[i:i + CHUNK]] for i in range(0, len(tasks), CHUNK)]
    if workers < 2 or len(tasks) < min_parallel:
        for chunk in chunks:
            yield parse_chunk(chunk)
        return
    # spawn, not fork: the caller may run DuckDB threads, which a forked child must not inherit
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=get_context("spawn")) as pool:
        # at most four chunks per worker in flight (a finished chunk waits in memory until the caller takes it;
        # fewer leave the workers idle while the caller stores a batch)
        window = 4 * min(workers, len(chunks))
        with _main_module_hidden():  # the workers start as the first tasks are submitted
            futures = deque(pool.submit(parse_chunk, chunk) for chunk in chunks[:window])
        for chunk in chunks[window:]:
            yield futures.popleft().result()
            futures.append(pool.submit(parse_chunk, chunk))
        while futures:
            yield futures.popleft().result()


@contextmanager
def _main_module_hidden() -> Iterator[None]:
    """A spawned worker runs the parent's __main__ again before its task (a script without a main guard, an app
    page under Streamlit's AppTest would run in it); the workers need passports.pool only, so the parent's
    __main__ is hidden while they start."""
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main
