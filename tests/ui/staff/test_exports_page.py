"""Every export button writes its owner-only file off the GUI thread; the files open back."""

from __future__ import annotations

import io
import stat
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from kiosk.config import Config
from kiosk.domain.enums import ActivityKind
from kiosk.domain.keys import office_public_text
from kiosk.services.bundle import read_bundle
from kiosk.services.campaign import record_activity
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Enrollment, Payment
from tests.support.paid import PaidVisit, paid_household
from tests.support.xlsx import xlsx_rows
from tests.ui.staff.office import host, screenshot, staff_state
from ui.staff.export_kinds import ExportResult
from ui.staff.exports_page import ExportsPage


@pytest.fixture
def paid(db: Database, ctx: KioskContext) -> PaidVisit:
    """Three paid enrollments (two people) and one consultation about the first of them."""
    visit = paid_household(db, ctx, voluntary_income=1_500_000)
    with db.unit_of_work() as s:
        record_activity(s, ctx, ActivityKind.CONSULTATION, visit.cashier, note="hỏi mức đóng")
    return visit


def _page(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit
) -> ExportsPage:
    page = ExportsPage(staff_state(config, db, ctx, paid.cashier, "Lê Thị Thu"))
    host(qtbot, page)
    return page


def _export(qtbot: QtBot, page: ExportsPage, key: str) -> ExportResult:
    with qtbot.waitSignal(page.exported, timeout=20_000) as blocker:
        qtbot.mouseClick(page.buttons[key], Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert isinstance(result, ExportResult) and result.kind == key
    assert result.path.parent == page.output_dir()
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    assert str(result.path) in page.result.text()
    return result


def test_default_folder_and_spreadsheets(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit, tmp_path: Path
) -> None:
    """Exports go to output/exports by default; today's participants, payments and campaign
    spreadsheets have one row per record, with names, đồng amounts and the note as stored."""
    page = _page(qtbot, config, db, ctx, paid)
    assert page.output_dir() == tmp_path / "output" / "exports"
    with db.read() as s:
        total = s.scalar(select(func.sum(Enrollment.amount)))
        payments = s.scalar(select(func.count()).select_from(Payment))
    people = _export(qtbot, page, "participants")
    assert people.count == 3
    assert people.path.name == "nguoi-tham-gia-K01-2026-11-25-20261125-120000.xlsx"
    rows = xlsx_rows(people.path)
    assert rows[0][:2] == ("STT", "Họ và tên")
    assert len(rows) == 4
    assert sorted(str(r[1]) for r in rows[1:]) == [
        "Nguyễn Thị Huyền",
        "Nguyễn Thị Huyền",
        "Trần Văn Đức",
    ]
    assert sum(int(str(r[14])) for r in rows[1:]) == total == 5_490_540
    assert "Đã xuất 3 dòng" in page.result.text()
    money = _export(qtbot, page, "payments")
    assert money.count == payments == 1
    assert xlsx_rows(money.path)[1][6] == 5_490_540
    campaign = _export(qtbot, page, "campaign")
    assert campaign.count == 1
    line = xlsx_rows(campaign.path)[1]
    assert (line[3], line[4], line[6]) == ("Tư vấn", "Lê Thị Thu", "hỏi mức đóng")
    screenshot(page.window(), "staff-exports.png")


def test_declarations_pdf_bundle_and_scope(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit, tmp_path: Path
) -> None:
    """In a folder set by the page's method: the declarations PDF has one TK1-TS per paid
    enrollment; the bundle verifies with its signature and carries every record (its export
    is audited); the whole-event scope shows in the file name."""
    office = X25519PrivateKey.generate()  # the office's key pair; the kiosk knows the public half
    config = replace(config, office_public_key=office_public_text(office))
    page = _page(qtbot, config, db, ctx, paid)
    page.set_output_dir(tmp_path / "usb")
    page.set_whole_event(True)
    assert page.day() is None
    pdf = _export(qtbot, page, "declarations")
    assert pdf.count == 3
    assert "ca-su-kien" in pdf.path.name and pdf.path.parent == tmp_path / "usb"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.path.read_bytes())).pages)
    assert text.count("TRẦN VĂN ĐỨC") >= 1 and "NGUYỄN THỊ HUYỀN" in text
    assert "Đã xuất 3 tờ khai" in page.result.text()
    bundle = _export(qtbot, page, "bundle")
    assert bundle.path.suffix == ".kbundle"
    payload = read_bundle(bundle.path.read_bytes(), office)
    assert bundle.count == sum(len(rows) for rows in payload["tables"].values())
    assert len(payload["tables"]["enrollments"]) == 3
    with db.read() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "bundle.exported")) == 1


def test_unwritable_folder_shows_a_vietnamese_error(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit, tmp_path: Path
) -> None:
    """A folder that is really a file: the export fails with the Vietnamese sentence naming the
    path, the buttons come back and no file is left behind."""
    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    page = _page(qtbot, config, db, ctx, paid)
    page.set_output_dir(blocker_file)
    with qtbot.waitSignal(page.failed, timeout=20_000) as blocker:
        qtbot.mouseClick(page.buttons["payments"], Qt.MouseButton.LeftButton)
    text = blocker.args[0]
    assert text.startswith("Không ghi được tệp ") and str(blocker_file) in text
    assert page.message.text() == text
    assert all(b.isEnabled() for b in page.buttons.values())
    assert page.last is None


def test_bundle_without_the_office_key_says_what_to_do(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext, paid: PaidVisit, tmp_path: Path
) -> None:
    """With no [office] public_key configured, exporting a bundle writes nothing and says how to
    get the key (a bundle is always encrypted to the office: never written in clear)."""
    page = _page(qtbot, config, db, ctx, paid)
    page.set_output_dir(tmp_path / "usb")
    with qtbot.waitSignal(page.failed, timeout=10_000) as failed:
        page.export("bundle")
    assert "office-key" in str(failed.args[0])
    assert list((tmp_path / "usb").glob("*.kbundle")) == []
