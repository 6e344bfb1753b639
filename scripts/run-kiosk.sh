#!/usr/bin/env bash
# Set everything up and start the kiosk on the embedded defaults (SQLite, PDF-folder printers).
# Extra arguments go to main.py, e.g. --kiosk (full-screen touch mode) or --mode selfservice.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh runtime
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting offscreen (nothing will be visible). Set DISPLAY to see the window."
  export QT_QPA_PLATFORM=offscreen
fi
exec .venv/bin/python main.py "$@"
