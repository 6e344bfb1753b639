"""Syscall trace: every money commit fsyncs SQLite's WAL before it returns (no timing involved).

A child (`pay_once`) takes cash, starts and confirms a VietQR transfer and voids a receipt under
`strace -f`, writing a marker to stdout before and after each commit. Within each marked
window the payment's WAL writes must be followed by an fsync/fdatasync of the -wal file
before the "end" marker: the receipt number the screen shows after it is on the disk.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.store.db import sqlite_url
from tests.reliability.harness import ROOT, prepare
from tests.reliability.pay_once import MARK, OPS

SYSCALL = re.compile(r"^\d+\s+(?P<call>\w+)\((?P<fd>\d+)<(?P<path>[^>]*)>")
STRACE = shutil.which("strace") or "strace"  # Debian package "strace"


def _trace(tmp_path: Path, synchronous: str = "") -> list[str]:
    """The child's write/pwrite64/fsync/fdatasync calls, in order, as strace printed them."""
    url = sqlite_url(tmp_path / "k.sqlite3")
    prepare(url, tmp_path)
    out = tmp_path / "trace.txt"
    cmd = [STRACE, "-f", "--seccomp-bpf", "-qq", "-y", "-s", "64", "-o", str(out)]
    cmd += ["-e", "trace=write,pwrite64,pwritev,fsync,fdatasync", sys.executable]
    cmd += ["-m", "tests.reliability.pay_once", url, str(tmp_path), synchronous]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=300, check=False)
    # The child ends with SIGKILL on purpose (no close-time checkpoint); strace passes it on.
    assert done.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL), done.stderr.decode()
    assert done.stdout.decode().count(MARK) == 2 * len(OPS), done.stdout.decode()
    return out.read_text().splitlines()


def _windows(lines: list[str]) -> dict[str, list[tuple[str, str]]]:
    """For each operation, the (call, file) pairs between its begin and end markers."""
    windows: dict[str, list[tuple[str, str]]] = {}
    current: str | None = None
    for line in lines:
        marker = re.search(rf'"{MARK} (\w+)-(begin|end)', line)
        if marker:
            current = marker.group(1) if marker.group(2) == "begin" else None
            if current:
                windows[current] = []
            continue
        found = SYSCALL.match(line)
        if current and found:
            windows[current].append((found.group("call"), found.group("path")))
    return windows


def _wal_synced_after_last_write(calls: list[tuple[str, str]]) -> tuple[int, bool]:
    """How many writes the window made to the WAL, and whether an fsync of it came after."""
    writes = [
        i
        for i, (call, path) in enumerate(calls)
        if call.startswith("pwrite") and path.endswith("-wal")
    ]
    syncs = [
        i
        for i, (call, path) in enumerate(calls)
        if call in ("fsync", "fdatasync") and path.endswith("-wal")
    ]
    return len(writes), bool(writes and syncs and syncs[-1] > writes[-1])


@pytest.mark.timeout(600)
def test_each_money_commit_syncs_the_wal_before_it_returns(tmp_path: Path) -> None:
    """Cash checkout, VietQR start, VietQR confirm and void: each window between the markers
    writes its rows to the WAL, then fsyncs the WAL, then returns (synchronous=FULL)."""
    windows = _windows(_trace(tmp_path))
    assert sorted(windows) == sorted(OPS)
    for op, calls in windows.items():
        writes, synced = _wal_synced_after_last_write(calls)
        assert writes > 0, f"{op}: no WAL write inside the commit window"
        assert synced, f"{op}: the WAL was not fsynced after its last write: {calls}"


@pytest.mark.timeout(600)
def test_the_trace_sees_the_old_setting_return_before_the_wal_is_on_disk(tmp_path: Path) -> None:
    """The control: with synchronous=NORMAL (the setting before issue 17) the same commits
    write the WAL and return without any fsync of it, so the check above has teeth."""
    windows = _windows(_trace(tmp_path, "NORMAL"))
    assert sorted(windows) == sorted(OPS)
    for op, calls in windows.items():
        writes, synced = _wal_synced_after_last_write(calls)
        assert writes > 0, op
        assert not synced, f"{op}: NORMAL synced the WAL inside the commit: {calls}"
