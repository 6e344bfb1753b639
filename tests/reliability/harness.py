"""Crash harness: SIGKILL a paying process at random moments and check nothing is lost.

Run longer by hand: `python -m tests.reliability.harness --kills 500 [--print]`.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from kiosk.bootstrap import register_kiosk
from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import EnrollmentStatus, PaymentStatus
from kiosk.services.shifts import open_shift
from kiosk.store.db import Database, sqlite_url
from kiosk.store.migrate import upgrade
from kiosk.store.models import Payment, Receipt, ReceiptSeries, Visit
from tests.support.factories import kiosk_context

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CrashReport:
    kills: int = 0
    paid_visits: int = 0
    receipts: int = 0
    violations: list[str] = field(default_factory=list)


def check_invariants(db: Database) -> list[str]:
    """Every paid visit has one receipt and its money; numbers have no gap or duplicate."""
    problems = []
    with db.read() as s:
        numbers = sorted(s.scalars(select(Receipt.number)))
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"receipt numbers not gapless: {numbers[:5]}…{numbers[-5:]}")
        next_number = s.scalar(
            select(ReceiptSeries.next_number).where(ReceiptSeries.series == "K01")
        )
        if next_number != len(numbers) + 1:
            problems.append(f"series counter {next_number} after {len(numbers)} receipts")
        for visit in s.scalars(select(Visit)):
            paid = (
                s.scalar(
                    select(func.coalesce(func.sum(Payment.amount), 0)).where(
                        Payment.visit_id == visit.id, Payment.status == PaymentStatus.CONFIRMED
                    )
                )
                or 0
            )
            receipts = s.scalar(
                select(func.count()).select_from(Receipt).where(Receipt.visit_id == visit.id)
            )
            if visit.status == EnrollmentStatus.PAID and (paid != visit.total or receipts != 1):
                problems.append(
                    f"paid visit {visit.id}: {paid} taken of {visit.total}, {receipts} receipts"
                )
            if visit.status != EnrollmentStatus.PAID and (paid or receipts):
                problems.append(f"unpaid visit {visit.id} has money {paid} or receipts {receipts}")
    return problems


def run(
    kills: int,
    workdir: Path,
    seed: int = 1,
    after_payment: str = "",
    recover: Callable[[Database], list[str]] | None = None,
    window_s: float = 0.15,
) -> CrashReport:
    """Kill the child `kills` times at a random point of its first `window_s` seconds of work,
    checking after each (a wider window when it also prints, which takes longer per visit)."""
    rng = random.Random(seed)
    config = parse_config(DEFAULT_CONFIG)
    url = sqlite_url(workdir / "crash.sqlite3")
    db = Database(url)
    upgrade(db)
    register_kiosk(db, config)
    with db.unit_of_work() as s:
        open_shift(s, kiosk_context(), None, 0)
    report = CrashReport()
    attempt = workdir / "attempt.json"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(kills):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.child", url, str(attempt), after_payment],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert child.stdout is not None
        child.stdout.readline()  # "ready": imports done, database open
        time.sleep(rng.uniform(0.0, window_s))  # then kill at a random point of the work
        if child.poll() is not None:
            raise RuntimeError(
                f"child died on its own: {child.stderr.read().decode() if child.stderr else ''}"
            )
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        if child.stderr:
            child.stderr.close()
        report.kills += 1
        problems = check_invariants(db) + (recover(db) if recover else [])
        report.violations.extend(problems)
        if problems:
            break
    with db.read() as s:
        report.paid_visits = (
            s.scalar(
                select(func.count()).select_from(Visit).where(Visit.status == EnrollmentStatus.PAID)
            )
            or 0
        )
        report.receipts = s.scalar(select(func.count()).select_from(Receipt)) or 0
    db.dispose()
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--print", action="store_true", help="also issue and print each visit's receipt and card"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        if args.print:
            from tests.reliability.after_payment import check_printing

            report = run(args.kills, Path(tmp), args.seed, "print", check_printing, window_s=0.8)
        else:
            report = run(args.kills, Path(tmp), args.seed)
    print(
        f"kills survived: {report.kills}, paid visits: {report.paid_visits}, receipts: {report.receipts}, "
        f"violations: {len(report.violations)}, {time.perf_counter() - start:.0f} s"
    )
    for problem in report.violations:
        print("VIOLATION:", problem)
    sys.exit(1 if report.violations else 0)


if __name__ == "__main__":
    main()
