"""Issue 22 through real widgets: income on the pad, the household address in one tap, limits
announced, no context menu, and nothing personal left readable under the idle countdown."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QImage
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.selfservice.conftest import click
from tests.ui.selfservice.test_wizard_flow import AN, BINH, details, scan, text_of
from tests.ui.widgets.test_scanner_keys import TYPIST, scanner_events, send_keys
from ui.selfservice.controller import Step
from ui.selfservice.period import PeriodScreen
from ui.selfservice.wizard import SelfServiceWizard


def period(wizard: SelfServiceWizard) -> PeriodScreen:
    screen = wizard.screens[Step.PERIOD]
    assert isinstance(screen, PeriodScreen)
    return screen


def to_voluntary(qtbot: QtBot, wizard: SelfServiceWizard) -> PeriodScreen:
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, AN)
    click(qtbot, details(wizard), "next")
    click(qtbot, wizard.screens[Step.HOUSEHOLD], "next")
    click(qtbot, wizard.screens[Step.SCHEME], "choice_bhxh")
    click(qtbot, wizard.screens[Step.SUPPORT], "group_other")  # not poor, Kinh
    click(qtbot, wizard.screens[Step.SUPPORT], "eth_01")
    return period(wizard)


def pad(qtbot: QtBot, screen: PeriodScreen, keys: list[str]) -> None:
    for key in keys:
        qtbot.mouseClick(screen.pad.buttons[key], Qt.MouseButton.LeftButton)


def test_income_typed_on_the_pad(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """3,000,000 đ in four taps ("Xóa hết", 3, 000, 000) with the monthly amount beside it; a
    half-typed figure shows the allowed range, not an error."""
    screen = to_voluntary(qtbot, wizard)
    assert screen.income_field.text() == "1500000"  # the floor, from the engine
    pad(qtbot, screen, ["clear", "3"])
    assert screen.income_error.isVisible() and screen.income_error.property("role") == "subtitle"
    assert screen.income_error.text() == "Từ 1.500.000 đ đến 46.800.000 đ"
    pad(qtbot, screen, ["000", "000"])
    assert screen.income_field.text() == "3000000" and not screen.income_error.isVisible()
    assert text_of(screen, "incomeValue") == "Thu nhập: 3.000.000 đ mỗi tháng"
    assert text_of(screen, "monthlyAmount") == "Số tiền đóng: 594.000 đ mỗi tháng"
    click(qtbot, screen, "next")
    qtbot.waitUntil(lambda: wizard.controller.step == Step.REVIEW, timeout=10_000)
    assert wizard.controller.members[0].income == 3_000_000


def test_income_off_the_step_says_why_and_offers_the_nearest(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """3,020,000 đ is not floor + m × step: the engine's sentence is shown in red, Next stays,
    and the two nearest allowed amounts are one tap each."""
    screen = to_voluntary(qtbot, wizard)
    pad(qtbot, screen, ["clear", "3", "0", "2", "0", "000"])
    assert screen.income_error.property("role") == "error"
    assert "không đúng cách chọn" in screen.income_error.text()
    assert [b.text() for b in screen.nearest] == ["3.000.000 đ", "3.050.000 đ"]
    click(qtbot, screen, "next")
    assert wizard.controller.step == Step.PERIOD
    assert "3.000.000 đ hoặc 3.050.000 đ" in screen.message.text()
    click(qtbot, screen, "nearest_3050000")
    assert screen.income_field.text() == "3050000" and not screen.income_error.isVisible()
    assert text_of(screen, "monthlyAmount") == "Số tiền đóng: 605.000 đ mỗi tháng"


def test_new_member_takes_the_household_address_in_one_tap(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """A member typed by hand is offered the household's address; one tap fills it."""
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, AN)
    form = details(wizard)
    assert not form.same_address.isVisible()  # the first person has their own
    click(qtbot, form, "next")
    click(qtbot, wizard.screens[Step.HOUSEHOLD], "addMember")
    click(qtbot, wizard.screens[Step.IDENTIFY], "typeManually")
    assert form.edits["address"].text() == ""
    assert form.household_address.text() == "Buôn Ma Thuột, Đắk Lắk"
    click(qtbot, form, "useHouseholdAddress")
    assert form.edits["address"].text() == "Buôn Ma Thuột, Đắk Lắk"
    assert wizard.controller.person.address == "Buôn Ma Thuột, Đắk Lắk"
    assert not form.same_address.isVisible()


