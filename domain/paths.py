"""Default locations of the data, the built database and the facts store (overridable by env)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("COS_DATA_DIR", ROOT / "data"))
DB_PATH = Path(os.environ.get("COS_DB", DATA_DIR / "cos.duckdb"))
FACTS_PATH = Path(os.environ.get("COS_FACTS_DB", DATA_DIR / "facts.sqlite"))
#: a PostgreSQL facts store (postgresql://user:password@host/db) shared by several app servers; wins over FACTS_PATH
FACTS_URL = os.environ.get("COS_FACTS_URL") or None
EXAMPLES_DIR = ROOT / "data" / "examples"
#: the key that signs sign-in tokens (COS_SECRET_KEY wins): kept on the server beside the data, never in the facts store
SECRET_FILE = Path(os.environ.get("COS_SECRET_FILE", DATA_DIR / ".cos-secret"))
