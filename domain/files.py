"""Files the app writes on the server (a facts template, a report, a copy of the store) hold facts and names:
only their owner may read them (0600), as the store itself."""

from __future__ import annotations

import os
from pathlib import Path


def write_private(path: Path, data: bytes) -> None:
    """Write a whole file readable and writable by its owner only (an existing file keeps no wider rights)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        os.fchmod(out.fileno(), 0o600)
        out.write(data)