def test_two_hundred_characters_in_a_name_are_announced(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """200 characters typed (hardware keys at a typist's pace) stop at 80 with a message under
    the field; the screen keys say the same at the limit."""
    click(qtbot, wizard, "start")
    click(qtbot, wizard, "typeManually")
    form = details(wizard)
    name = form.edits["full_name"]
    qtbot.waitUntil(name.hasFocus)
    send_keys(name, scanner_events("ab" * 100, TYPIST, enter=False))
    assert len(name.text()) == 80
    assert form.errors["full_name"].isVisible()
    assert form.errors["full_name"].text() == (
        "Ô này nhận tối đa 80 ký tự; phần gõ thêm không được ghi."
    )
    qtbot.mouseClick(form.keyboard.key_button("backspace"), Qt.MouseButton.LeftButton)
    assert not form.errors["full_name"].isVisible()
    for _ in range(2):  # "b": after "…a" Telex would turn a second "a" into "â"
        qtbot.mouseClick(form.keyboard.key_button("b"), Qt.MouseButton.LeftButton)
    assert form.errors["full_name"].isVisible() and len(name.text()) == 80
    qtbot.mouseClick(form.edits["personal_id"], Qt.MouseButton.LeftButton)
    for digit in "0660901234567":  # a 13th digit on the number pad
        qtbot.mouseClick(form.numpad.buttons[digit], Qt.MouseButton.LeftButton)
    assert form.edits["personal_id"].text() == "066090123456"
    assert form.errors["personal_id"].text() == (
        "Ô này nhận tối đa 12 ký tự; phần gõ thêm không được ghi."
    )


def test_no_context_menu_anywhere(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """Right click / long press on a field opens no (English) Qt menu: every widget of the
    wizard says NoContextMenu and a context-menu event on a field pops nothing up."""
    click(qtbot, wizard, "start")
    click(qtbot, wizard, "typeManually")
    field = details(wizard).edits["full_name"]
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse,
        QPoint(5, 5),
        field.mapToGlobal(QPoint(5, 5)),
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(field, event)
    assert QApplication.activePopupWidget() is None
    policies = {w.contextMenuPolicy() for w in wizard.findChildren(QWidget)}
    assert policies == {Qt.ContextMenuPolicy.NoContextMenu}


def grab_overlay(qtbot: QtBot, wizard: SelfServiceWizard) -> QImage:
    wizard.overlay.show_countdown(12)
    qtbot.waitUntil(wizard.overlay.isVisible)
    return wizard.grab().toImage()


def test_idle_overlay_hides_everything_personal(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """With An's details on screen, and then Bình's, the countdown looks exactly the same,
    pixel for pixel: nothing of either person shows through. The overlay is the top child,
    covers the whole wizard and none of its own texts is personal."""
    scan(qtbot, wizard, AN)
    first = grab_overlay(qtbot, wizard)
    wizard.overlay.hide()
    wizard.controller.reset()
    scan(qtbot, wizard, BINH)
    assert details(wizard).edits["full_name"].text() == "Trần Thị Bình"
    second = grab_overlay(qtbot, wizard)
    assert first == second
    overlay = wizard.overlay
    assert overlay.geometry() == wizard.rect()
    assert wizard.children()[-1] is overlay or all(
        not (
            isinstance(w, QWidget) and w.isVisible() and w.geometry().intersects(overlay.geometry())
        )
        for w in wizard.children()[wizard.children().index(overlay) + 1 :]
    )
    texts = " ".join(w.text() for w in overlay.findChildren(QLabel))
    for personal in ("Nguyễn", "Trần", "1990", "1992", "066", "Buôn"):
        assert personal not in texts
    assert not any(isinstance(w, QLineEdit) for w in overlay.findChildren(QWidget))
    wizard.overlay.hide()


def test_serial_scanner_reaches_the_wizard(qtbot: QtBot, wizard: SelfServiceWizard) -> None:
    """A line from a serial scanner (ui.scanning's service, as its reader thread delivers it)
    fills the person on the wizard on show, like a keyboard-mode scan; hidden, it does not."""
    service = wizard.scan_hook.service
    assert service.target() is wizard.scan_hook
    service.feed(AN.encode("utf-8"))
    assert wizard.controller.step == Step.DETAILS
    assert details(wizard).edits["full_name"].text() == "Nguyễn Văn An"
    wizard.hide()
    assert service.target() is not wizard.scan_hook


def test_a_screen_built_later_keeps_the_wizards_sizes(wizard: SelfServiceWizard) -> None:
    """Screens are built the first time they are needed, after the wizard's style sheet is in
    place: the income's "−"/"+" still get the full touch target (the style sheet's smaller
    key height once overrode it: 48 px instead of 57), and nothing else has been built yet."""
    assert wizard.screens.built() == [wizard.screens[Step.WELCOME]]
    period = wizard.screens[Step.PERIOD]
    assert isinstance(period, PeriodScreen)
    target = wizard.theme.target_px()
    assert target > 48  # at 1280×800 the text-sized target is above the 10 mm floor
    for button in (period.minus, period.plus):
        assert button.minimumHeight() == target
    assert period.parent() is wizard.stack
