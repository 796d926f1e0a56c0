#!/usr/bin/env bash
# Shared setup for run.sh and test.sh: a venv with requirements.txt, and Debian's Chromium when missing
# (kaleido renders PNG charts with it; Playwright drives it in the browser tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo ">> Создаю виртуальное окружение .venv"
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo ">> Устанавливаю зависимости (pip install -r requirements.txt)"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r requirements.txt
    echo "$want" > "$stamp"
fi

if [ ! -x /usr/bin/chromium ]; then
    echo ">> Устанавливаю Chromium из пакетов Debian (нужен для PNG и браузерных тестов)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
export BROWSER_PATH=/usr/bin/chromium
