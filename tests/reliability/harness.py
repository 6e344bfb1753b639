"""Crash harness: kill a paying process again and again and check nothing is lost or doubled.

Three ways to kill, so work happens whatever the machine's load: at an operation count (the
child SIGKILLs itself at its Nth SQL statement, commit or sheet of paper, counted from start-up
or from its first money commit); at a random time (the parent waits until the child has
reported money taken, then kills it after a random delay); or, under strace, on entering its
Nth fsync (a commit was being made durable and its sync never happens). After each kill the
books are checked (`books.check_books`), and with printing the paper too (`after_payment`).

Run by hand: `python -m tests.reliability.harness --kills 500 [--mode time|fsync] [--print] [--pg]
[--power]` (--power: on a filesystem that loses what was not fsynced, see `powercut`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from sqlalchemy import func
from sqlalchemy import select as sql_select

from kiosk.bootstrap import register_kiosk
from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import EnrollmentStatus, Role
from kiosk.services.shifts import open_shift
from kiosk.store.db import Database, sqlite_url
from kiosk.store.migrate import upgrade
from kiosk.store.models import Receipt, Staff, Visit
from tests.reliability.books import Told, check_books
from tests.reliability.child import OPS, STATUS_SIZE
from tests.support.factories import kiosk_context

ROOT = Path(__file__).resolve().parents[2]
STRACE = shutil.which("strace") or "strace"  # Debian package "strace" (fsync mode)
CHILD_TIMEOUT_S = 180  # one life; a healthy one takes a few seconds even on a busy machine


class Disk(Protocol):
    """Where the child's database lives; the power-cut disk loses unsynced data at each kill."""

    @property
    def child_url(self) -> str: ...

    @property
    def books_url(self) -> str: ...

    def before_life(self) -> None: ...

    def after_kill(self) -> None: ...


@dataclass
class PlainDisk:
    """The database as it is: a SIGKILL loses the process, never what it wrote."""

    child_url: str

    @property
    def books_url(self) -> str:
        return self.child_url

    def before_life(self) -> None:
        pass

    def after_kill(self) -> None:
        pass


@dataclass
class CrashReport:
    kills: int = 0
    in_tx: int = 0  # kills that landed with a transaction open
    with_writes: int = 0  # ... that had already written (rolled back by the kill)
    steps: Counter[str] = field(default_factory=Counter)  # where the kills landed
    paid_visits: int = 0  # paid and still standing, in the books at the end
    voided: int = 0
    receipts: int = 0
    told_paid: int = 0  # payments the screen showed: every one must be in the books
    told_voided: int = 0  # voids the screen showed
    done_ops: set[str] = field(default_factory=set)
    violations: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"kills {self.kills} (inside a transaction {self.in_tx}, with uncommitted writes "
            f"{self.with_writes}), paid visits {self.paid_visits}, voided receipts {self.voided}, "
            f"receipts {self.receipts}, payments shown {self.told_paid}, violations "
            f"{len(self.violations)}, {self.seconds:.0f} s"
        )


def prepare(url: str, workdir: Path) -> None:
    """Migrate, register the kiosk, add a cashier and a supervisor, open the shift."""
    db = Database(url)
    try:
        upgrade(db)
        register_kiosk(db, parse_config(DEFAULT_CONFIG))
        with db.unit_of_work() as s:
            cashier = Staff(name="Lê Thị Thu", role=Role.STAFF, pin_hash="test-only")
            supervisor = Staff(name="Phạm Văn Giám", role=Role.SUPERVISOR, pin_hash="test-only")
            s.add_all([cashier, supervisor])
            s.flush()
            open_shift(s, kiosk_context(), cashier.id, 500_000)
            ids = {"cashier": str(cashier.id), "supervisor": str(supervisor.id)}
    finally:
        db.dispose()
    (workdir / "setup.json").write_text(json.dumps(ids))


