#!/usr/bin/env bash
# Install what is needed, build the database from the bundled passports and start ЦОС-монитор.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
.venv/bin/python -m loaders
echo ">> ЦОС-монитор: http://localhost:${PORT:-8501}"
exec .venv/bin/python -m streamlit run serve.py --server.port "${PORT:-8501}"
