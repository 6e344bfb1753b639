#!/usr/bin/env bash
# Set everything up and run the whole test suite: lint (ruff), types (mypy), then pytest,
# including the PostgreSQL and CUPS tests (their servers are started by the tests; the system's
# own postgresql and cups services are left stopped and disabled: see scripts/setup.sh).
# Arguments go to pytest (e.g. a test file, -k NAME); --verbose also shows the set-up's output.
set -euo pipefail
cd "$(dirname "$0")/.."
for arg in "$@"; do
  if [ "$arg" = --verbose ]; then export VERBOSE=1; fi
done
source scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check .
echo "== ruff format"; .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/python -m pytest "$@"