class Lines:
    """The child's progress lines, read with a deadline (never a wait without end)."""

    def __init__(self, pipe: IO[bytes]) -> None:
        self.fd, self.buf, self.lines = pipe.fileno(), b"", list[str]()

    def _read(self, deadline: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            raise TimeoutError("the child reported nothing in time")
        chunk = os.read(self.fd, 65536)
        self.buf += chunk
        *done, self.buf = self.buf.split(b"\n")
        self.lines += [line.decode() for line in done]
        return bool(chunk)

    def wait_for(self, word: str, timeout: float) -> None:
        """Until a line starting with `word` came."""
        self.wait_until(lambda lines: any(line.startswith(word) for line in lines), timeout)

    def wait_until(self, done: Callable[[list[str]], bool], timeout: float) -> None:
        """Until `done(lines so far)`."""
        deadline = time.monotonic() + timeout
        while not done(self.lines):
            if not self._read(deadline):
                raise RuntimeError("the process ended before saying what was awaited")

    def wait_money(self, count: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while sum(line.startswith(("paid", "voided")) for line in self.lines) < count:
            if not self._read(deadline):
                raise RuntimeError("the child stopped before taking money")

    def drain(self, timeout: float) -> list[str]:
        deadline = time.monotonic() + timeout
        while self._read(deadline):
            pass
        return self.lines


def run(
    kills: int,
    workdir: Path,
    *,
    seed: int = 1,
    mode: str = "count",
    printing: bool = False,
    disk: Disk | None = None,
    span: int = 250,
    window_s: float = 0.3,
    fsync_span: int = 30,
) -> CrashReport:
    """Kill the child `kills` times (see the module docstring), checking after each kill.

    count mode: lives alternate between a kill at a uniform count in 1..`span` from start-up
    and one from the first money commit (so every other life has taken money). time mode: the
    kill comes `window_s` at most after the child reported one or two money commits. fsync
    mode: strace kills the child on entering its Nth fsync or fdatasync (N in 1..`fsync_span`),
    which is never carried out: the commit was being made durable and was not."""
    rng = random.Random(seed)
    disk = disk if disk is not None else PlainDisk(sqlite_url(workdir / "crash.sqlite3"))
    prepare(disk.books_url, workdir)
    paper = workdir / "paper"
    paper.mkdir(exist_ok=True)
    report, told, start = CrashReport(), Told(), time.perf_counter()
    for life in range(kills):
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "KIOSK_CHILD_SEED": str(seed * 100_003 + life),
            "KIOSK_CHILD_FIRST_OP": str(life % len(OPS)),
            "KIOSK_PAPER_DIR": str(paper),
        }
        if mode == "count":
            env["KIOSK_KILL_AT"] = str(rng.randint(1, span))
            env["KIOSK_KILL_FROM"] = "paid" if life % 2 else "start"
        if mode == "fsync":
            env["KIOSK_FSYNC_KILL_AT"] = str(rng.randint(1, fsync_span))
        disk.before_life()
        lines = _life(disk, workdir, env, printing, mode, rng, window_s)
        status = (workdir / "status").read_bytes()[:STATUS_SIZE].decode().split()
        disk.after_kill()
        for line in lines:
            told.read(line)
        report.kills += 1
        report.in_tx += status[0] != "0"
        report.with_writes += status[0] == "2"
        report.steps[status[1] if len(status) > 1 else "?"] += 1
        problems = _check(disk.books_url, told, paper if printing else None)
        report.violations += [f"after kill {life + 1}: {p}" for p in problems]
        if problems:
            break
    report.seconds = time.perf_counter() - start
    _tally(report, disk.books_url, told)
    return report


def _life(
    disk: Disk,
    workdir: Path,
    env: dict[str, str],
    printing: bool,
    mode: str,
    rng: random.Random,
    window_s: float,
) -> list[str]:
    """One life of the child, to its SIGKILL; returns its progress lines."""
    args = [sys.executable, "-m", "tests.reliability.child", disk.child_url, str(workdir)]
    if mode == "fsync":  # SIGKILL on entering the Nth sync call, which does not happen
        at = env["KIOSK_FSYNC_KILL_AT"]
        inject = f"inject=fsync,fdatasync:signal=KILL:retval=0:when={at}"
        trace = ["-e", "trace=fsync,fdatasync", "-e", inject]
        args = [STRACE, "-f", "-qq", "-o", os.devnull, *trace, *args]
    with (workdir / "child.err").open("wb") as err:
        child = subprocess.Popen(
            [*args, "print" if printing else ""],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=err,
        )
    assert child.stdout is not None
    try:
        lines = Lines(child.stdout)
        if mode == "time":
            lines.wait_money(rng.randint(1, 2), CHILD_TIMEOUT_S)
            time.sleep(rng.uniform(0.0, window_s))  # the random moment of the kill
            child.send_signal(signal.SIGKILL)
        child.wait(CHILD_TIMEOUT_S)
        got = lines.drain(CHILD_TIMEOUT_S)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(CHILD_TIMEOUT_S)
        child.stdout.close()
    if child.returncode not in (-signal.SIGKILL, 128 + signal.SIGKILL):  # strace: 137
        raise RuntimeError(
            f"child ended by itself ({child.returncode}): {(workdir / 'child.err').read_text()}"
        )
    return got


def _check(url: str, told: Told, paper: Path | None) -> list[str]:
    db = Database(url)  # a fresh start, as the kiosk after the crash (SQLite recovers its WAL)
    try:
        problems = check_books(db, told)
        if paper is not None:
            from tests.reliability.after_payment import check_printing

            problems += check_printing(db, paper)
        return problems
    finally:
        db.dispose()


def _tally(report: CrashReport, url: str, told: Told) -> None:
    db = Database(url)
    try:
        with db.read() as s:
            paid = sql_select(func.count()).select_from(Visit)
            report.paid_visits = s.scalar(paid.where(Visit.status == EnrollmentStatus.PAID)) or 0
            receipts = sql_select(func.count()).select_from(Receipt)
            report.receipts = s.scalar(receipts) or 0
            report.voided = s.scalar(receipts.where(Receipt.voided_at.is_not(None))) or 0
    finally:
        db.dispose()
    report.told_paid = len(told.paid)
    report.told_voided = len(told.voided)
    report.done_ops = set(told.done)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mode", choices=("count", "time", "fsync"), default="count")
    parser.add_argument("--print", action="store_true", help="also print receipts and cards")
    parser.add_argument("--pg", action="store_true", help="on a throwaway PostgreSQL server")
    parser.add_argument("--power", action="store_true", help="cut the power at each kill")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kwargs = {"seed": args.seed, "mode": args.mode, "printing": args.print}
        if args.pg:
            from tests.support.pgserver import create_database, running_server

            with running_server() as admin:
                disk = PlainDisk(create_database(admin))
                report = run(args.kills, Path(tmp), disk=disk, **kwargs)
        elif args.power:
            from tests.reliability.powercut import PowerCutDisk

            with PowerCutDisk(Path(tmp)) as power:
                report = run(args.kills, Path(tmp), disk=power, **kwargs)
        else:
            report = run(args.kills, Path(tmp), **kwargs)
    print(report.summary())
    print("kills landed at:", dict(report.steps.most_common()))
    for problem in report.violations:
        print("VIOLATION:", problem)
    sys.exit(1 if report.violations else 0)


if __name__ == "__main__":
    main()
