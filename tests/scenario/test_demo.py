"""The scripted event day runs headless and its summary equals what the database holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from kiosk.cli import main
from kiosk.domain.enums import EnrollmentStatus, PaymentStatus, PrintStatus, Scheme
from kiosk.domain.keys import load_or_create_office_key
from kiosk.services.bundle import read_bundle
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import Enrollment, Payment, PrintJob, Receipt, Shift, Visit
from tests.support.xlsx import xlsx_rows


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


def test_demo_day_prints_each_document_once_and_exports_match(tmp_path: Path) -> None:
    """Receipts (one per scheme of each paid visit) reach the fake thermal printer once each
    despite the paper-out,
    every household health insurance member gets one ID-1 card PDF, and the exports open
    back with the database's row counts; the bundle's signature verifies."""
    out = tmp_path / "demo"
    assert main(["demo", "--attendees", "20", "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    db = Database(sqlite_url(out / "demo.sqlite3"))
    with db.read() as s:
        paid_visits = s.scalar(
            select(func.count()).select_from(Visit).where(Visit.status == EnrollmentStatus.PAID)
        )
        # One receipt per scheme of each paid visit (C45-BB), each printed once.
        paid_receipts = s.scalar(
            select(func.count())
            .select_from(Receipt)
            .join(Visit, Visit.id == Receipt.visit_id)
            .where(Visit.status == EnrollmentStatus.PAID)
        )
        paid_bhyt = s.scalar(
            select(func.count())
            .select_from(Enrollment)
            .where(
                Enrollment.status == EnrollmentStatus.PAID,
                Enrollment.scheme == Scheme.BHYT_HOUSEHOLD,
            )
        )
        paid_enrollments = s.scalar(
            select(func.count())
            .select_from(Enrollment)
            .where(Enrollment.status == EnrollmentStatus.PAID)
        )
        not_done = s.scalar(
            select(func.count()).select_from(PrintJob).where(PrintJob.status != PrintStatus.DONE)
        )
    db.dispose()
    receipts = sorted(Path(summary["files"]["receipts_escpos"]).glob("*.bin"))
    assert len(receipts) == paid_receipts and not_done == 0
    assert paid_receipts >= paid_visits
    assert all(r.read_bytes().startswith(b"\x1b@") for r in receipts)
    assert any("hết giấy" in note for note in summary["notes"])
    cards = sorted(Path(summary["files"]["cards"]).glob("*.pdf"))
    assert len(cards) == paid_bhyt
    box = PdfReader(cards[0]).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4, 1) == 85.6
    rows = xlsx_rows(summary["files"]["export_participants"])
    assert len(rows) == paid_enrollments + 1 and rows[0][1] == "Họ và tên"  # header row
    declarations = PdfReader(summary["files"]["export_declarations"])
    assert len(declarations.pages) >= paid_enrollments
    office = load_or_create_office_key(Path(summary["files"]["bundle"]).parents[1] / "keys")
    payload = read_bundle(Path(summary["files"]["bundle"]).read_bytes(), office)
    assert payload["kiosk_id"] == "K01"
    # The day ends with the signed dossier for VSS: one folder per procedure, each with its
    # signed BHXHDienTu.xml envelope, and its totals in the notes.
    dossier = Path(summary["files"]["dossier"])
    envelopes = sorted(dossier.glob("*/BHXHDienTu.xml"))
    assert len(envelopes) == 2
    assert all(b"SignatureValue" in e.read_bytes() for e in envelopes)
    assert sum(note.startswith("dossier 60") for note in summary["notes"]) == 2
