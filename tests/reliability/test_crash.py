"""Kill -9 in the middle of payments: no lost or double payment, no receipt gap, ever.

Every assertion counts operations, never seconds: a life killed at an operation count does
the same work on a fast or a busy machine, and a life killed at a random time is only killed
after it reported money taken. KIOSK_CRASH_KILLS (40 by default) sets the size; CI lowers it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reliability.child import OPS
from tests.reliability.harness import CrashReport, PlainDisk, run
from tests.support.pgserver import create_database

KILLS = int(os.environ.get("KIOSK_CRASH_KILLS", "40"))
TIMEOUT = 30 * KILLS + 120  # generous: a life takes about a second, three while printing


def _sound(report: CrashReport, kills: int) -> None:
    """What holds for every run: no violation, every kill done, money taken in at least every
    other life (those counted from their first money commit), and with ten lives or more every
    kind of operation completed (the lives counted from a money commit begin with each kind)."""
    assert report.violations == []
    assert report.kills == kills
    assert report.told_paid + report.told_voided >= kills // 2
    assert report.receipts >= report.told_paid  # every payment shown is in the books
    if kills >= 2 * len(OPS):
        assert report.done_ops == set(OPS)


@pytest.mark.slow
@pytest.mark.timeout(TIMEOUT)
def test_kills_at_operation_counts_leave_consistent_books(tmp_path: Path) -> None:
    """KILLS lives, each SIGKILLed at its Nth SQL statement, commit or return from a commit:
    cash, card, split, VietQR start and confirm, and void all survive; most kills land with a
    transaction open (with this seed: deterministic, no timing involved)."""
    report = run(KILLS, tmp_path, seed=20261125)
    _sound(report, KILLS)
    assert report.in_tx >= KILLS // 2
    assert report.with_writes >= KILLS // 4


@pytest.mark.slow
@pytest.mark.timeout(TIMEOUT)
def test_kills_at_random_times_leave_consistent_books(tmp_path: Path) -> None:
    """KILLS/2 lives killed at a random moment after they reported one or two payments."""
    kills = max(2, KILLS // 2)
    report = run(kills, tmp_path, seed=20261126, mode="time")
    _sound(report, kills)
    assert report.told_paid + report.told_voided >= kills  # every life took money first


@pytest.mark.slow
@pytest.mark.timeout(TIMEOUT)
def test_kills_inside_the_commit_sync_leave_consistent_books(tmp_path: Path) -> None:
    """KILLS/4 lives killed by strace on entering their Nth fsync/fdatasync: the commit's rows
    are written but it never returned (nothing shown); the retry finds or redoes it, once."""
    kills = max(2, KILLS // 4)
    report = run(kills, tmp_path, seed=20261128, mode="fsync")
    assert report.violations == []
    assert report.kills == report.with_writes == kills  # each kill was inside a commit
    assert report.told_paid >= 1  # sync calls do not depend on time: fixed by the seed


@pytest.mark.slow
@pytest.mark.timeout(TIMEOUT)
def test_kills_while_printing_never_double_a_card(tmp_path: Path) -> None:
    """The same kills with each paid visit's receipt and card printed right after payment:
    after each restart every job is done, queued again (receipts) or waiting for a person to
    check (cards), a card never comes out twice, nothing is stuck "printing", and every
    receipt that came out is a paid receipt in the books."""
    kills = max(2, KILLS // 2)
    report = run(kills, tmp_path, seed=20261202, printing=True)
    _sound(report, kills)
    assert report.steps.total() == kills
    assert sum(n for step, n in report.steps.items() if step.endswith("print")) >= 1
    cards = (tmp_path / "paper" / "card.log").read_text().splitlines()
    assert len(cards) == len(set(cards)) >= 1  # cards really came out, each once


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.timeout(TIMEOUT)
def test_kills_on_postgresql_leave_consistent_books(tmp_path: Path, pg_server: str) -> None:
    """The same desk on a real PostgreSQL server: the server rolls back the killed client's
    open transaction; books, numbering and retries hold as on SQLite."""
    kills = max(2, KILLS // 2)
    report = run(kills, tmp_path, seed=20261127, disk=PlainDisk(create_database(pg_server)))
    _sound(report, kills)
    assert report.in_tx >= kills // 2
