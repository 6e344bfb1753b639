"""The demo-day hook: a signed MẪU dossier under the demo's folder, noted in its summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.dossier.demo import DEMO_CERT_NAME, demo_dossier_step
from kiosk.dossier.envelope import embedded_files
from kiosk.store.db import Database
from tests.kiosk.dossier.daydata import BHYT12, paid_day, visit
from tests.kiosk.services.consoledata import draft


@dataclass
class Summary:
    files: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def test_demo_step_writes_a_signed_sample_dossier(db: Database, tmp_path: Path) -> None:
    """The step signs with a certificate named MẪU, names the sample agent MẪU and adds the
    per-procedure totals to the summary's notes."""
    day = paid_day(db)
    summary = Summary()
    result = demo_dossier_step(db, day.ctx, None, tmp_path, summary)
    assert result is not None and result.signed and result.folder is not None
    assert summary.files == {"dossier": str(tmp_path / "dossier" / "ho-so-vss-2026-11-25")}
    assert summary.notes == [
        "dossier 604: 2 people, 2.322.540 đ (bhyt-ho-gia-dinh)",
        "dossier 602: 2 people, 4.752.000 đ (bhxh-tu-nguyen)",
        "dossier: 2 visits left out (voided or unpaid)",
    ]
    envelope = (result.folder / "bhyt-ho-gia-dinh" / "BHXHDienTu.xml").read_bytes()
    assert "MẪU — Đại lý thu thử của ki-ốt".encode() in envelope
    assert DEMO_CERT_NAME.encode() in envelope  # the certificate's subject name
    assert len(embedded_files(envelope)) == 3


def test_demo_step_reports_a_blocked_day_and_goes_on(db: Database, tmp_path: Path) -> None:
    """A blocked demo day writes nothing and puts every problem in the notes."""
    day = paid_day(db)
    visit(db, day.ctx, [(draft("Đinh Thị Mơ", 7, with_id=False), (BHYT12,))])
    summary = Summary()
    assert demo_dossier_step(db, day.ctx, None, tmp_path, summary) is None
    assert summary.notes == [
        "dossier blocked: Đinh Thị Mơ: identity number missing (receipt YT-K01-0000003)"
    ]
    assert not (tmp_path / "dossier").exists()
