"""Every invalid input shows its message under the field, in Vietnamese and after a switch in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.selfservice.conftest import click
from tests.ui.selfservice.test_wizard_flow import AN, details, scan
from tests.ui.widgets.helpers import type_keys
from ui.selfservice.controller import Step
from ui.selfservice.wizard import SelfServiceWizard


def to_manual_details(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    click(qtbot, wizard, "start")
    click(qtbot, wizard.screens[Step.IDENTIFY], "typeManually")


def fill(qtbot: QtBot, wizard: SelfServiceWizard, values: dict[str, str]) -> None:
    """Type into each field with the real number pad / keyboard (Telex off for raw text)."""
    form = details(wizard)
    form.keyboard.telex_button.setChecked(False)
    for name, value in values.items():
        qtbot.mouseClick(form.edits[name], Qt.MouseButton.LeftButton)
        form.edits[name].clear()
        for ch in value:
            if name in ("birth_date", "personal_id", "phone"):
                qtbot.mouseClick(form.numpad.buttons[ch], Qt.MouseButton.LeftButton)
            elif ch == " ":
                qtbot.mouseClick(form.keyboard.key_button("space"), Qt.MouseButton.LeftButton)
            else:
                if ch.isupper() != form.keyboard.shift_on:
                    qtbot.mouseClick(form.keyboard.key_button("shift"), Qt.MouseButton.LeftButton)
                qtbot.mouseClick(form.keyboard.key_button(ch.lower()), Qt.MouseButton.LeftButton)


ID = "066090123456"  # Đắk Lắk, a man born in 1990
CASES = [
    (
        {"full_name": "A", "birth_date": "01/02/1990", "personal_id": ID},
        "full_name",
        "Họ tên quá ngắn.",
        "The name is too short.",
    ),
    (
        {"full_name": "Le Van An", "birth_date": "31/02/1990", "personal_id": ID},
        "birth_date",
        "Ngày 31/02/1990 không có thật.",
        "31/02/1990 is not a real date.",
    ),
    (
        {"full_name": "Le Van An", "birth_date": "01/02/2030", "personal_id": "066230123456"},
        "birth_date",
        "Ngày sinh ở tương lai.",
        "The date of birth is in the future.",
    ),
    (
        {"full_name": "Le Van An", "birth_date": "01/02/1990", "personal_id": "0660901"},
        "personal_id",
        "Số định danh cá nhân phải có 12 chữ số (đang có 7).",
        "The personal identification number has 12 digits (this one has 7).",
    ),
    (
        {"full_name": "Le Van An", "birth_date": "01/02/1990", "personal_id": "999090123456"},
        "personal_id",
        "Mã tỉnh 999 ở đầu số định danh không tồn tại.",
        "Province code 999 at the start of the number does not exist.",
    ),
    (
        {"full_name": "Le Van An", "birth_date": "01/02/1990", "personal_id": "066092123456"},
        "personal_id",
        "Chữ số thứ 5–6 (92) phải là hai số cuối năm sinh (90).",
        "Digits 5-6 (92) must be the last two digits of the birth year (90).",
    ),
    (
        {"full_name": "Le Van An", "birth_date": "01/02/1990", "personal_id": ID, "phone": "12345"},
        "phone",
        "Số di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.",
        "A mobile number has 10 digits starting with 03, 05, 07, 08 or 09.",
    ),
]
EN_MALFORMED = "The CCCD QR was not read completely: 7 parts expected, got 1. Scan again."


@pytest.mark.parametrize(("values", "field", "vi", "en"), CASES)
def test_field_message_in_both_languages(
    qtbot: QtBot, wizard: SelfServiceWizard, values: dict[str, str], field: str, vi: str, en: str
) -> None:
    """A wrong value keeps the person on the details screen with the message under that field."""
    to_manual_details(qtbot, wizard)
    form = details(wizard)
    qtbot.mouseClick(form.male, Qt.MouseButton.LeftButton)
    fill(qtbot, wizard, values)
    click(qtbot, form, "next")
    assert wizard.controller.step == Step.DETAILS
    assert form.errors[field].isVisible()
    assert form.errors[field].text() == vi
    click(qtbot, wizard, "switchLanguage")
    assert form.errors[field].text() == en
    others = [name for name, lab in form.errors.items() if lab.isVisible() and name != field]
    assert others == []


def test_missing_sex_message(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """Not choosing Nam/Nữ is reported under the sex buttons, in both languages."""
    to_manual_details(qtbot, wizard)
    fill(qtbot, wizard, {"full_name": "Le Van An", "birth_date": "01/02/1990"})
    click(qtbot, details(wizard), "next")
    assert details(wizard).errors["sex"].text() == "Chưa nhập giới tính."
    click(qtbot, wizard, "switchLanguage")
    assert details(wizard).errors["sex"].text() == "The sex is missing."


def test_message_appears_on_leaving_the_field_and_clears_when_fixed(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """A half-typed date is not an error until the person moves on; fixing it removes the message."""
    to_manual_details(qtbot, wizard)
    form = details(wizard)
    fill(qtbot, wizard, {"birth_date": "31/02"})
    assert not form.errors["birth_date"].isVisible()
    qtbot.mouseClick(form.edits["personal_id"], Qt.MouseButton.LeftButton)
    assert (
        form.errors["birth_date"].text() == "Ngày phải viết dạng ngày/tháng/năm, ví dụ 14/03/1985."
    )
    fill(qtbot, wizard, {"birth_date": "01/02/1990"})
    assert not form.errors["birth_date"].isVisible()


def test_unreadable_scan_message(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """A burst that is not a CCCD code keeps the identify screen with a message in both languages."""
    click(qtbot, wizard, "start")
    screen = wizard.screens[Step.IDENTIFY]
    with qtbot.waitSignal(wizard.scanner.scanned):
        type_keys(wizard, "https://example.com/not-a-cccd-card", enter=True)
    assert wizard.controller.step == Step.IDENTIFY
    assert (
        screen.message.text()
        == "Mã QR trên CCCD không đọc trọn: cần 7 phần, đọc được 1. Xin quét lại."
    )
    click(qtbot, wizard, "switchLanguage")
    assert screen.message.text() == EN_MALFORMED


def test_same_person_twice_message(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """Scanning someone already in the household is refused with a message in both languages."""
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, AN)
    click(qtbot, details(wizard), "next")
    scan(qtbot, wizard, AN)
    household = wizard.screens[Step.HOUSEHOLD]
    assert wizard.controller.step == Step.HOUSEHOLD
    assert len(wizard.controller.members) == 1
    assert household.message.text() == "Người này đã có trong danh sách hộ gia đình."
    click(qtbot, wizard, "switchLanguage")
    assert household.message.text() == "This person is already in the household list."


def test_register_failure_message(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: object
) -> None:
    """If storing fails, the review screen stays and says why, in both languages."""
    from kiosk.errors import KioskError

    recorder.fail_register = KioskError(  # type: ignore[attr-defined]
        "register.invalid", vi="Người thứ 1: lỗi thử.", en="Person 1: test error."
    )
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, AN)
    click(qtbot, details(wizard), "next")
    click(qtbot, wizard.screens[Step.HOUSEHOLD], "next")
    click(qtbot, wizard.screens[Step.SCHEME], "choice_bhyt")
    click(qtbot, wizard.screens[Step.PERIOD], "next")
    click(qtbot, wizard.screens[Step.ETHNICITY], "eth_01")
    qtbot.waitUntil(lambda: wizard.controller.step == Step.REVIEW, timeout=10_000)
    review = wizard.screens[Step.REVIEW]
    click(qtbot, review, "confirm")
    qtbot.waitUntil(lambda: not wizard.controller.busy, timeout=10_000)
    assert wizard.controller.step == Step.REVIEW
    assert review.message.text() == "Người thứ 1: lỗi thử."
    click(qtbot, wizard, "switchLanguage")
    assert review.message.text() == "Person 1: test error."
