"""Scanning on every self-service screen that takes a scan, with the keys a real scanner sends:
the person is filled in, no text field receives the payload, and each scan flashes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.domain.enums import Sex
from kiosk.scan.health_card import build_health_card_qr
from tests.kiosk.scan import samples
from tests.kiosk.scan.test_scans import CARD
from tests.ui.selfservice.conftest import click
from tests.ui.selfservice.test_wizard_flow import details
from tests.ui.widgets.test_scanner_keys import (
    COMPATIBILITY,
    FAST,
    TYPIST,
    scanner_events,
    send_keys,
)
from ui.scanning.feedback import ScanFlash
from ui.selfservice.controller import Step
from ui.selfservice.wizard import SelfServiceWizard

BINH = "066192654321||Trần Thị Bình|15081992|Nữ|Buôn Ma Thuột, Đắk Lắk|01022021"


def scan(qtbot: QtBot, wizard: SelfServiceWizard, text: str, gaps: tuple[int, ...] = FAST) -> None:
    """The scanner's key events go to whatever has focus, as the window system sends them."""
    target: QWidget = wizard.focusWidget() or wizard
    with qtbot.waitSignal(wizard.scanner.scanned):
        send_keys(target, scanner_events(text, gaps))


def no_field_has_the_payload(wizard: SelfServiceWizard) -> None:
    for edit in wizard.findChildren(QLineEdit):
        assert "|" not in edit.text(), edit.objectName()


def flashed(wizard: SelfServiceWizard, step: Step) -> str:
    found = wizard.screens[step].findChild(ScanFlash)
    assert found is not None and found.isVisible()
    return found.result


def test_scan_on_welcome_starts_with_the_person(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """On the attract screen a scan (Shift, AltGr, 1-3 ms) opens the details, filled in."""
    scan(qtbot, wizard, samples.AN)
    form = details(wizard)
    assert wizard.controller.step == Step.DETAILS
    assert form.edits["full_name"].text() == "Nguyễn Văn An"
    assert form.edits["personal_id"].text() == "066090123456"
    assert form.edits["birth_date"].text() == "01/02/1990" and form.male.isChecked()
    assert form.edits["address"].text() == "Buôn Ma Thuột, Đắk Lắk"
    assert flashed(wizard, Step.DETAILS) == "ok"
    no_field_has_the_payload(wizard)


def test_scan_on_identify_compatibility_profile(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """ "Bắt đầu", then a scanner on its slower 10-30 ms profile: the details are filled in."""
    click(qtbot, wizard, "start")
    assert wizard.controller.step == Step.IDENTIFY
    scan(qtbot, wizard, samples.KHOA_2024, COMPATIBILITY)
    assert details(wizard).edits["full_name"].text() == "Phạm Minh Khoa"
    assert wizard.controller.person.old_id_number == "281342079"
    no_field_has_the_payload(wizard)


def test_scan_into_the_focused_name_field(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """On the details screen with the cursor in the name field: the scan fills every field
    and the name field does not receive the payload (it used to, cut at 80 characters)."""
    click(qtbot, wizard, "start")
    click(qtbot, wizard, "typeManually")
    form = details(wizard)
    form.focus_field("full_name")
    assert wizard.focusWidget() is form.edits["full_name"]
    scan(qtbot, wizard, samples.HUYEN_OLD9)
    assert form.edits["full_name"].text() == "Nguyễn Thị Huyền"
    assert form.edits["personal_id"].text() == "066185000123" and form.female.isChecked()
    no_field_has_the_payload(wizard)


def test_slow_typing_on_details_stays_typing(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """A person typing a name on a keyboard, 140-210 ms a key: it lands in the field."""
    click(qtbot, wizard, "start")
    click(qtbot, wizard, "typeManually")
    form = details(wizard)
    form.focus_field("address")
    text = "Thon 3, Ea Kao, Buon Ma Thuot, Dak Lak"
    with qtbot.waitSignal(form.edits["address"].returnPressed):
        send_keys(form.edits["address"], scanner_events(text, TYPIST))
    assert form.edits["address"].text() == text
    assert wizard.controller.step == Step.DETAILS


def test_scan_on_household_adds_a_person(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """On the household list a scan adds the next person and opens their details."""
    scan(qtbot, wizard, samples.AN)
    click(qtbot, details(wizard), "next")
    assert wizard.controller.step == Step.HOUSEHOLD
    scan(qtbot, wizard, BINH)
    assert len(wizard.controller.members) == 2
    assert details(wizard).edits["full_name"].text() == "Trần Thị Bình"
    no_field_has_the_payload(wizard)


def test_lost_diacritics_are_flagged(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """An ASCII-only read (keyboard mode on a system that cannot type "ễ"): the name is filled
    as read and the screen asks to check it; the flash is amber, not green."""
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, samples.AN_ASCII)
    screen = wizard.screens[Step.DETAILS]
    assert details(wizard).edits["full_name"].text() == "Nguyen Van An"
    assert screen.message.text().startswith("Họ tên đọc được không có dấu (“Nguyen Van An”)")
    assert flashed(wizard, Step.DETAILS) == "check"


def test_truncated_and_unknown_layouts_keep_what_was_read(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """A cut-off read fills the number and name and says what is missing."""
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, samples.AN_TRUNCATED)
    form = details(wizard)
    assert form.edits["personal_id"].text() == "066090123456"
    assert form.edits["full_name"].text() == "Nguyễn Văn An"
    assert "cần 7 phần, đọc được 4" in wizard.screens[Step.DETAILS].message.text()


def test_health_card_fills_name_and_asks_for_the_number(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """A health card scanned instead: name, birth date and sex filled, CCCD number asked."""
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, build_health_card_qr(CARD))
    form = details(wizard)
    assert form.edits["full_name"].text() == "Nguyễn Thị Huyền"
    assert form.edits["birth_date"].text() == "14/03/1985"
    assert wizard.controller.person.sex == Sex.FEMALE
    assert "xin nhập số CCCD" in wizard.screens[Step.DETAILS].message.text()


def test_unknown_code_beeps_flashes_and_stays(
    qtbot: QtBot, wizard: SelfServiceWizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Something that is no card: the identify screen stays, red flash, a message and one
    system beep (QApplication.beep, counted here); a card read afterwards flashes green and
    does not beep."""
    beeps: list[int] = []
    monkeypatch.setattr("ui.scanning.feedback.QApplication.beep", lambda: beeps.append(1))
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, "https://example.com/NOT-A-CARD/really-not")
    assert wizard.controller.step == Step.IDENTIFY
    assert flashed(wizard, Step.IDENTIFY) == "bad"
    assert wizard.screens[Step.IDENTIFY].message.isVisible()
    assert len(beeps) == 1
    scan(qtbot, wizard, samples.AN)
    assert flashed(wizard, Step.DETAILS) == "ok"
    assert len(beeps) == 1
