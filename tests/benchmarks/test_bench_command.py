"""`kiosk bench --json --small` runs end to end in CI, so the benchmark cannot rot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
KEYS = {
    "quote",
    "render_card",
    "render_booklet",
    "render_receipt_escpos",
    "checkout",
    "lookup_id_20k",
    "search_name_20k",
    "naive_search_name_20k",
    "search_speedup",
    "report_day_2k",
    "export_xlsx_2k",
    "startup_s",
    "startup_staff_s",
    "startup_selfservice_s",
    "ready_staff_s",
    "ready_selfservice_s",
    "gui_max_stall",
    "rss_mb_after_200",
    "machine",
}


@pytest.mark.slow
def test_small_benchmark_prints_every_figure(tmp_path: Path) -> None:
    """One JSON object with every figure at the reduced sizes, all positive numbers, the
    start-up target being the slower first screen (which search is faster is reported, not
    asserted: see the comment below)."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_CONFIG": str(tmp_path / "kiosk.toml"),
    }
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "bench",
            "--json",
            "--small",
            "--repeat",
            "3",
            "--cache",
            str(tmp_path / "cache"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    figures = json.loads(out.stdout)
    assert set(figures) == KEYS
    numbers = {k: v for k, v in figures.items() if k != "machine"}
    assert all(isinstance(v, int | float) and v > 0 for v in numbers.values()), numbers
    # The target figure is the slower first screen; each mode's first screen comes before
    # everything is loaded.
    assert figures["startup_s"] == max(figures["startup_staff_s"], figures["startup_selfservice_s"])
    for mode in ("staff", "selfservice"):
        assert figures[f"startup_{mode}_s"] <= figures[f"ready_{mode}_s"]
    # Which search is faster is the benchmark's finding, not a test's: on two busy CI cores a
    # timing comparison flips (seen on Python 3.10). The index's use is proven by operation
    # counts in tests/kiosk/services/test_search.py.
    assert "CPU" in figures["machine"]
