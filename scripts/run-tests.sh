#!/usr/bin/env bash
# Set everything up and run the whole test suite: lint (ruff), types (mypy), then pytest,
# including the PostgreSQL and CUPS tests (their servers are started by the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check .
echo "== ruff format"; .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== pytest"; .venv/bin/python -m pytest "$@"
