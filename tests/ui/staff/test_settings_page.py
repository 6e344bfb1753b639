"""Settings through the console: supervisors only, saved to the file with its comments kept,
refused with the key named when wrong, test pages through the real queue."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config, load_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import DocumentKind, PrinterRole, PrintStatus
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, PrintJob
from tests.support.console import STAFF_PIN, SUPERVISOR_PIN, desk, log_in
from tests.support.paid import fixed_ctx


def test_staff_cannot_change_settings(qtbot: QtBot, db: Database, config: Config) -> None:
    """A staff member sees why the page is locked and cannot press save."""
    with desk(qtbot, db, config, fixed_ctx(), Path("unused.toml")) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        d.console.show_page("settings")
        page = d.console.pages["settings"]
        assert page.locked.isVisible()  # type: ignore[attr-defined]
        assert not page.save_button.isEnabled()  # type: ignore[attr-defined]
        assert not page.body.isEnabled()  # type: ignore[attr-defined]


def test_supervisor_saves_bank_account_and_offsets(
    qtbot: QtBot, db: Database, config: Config, tmp_path: Path
) -> None:
    """The new account and booklet offsets are in the file (comments kept) and audited; a
    5-digit BIN is refused naming bank.bin, and the file keeps the good values."""
    path = tmp_path / "kiosk.toml"
    path.write_text(DEFAULT_CONFIG, encoding="utf-8")
    with desk(qtbot, db, config, fixed_ctx(), path) as d:
        log_in(qtbot, d.console, "Phạm Văn Giám", SUPERVISOR_PIN)
        d.console.show_page("settings")
        page = d.console.pages["settings"]
        assert not page.locked.isVisible()  # type: ignore[attr-defined]
        page.fields["bank.account"].setText("1234567890123")  # type: ignore[attr-defined]
        page.offsets["x"].setValue(1.5)  # type: ignore[attr-defined]
        page.save_button.click()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: "Đã lưu" in page.message.text())  # type: ignore[attr-defined]
        saved = load_config(path)
        assert saved.bank.account == "1234567890123"
        assert saved.printer("booklet").options["offset_x_mm"] == 1.5
        assert "# VietQR bank transfer account" in path.read_text(encoding="utf-8")
        page.fields["bank.bin"].setText("97040")  # type: ignore[attr-defined]
        page.save_button.click()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bool(page.error.text()))  # type: ignore[attr-defined]
        assert "bank.bin" in page.error.text()  # type: ignore[attr-defined]
        assert load_config(path).bank.bin == "970405"
    with db.read() as s:
        assert s.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "settings.changed")
        ).all() == ["settings.changed"]


def test_test_page_goes_through_the_queue(qtbot: QtBot, db: Database, config: Config) -> None:
    """ "In thử" on the card printer prints one sample card through the queue."""
    with desk(qtbot, db, config, fixed_ctx(), Path("unused.toml")) as d:
        log_in(qtbot, d.console, "Phạm Văn Giám", SUPERVISOR_PIN)
        d.console.show_page("settings")
        page = d.console.pages["settings"]
        page.test_print(PrinterRole.CARD)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: len(d.printers[PrinterRole.CARD].payloads) == 1, timeout=10_000)
        assert d.printers[PrinterRole.CARD].payloads[0].page_mm == (85.6, 53.98)
    with db.read() as s:
        job = s.scalars(select(PrintJob)).one()
    assert (job.kind, job.status) == (DocumentKind.TEST_PAGE, PrintStatus.DONE)
