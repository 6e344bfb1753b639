#!/usr/bin/env bash
# Installs what the kiosk needs on Debian/Ubuntu (system libraries, then a virtualenv in .venv).
# Usage: source scripts/setup.sh [runtime|test]   (runtime: to run the kiosk; test: everything)
set -euo pipefail
KIOSK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profile="${1:-runtime}"

# Qt's offscreen/xcb platform libraries, fonts; python venv support.
runtime_pkgs=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
  libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 libusb-1.0-0 python3-venv python3-pip cups-client)
# Tests: a real PostgreSQL server, a real CUPS with a PDF queue, poppler (PDF to PNG).
test_pkgs=(postgresql cups cups-bsd printer-driver-cups-pdf poppler-utils)

pkgs=("${runtime_pkgs[@]}")
[ "$profile" = test ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages first: ${missing[*]}" >&2
    exit 1
  fi
fi

PY="${PYTHON:-python3}"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || {
  echo "Python 3.11 or newer is needed (found $("$PY" --version))." >&2; exit 1; }
if [ ! -x "$KIOSK_ROOT/.venv/bin/python" ]; then
  "$PY" -m venv "$KIOSK_ROOT/.venv"
fi
extras="postgres"
[ "$profile" = test ] && extras="postgres,test"
"$KIOSK_ROOT/.venv/bin/python" -m pip install -q --upgrade pip >/dev/null
"$KIOSK_ROOT/.venv/bin/python" -m pip install -q -e "$KIOSK_ROOT[$extras]"
