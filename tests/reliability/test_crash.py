"""Kill -9 in the middle of payments: no lost or double payment, no receipt gap, ever."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.reliability.after_payment import check_printing
from tests.reliability.harness import run

KILLS = int(os.environ.get("KIOSK_CRASH_KILLS", "40"))


@pytest.mark.slow
def test_random_kills_leave_consistent_books(tmp_path: Path) -> None:
    """SIGKILL the paying process KIOSK_CRASH_KILLS times (40 in CI) at random moments; after
    each restart every paid visit has its money and one receipt, and numbers stay gapless."""
    report = run(KILLS, tmp_path, seed=20261125)
    assert report.violations == []
    assert report.kills == KILLS
    assert report.paid_visits == report.receipts > KILLS // 2  # real work happened between kills


@pytest.mark.slow
def test_random_kills_while_printing_never_double_a_card(tmp_path: Path) -> None:
    """The same kills with each paid visit's receipt and card printed right after payment:
    after each restart every job is done, queued again (receipts) or waiting for a person to
    check (cards) — a card never comes out twice and nothing is stuck "printing"."""
    report = run(
        KILLS, tmp_path, seed=20261202, after_payment="print", recover=check_printing, window_s=0.8
    )
    assert report.violations == []
    assert report.kills == KILLS
    assert report.paid_visits == report.receipts > KILLS // 4
    cards = (tmp_path / "card.log").read_text().splitlines()
    assert len(cards) == len(set(cards)) > KILLS // 4  # cards really came out, each once
