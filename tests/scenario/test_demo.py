"""The scripted event day runs headless and its summary equals what the database holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.domain.enums import PaymentStatus
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import Payment, Receipt, Shift


def test_demo_day_outputs_match_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """24 attendees: every method used, one void, a Z close 2,000 đ short, a matched bank
    statement; the printed summary and summary.json agree with the database to the đồng."""
    out = tmp_path / "demo"
    assert main(["demo", "--attendees", "24", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    db = Database(sqlite_url(out / "demo.sqlite3"))
    with db.read() as s:
        collected = s.scalar(
            select(func.sum(Payment.amount)).where(Payment.status == PaymentStatus.CONFIRMED)
        )
        receipts = sorted(s.scalars(select(Receipt.number)))
        shift = s.scalars(select(Shift)).one()
    db.dispose()
    assert summary["attendees"] == 24 and summary["total_collected"] == collected
    assert set(summary["by_method"]) == {"cash", "vietqr", "card"}
    assert receipts == list(range(1, len(receipts) + 1)) and summary["voided"] == 1
    assert shift.difference == -2_000 and summary["z_report"]["difference"] == -2_000
    assert any("transfers matched" in note for note in summary["notes"])
    assert Path(summary["files"]["statement"]).exists()
    assert f"{summary['attendees']} người" in printed and "summary.json" in printed
