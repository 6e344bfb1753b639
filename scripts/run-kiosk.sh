#!/usr/bin/env bash
# Set everything up and start the kiosk on the embedded defaults (SQLite, PDF-folder printers).
# Extra arguments go to main.py, e.g. --kiosk (full-screen touch mode) or --mode selfservice;
# --verbose (or VERBOSE=1) also shows the set-up's and Qt's own output. PYTHON=python3.x picks
# the Python (3.10 or newer). A second start skips the set-up (well under a second).
set -euo pipefail
cd "$(dirname "$0")/.."
for arg in "$@"; do
  if [ "$arg" = --verbose ]; then export VERBOSE=1; fi
done
source scripts/setup.sh runtime
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "Không có màn hình: chạy ẩn (offscreen). / No display found: starting offscreen (nothing will be visible). Set DISPLAY to see the window."
  export QT_QPA_PLATFORM=offscreen
fi
exec .venv/bin/python main.py "$@"
