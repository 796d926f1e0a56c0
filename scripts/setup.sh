#!/usr/bin/env bash
# Shared setup for run.sh and test.sh: a venv with requirements.txt, and Debian's Chromium and DejaVu fonts when
# missing (kaleido renders PNG charts with Chromium; Playwright drives it in the browser tests; the PDF report embeds
# DejaVu). COS_EXTRA_PACKAGES names more Debian packages to install when missing (test.sh: poppler-utils).
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

# Debian packages: Chromium (PNG charts, browser tests), the DejaVu fonts (Cyrillic in PDF reports and charts)
packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || packages+=(fonts-dejavu-core)
for extra in ${COS_EXTRA_PACKAGES:-}; do packages+=("$extra"); done
if [ ${#packages[@]} -gt 0 ]; then
    echo ">> Устанавливаю из пакетов Debian: ${packages[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
fi
export BROWSER_PATH=/usr/bin/chromium
