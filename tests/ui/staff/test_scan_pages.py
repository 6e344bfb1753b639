"""Scanning at the desk: the search page looks the person up, the registration page fills the
form; the scanner's keys (Shift, AltGr, 1-3 ms) never land in the field that has focus."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.domain.enums import Sex
from kiosk.scan.health_card import build_health_card_qr
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from tests.kiosk.scan import samples
from tests.kiosk.scan.test_scans import CARD
from tests.kiosk.services.payflow import add_staff
from tests.support.factories import make_person
from tests.ui.staff.office import host, staff_state
from tests.ui.widgets.test_scanner_keys import (
    COMPATIBILITY,
    FAST,
    TYPIST,
    scanner_events,
    send_keys,
)
from ui.scanning.feedback import ScanFlash
from ui.scanning.service import ScanService
from ui.staff.register_page import RegisterPage
from ui.staff.search_page import SearchPage


def scan(qtbot: QtBot, target: QWidget, text: str, gaps: tuple[int, ...] = FAST) -> None:
    with qtbot.waitSignal(ScanService.instance().scanned):
        send_keys(target, scanner_events(text, gaps))


def flash_of(page: QWidget) -> str:
    found = page.findChild(ScanFlash)
    assert found is not None and found.isVisible()
    return found.result


def no_field_has_the_payload(page: QWidget) -> None:
    for edit in page.findChildren(QLineEdit):
        assert "|" not in edit.text(), edit.objectName()


def _search(qtbot: QtBot, config: Config, db: Database, ctx: KioskContext) -> SearchPage:
    staff = add_staff(db, "Lê Thị Thu")
    page = SearchPage(staff_state(config, db, ctx, staff, "Lê Thị Thu"), lambda _hit: None)
    host(qtbot, page)
    return page


def _register(qtbot: QtBot, config: Config, db: Database, ctx: KioskContext) -> RegisterPage:
    staff = add_staff(db, "Lê Thị Thu")
    page = RegisterPage(staff_state(config, db, ctx, staff, "Lê Thị Thu"), lambda _v: None)
    host(qtbot, page)
    return page


def test_search_by_scanned_cccd(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """With the cursor in the search box, a CCCD scan searches by its number: the stored
    person is listed, the box holds the number (not the QR text), the page flashes green."""
    with db.unit_of_work() as s:
        make_person(s, "Nguyễn Thị Huyền", "066185000123")
    page = _search(qtbot, config, db, ctx)
    page.query.setFocus()
    scan(qtbot, page.query, samples.HUYEN_OLD9)
    assert page.query.text() == "066185000123"
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    item = page.table.item(0, 0)
    assert item is not None and item.text() == "Nguyễn Thị Huyền"
    assert page.scan_message.text() == "Đã quét CCCD: Nguyễn Thị Huyền"
    assert flash_of(page) == "ok"


def test_search_by_scanned_health_card(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """A health card (compatibility timing) searches by the social insurance number in its code."""
    page = _search(qtbot, config, db, ctx)
    page.query.setFocus()
    scan(qtbot, page.query, build_health_card_qr(CARD), COMPATIBILITY)
    assert page.query.text() == "6612345678"
    assert page.scan_message.text().startswith("Đã quét thẻ BHYT: Nguyễn Thị Huyền")


def test_search_unknown_code_is_shown_as_read(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """Something that is no card: the box is untouched, the text read is shown, red flash."""
    page = _search(qtbot, config, db, ctx)
    page.query.setFocus()
    scan(qtbot, page.query, "WIFI:S:Booth;T:WPA;P:secret-password;;")
    assert page.query.text() == ""
    assert page.scan_message.text().endswith("Đã đọc: «WIFI:S:Booth;T:WPA;P:secret-password;;»")
    assert flash_of(page) == "bad"


def test_register_form_filled_from_a_scan(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """Cursor in the identity field: the scan fills number, name, birth date, sex and address;
    no field holds the QR text; the form can be added to the visit straight away."""
    page = _register(qtbot, config, db, ctx)
    page.personal_id.setFocus()
    scan(qtbot, page.personal_id, samples.AN)
    assert page.personal_id.text() == "066090123456"
    assert page.full_name.text() == "Nguyễn Văn An"
    assert page.birth.text() == "01/02/1990" and page.sex.currentData() == Sex.MALE
    assert page.address.text() == "Buôn Ma Thuột, Đắk Lắk"
    assert page.error.text() == "" and flash_of(page) == "ok"
    no_field_has_the_payload(page)
    page.add_member()
    assert page.error.text() == "" and len(page.members) == 1


def test_register_flags_a_name_without_diacritics(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """An ASCII-only read is filled in, and the staff are told to check the name."""
    page = _register(qtbot, config, db, ctx)
    page.full_name.setFocus()
    scan(qtbot, page.full_name, samples.AN_ASCII)
    assert page.full_name.text() == "Nguyen Van An"
    assert page.error.text().startswith("Họ tên đọc được không có dấu")
    assert flash_of(page) == "check"


def test_register_typing_is_typing(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """Staff typing an address at 140-210 ms a key: the text arrives in the field."""
    page = _register(qtbot, config, db, ctx)
    page.address.setFocus()
    text = "Thon 3, Ea Kao, Buon Ma Thuot"
    with qtbot.waitSignal(page.address.returnPressed):
        send_keys(page.address, scanner_events(text, TYPIST))
    assert page.address.text() == text


def test_hidden_page_takes_no_scans(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """Once the page is hidden its hook is gone: a burst into another field is plain typing."""
    page = _register(qtbot, config, db, ctx)
    page.window().hide()
    other = QLineEdit()
    qtbot.addWidget(other)
    other.show()
    text = "066090123456||Nguyen Van An|01021990"
    with qtbot.waitSignal(other.returnPressed):
        send_keys(other, scanner_events(text))
    assert other.text() == text and page.full_name.text() == ""


def test_typing_in_the_search_box_still_searches(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """QTest key clicks (no timestamps, back to back) while the page takes scans: fewer than
    a scan's characters, so they reach the box once the filter lets them go, and search."""
    with db.unit_of_work() as s:
        make_person(s, "Nguyễn Thị Huyền", "066185000123")
    page = _search(qtbot, config, db, ctx)
    qtbot.keyClicks(page.query, "066185000123")
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    assert page.query.text() == "066185000123" and page.scan_message.text() == ""
