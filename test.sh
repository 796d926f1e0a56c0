#!/usr/bin/env bash
# Install what is needed and run every check: lint, data quality of the passport files, all tests
# (unit, AppTest per page, real-browser tests in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
echo ">> ruff"
.venv/bin/ruff check .
echo ">> pytest"
exec .venv/bin/python -m pytest -q "$@"
