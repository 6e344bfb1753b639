"""Number pad: it types into the focused field of its panel (the staff console's first start),
clears, types "000", and repeats backspace while held (timers driven, no waiting)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.store.db import Database
from tests.support.paid import fixed_ctx
from tests.ui.widgets.helpers import show_top
from ui.staff.login import LoginPage
from ui.staff.state import StaffState
from ui.widgets.numpad import BACKSPACE, CLEAR, THOUSANDS, NumPad


def tap(qtbot: QtBot, pad: NumPad, keys: str) -> None:
    for key in keys:
        qtbot.mouseClick(pad.buttons[key], Qt.MouseButton.LeftButton)


def test_first_start_pin_pad_types_into_the_focused_field(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """On the staff console's first start (create the supervisor) the pad types into "Nhập lại
    mã PIN" once it has the cursor, and back into "Mã PIN" when that one is tapped again; the
    name box (a combo) never takes digits."""
    page = LoginPage(StaffState(config, db, fixed_ctx()))
    page._set_first_run(True)  # what refresh() does when the kiosk has no staff yet
    show_top(qtbot, page)
    page.activateWindow()
    qtbot.mouseClick(page.pin, Qt.MouseButton.LeftButton)
    tap(qtbot, page.pad, "2468")
    qtbot.mouseClick(page.new_pin, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.new_pin.hasFocus)
    tap(qtbot, page.pad, "2468")
    assert (page.pin.text(), page.new_pin.text()) == ("2468", "2468")
    name_edit = page.name.lineEdit()
    assert name_edit is not None
    name_edit.setFocus()
    qtbot.waitUntil(name_edit.hasFocus)
    tap(qtbot, page.pad, "1")
    assert page.name.currentText() == "" and page.new_pin.text() == "24681"
    qtbot.mouseClick(page.pin, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.pin.hasFocus)
    tap(qtbot, page.pad, BACKSPACE)
    assert (page.pin.text(), page.new_pin.text()) == ("246", "24681")


def test_pad_follows_focus_only_inside_its_panel(qtbot: QtBot) -> None:
    """A field outside the pad's panel, or a pad told not to follow, keeps its own target."""
    panel = QWidget()
    layout = QVBoxLayout(panel)
    first, second, combo = QLineEdit(), QLineEdit(), QComboBox()
    combo.setEditable(True)
    pad = NumPad()
    fixed = NumPad(follow_focus=False)
    for w in (first, second, combo, pad, fixed):
        layout.addWidget(w)
    outside = QLineEdit()
    qtbot.addWidget(outside)
    show_top(qtbot, panel)
    panel.activateWindow()
    fixed.set_target(first)
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    assert pad.target is second and fixed.target is first
    combo_edit = combo.lineEdit()
    assert combo_edit is not None
    combo_edit.setFocus()
    qtbot.waitUntil(combo_edit.hasFocus)
    assert pad.target is second
    outside.show()
    outside.activateWindow()
    outside.setFocus()
    qtbot.waitUntil(outside.hasFocus)
    assert pad.target is second


def test_clear_and_thousands_keys(qtbot: QtBot) -> None:
    """ "000" types three zeros (3 + 000 + 000 = 3,000,000 in three taps); "Xóa hết" empties."""
    pad = NumPad(with_thousands=True, with_clear=True, follow_focus=False)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    show_top(qtbot, pad)
    pad.set_target(edit)
    tap(qtbot, pad, "3")
    tap(qtbot, pad, [THOUSANDS, THOUSANDS])  # type: ignore[arg-type]
    assert edit.text() == "3000000"
    qtbot.mouseClick(pad.buttons[CLEAR], Qt.MouseButton.LeftButton)
    assert edit.text() == ""
    assert pad.buttons[CLEAR].text() == "Xóa hết"


def test_held_backspace_repeats_until_released(qtbot: QtBot) -> None:
    """Pressing deletes one character at once; after the delay each tick deletes one more; the
    release stops it. The timers are driven by hand: no test waits for real time."""
    pad = NumPad(follow_focus=False)
    edit = QLineEdit("0912345678")
    qtbot.addWidget(edit)
    show_top(qtbot, pad)
    pad.set_target(edit)
    hold = pad.backspace_repeat
    back = pad.buttons[BACKSPACE]
    qtbot.mousePress(back, Qt.MouseButton.LeftButton)
    assert edit.text() == "091234567" and hold.delay.isActive() and not hold.timer.isActive()
    hold.delay.timeout.emit()  # the delay has passed: repeating starts
    assert hold.timer.isActive()
    for _ in range(4):
        hold.timer.timeout.emit()
    assert edit.text() == "09123"
    qtbot.mouseRelease(back, Qt.MouseButton.LeftButton)
    assert not hold.repeating
    assert edit.text() == "09123"  # the release itself deletes nothing more
