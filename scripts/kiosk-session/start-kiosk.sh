#!/bin/sh
# Start the self-service screen inside cage, the only client of the session.
#   -d  no client-side decorations (no title bar, no minimise/close buttons)
#   no -s: switching to another virtual terminal (Ctrl+Alt+F2...) is NOT allowed
# KIOSK_HOME (the installed checkout) and KIOSK_PYTHON may be set in /etc/default/bhxh-kiosk.
set -eu
KIOSK_HOME="${KIOSK_HOME:-/opt/bhxh-kiosk}"
KIOSK_PYTHON="${KIOSK_PYTHON:-$KIOSK_HOME/.venv/bin/python}"
cd "$KIOSK_HOME"
exec cage -d -- "$KIOSK_PYTHON" main.py --kiosk --mode selfservice
