"""A signature of the passport files, kept in the built database to tell when it is stale."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path


def _files(data_dir: Path) -> list[tuple[str, Path]]:
    """Every passports/*/*.yaml file (its path relative to data_dir, and its path), sorted as paths sort
    (os.scandir: pathlib's glob costs ~0,3 s at 2 000 passports)."""
    root = Path(data_dir) / "passports"
    if not root.is_dir():
        return []
    found = []
    with os.scandir(root) as folders:
        for folder in sorted((e for e in folders if e.is_dir()), key=lambda e: e.name):
            with os.scandir(folder.path) as entries:
                names = sorted(e.name for e in entries if e.name.endswith(".yaml"))
            found.extend((f"passports/{folder.name}/{name}", Path(folder.path, name)) for name in names)
    return found


def data_signature(data_dir: Path, digests: dict[Path, bytes] | None = None) -> tuple[str, Callable[[], str]]:
    """(quick, content): a hash of names, sizes and modification times — cheap, checked first — and a function
    computing the hash of names and contents, which decides when only the times differ (a fresh checkout).
    `digests` (a file's path -> the sha256 of its bytes) spares reading again files the caller has hashed."""
    digests = digests or {}
    files = _files(data_dir)
    quick = hashlib.sha256()
    for rel, path in files:
        stat = os.stat(path)
        quick.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())

    def content() -> str:
        digest = hashlib.sha256()
        for rel, path in files:
            digest.update(f"{rel}\0".encode())
            digest.update(digests.get(path) or hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()

    return quick.hexdigest(), content
