"""Measurements that need a fresh process: start-up time and memory after 1,000 attendees."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def startup_s(runs: int = 3, mode: str = "staff") -> float:
    """Median seconds from launching the process to its first window shown (offscreen).

    Measured from outside (launch to the line the kiosk prints once the window is on screen),
    so the interpreter's own start counts too. One kiosk folder for all runs, after a first run
    that is not counted: that one creates the configuration and the database, which a booth
    does once, not every morning.
    """
    samples = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_DATA_DIR": tmp,
            "KIOSK_CONFIG": f"{tmp}/kiosk.toml",
        }
        for run in range(runs + 1):
            seconds = _time_to_window(env, mode)
            if run:
                samples.append(seconds)
    return round(statistics.median(samples), 3)


def _time_to_window(env: dict[str, str], mode: str) -> float:
    """Launch main.py and time it until it reports its first window."""
    command = [sys.executable, str(ROOT / "main.py"), "--mode", mode, "--exit-after-show"]
    started = time.perf_counter()
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("startup_s="):
                seconds = time.perf_counter() - started
                break
        else:
            raise RuntimeError(f"main.py ended without a start-up line (exit {proc.wait()})")
        proc.wait(timeout=60)
    return seconds


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
