"""A signature of the passport files, kept in the built database to tell when it is stale."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path


def _files(data_dir: Path) -> list[Path]:
    root = Path(data_dir) / "passports"
    return sorted(root.glob("*/*.yaml")) if root.is_dir() else []


def data_signature(data_dir: Path, digests: dict[Path, bytes] | None = None) -> tuple[str, Callable[[], str]]:
    """(quick, content): a hash of names, sizes and modification times — cheap, checked first — and a function
    computing the hash of names and contents, which decides when only the times differ (a fresh checkout).
    `digests` (a file's path -> the sha256 of its bytes) spares reading again files the caller has hashed."""
    digests = digests or {}
    files = _files(data_dir)
    root = Path(data_dir)
    quick = hashlib.sha256()
    for path in files:
        stat = path.stat()
        quick.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())

    def content() -> str:
        digest = hashlib.sha256()
        for path in files:
            digest.update(f"{path.relative_to(root)}\0".encode())
            digest.update(digests.get(path) or hashlib.sha256(path.read_bytes()).digest())
        return digest.hexdigest()

    return quick.hexdigest(), content
