#!/usr/bin/env bash
# Install what is needed and run every check: lint, data quality of the passport files, all tests
# (unit, AppTest per page, real-browser tests in headless Chromium), the facts store's tests against SQLite and
# against a throwaway PostgreSQL cluster started here (Debian's postgresql is installed when missing).
set -euo pipefail
cd "$(dirname "$0")"
# pdftotext and pdffonts read the PDF reports in the tests
command -v pdftotext >/dev/null || export COS_EXTRA_PACKAGES="poppler-utils"
source scripts/setup.sh
scripts/pg_test.sh install
PG_DIR=$(mktemp -d /tmp/cos-pg.XXXXXX)
trap 'scripts/pg_test.sh stop "$PG_DIR"' EXIT
echo ">> PostgreSQL для тестов хранилища фактов: $PG_DIR"
COS_TEST_PG_URL=$(scripts/pg_test.sh start "$PG_DIR")
export COS_TEST_PG_URL
echo ">> ruff"
.venv/bin/ruff check .
echo ">> pytest"
.venv/bin/python -m pytest -q "$@"
