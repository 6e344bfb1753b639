"""Measurements that need a fresh process: start-up time and memory after 1,000 attendees."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def startup_s(runs: int = 3) -> float:
    """Median seconds from process start to the first window shown (offscreen)."""
    samples = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = {
                **os.environ,
                "QT_QPA_PLATFORM": "offscreen",
                "KIOSK_DATA_DIR": tmp,
                "KIOSK_CONFIG": f"{tmp}/kiosk.toml",
            }
            out = subprocess.run(
                [sys.executable, str(ROOT / "main.py"), "--exit-after-show"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=True,
            )
            line = next(x for x in out.stdout.splitlines() if x.startswith("startup_s="))
            samples.append(float(line.split("=")[1]))
    return round(statistics.median(samples), 3)


def rss_mb_after(attendees: int) -> float:
    """Peak RSS (MB) of a process that registered and paid `attendees` people."""
    code = (
        f"from benchmarks.core import rss_after_attendees; print(rss_after_attendees({attendees}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def gui_max_stall() -> float:
    """Longest event-loop stall (ms) while 50 cards and 50 receipts print on a slow printer."""
    with tempfile.TemporaryDirectory() as tmp:
        code = (
            f"from benchmarks.stall import measure_print_stall; print(measure_print_stall({tmp!r}))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
    return float(out.stdout.strip().splitlines()[-1])
