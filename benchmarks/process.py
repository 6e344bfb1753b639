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
    """Median seconds from launching the process to its first window shown (offscreen)."""
    return startup_times(runs, mode)["first"]


def startup_times(runs: int = 3, mode: str = "staff") -> dict[str, float]:
    """Median seconds from launch to the first window (`first`: the login page or the welcome
    screen, usable) and to everything loaded (`ready`: database open, console built).

    Measured from outside (launch to the lines the kiosk prints), so the interpreter's own
    start counts too. One kiosk folder for all runs, after a first run that is not counted:
    that one creates the configuration and the database, which a booth does once, not every
    morning.
    """
    firsts: list[float] = []
    readies: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_DATA_DIR": tmp,
            "KIOSK_CONFIG": f"{tmp}/kiosk.toml",
        }
        for run in range(runs + 1):
            first, ready = _time_to_window(env, mode)
            if run:
                firsts.append(first)
                readies.append(ready)
    return {
        "first": round(statistics.median(firsts), 3),
        "ready": round(statistics.median(readies), 3),
    }


def _time_to_window(env: dict[str, str], mode: str) -> tuple[float, float]:
    """Launch main.py and time it until it reports its first window, then everything loaded."""
    command = [sys.executable, str(ROOT / "main.py"), "--mode", mode, "--exit-after-show"]
    started = time.perf_counter()
    first: float | None = None
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("startup_s="):
                first = time.perf_counter() - started
            elif line.startswith("ready_s="):
                ready = time.perf_counter() - started
                break
        else:
            raise RuntimeError(f"main.py ended without a start-up line (exit {proc.wait()})")
        proc.wait(timeout=60)
    if first is None:
        raise RuntimeError("main.py reported it was ready without a start-up line")
    return first, ready


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
