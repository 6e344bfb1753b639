"""On-screen keyboard and number pad: real buttons clicked, text checked in the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.widgets.helpers import show_top
from ui.theme import MIN_TARGET_PX
from ui.widgets.keyboard import OnScreenKeyboard, accent_variants
from ui.widgets.numpad import NumPad


def click_text(qtbot: QtBot, keyboard: OnScreenKeyboard, keys: str) -> None:
    """Type `keys` by clicking the keyboard's buttons, using Shift for capitals."""
    for ch in keys:
        if ch == " ":
            qtbot.mouseClick(keyboard.key_button("space"), Qt.MouseButton.LeftButton)
            continue
        if ch.isupper() != keyboard.shift_on:
            qtbot.mouseClick(keyboard.key_button("shift"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(keyboard.key_button(ch.lower()), Qt.MouseButton.LeftButton)


def make(qtbot: QtBot) -> tuple[OnScreenKeyboard, QLineEdit]:
    keyboard = OnScreenKeyboard(hold_ms=100)
    edit = QLineEdit()
    qtbot.addWidget(edit)
    keyboard.set_target(edit)
    show_top(qtbot, keyboard)
    return keyboard, edit


def test_telex_name_by_clicking_keys(qtbot: QtBot) -> None:
    """Clicking N-g-u-y-e-e-n-x ... on screen gives "Nguyễn Thị Huyền" in the field."""
    keyboard, edit = make(qtbot)
    click_text(qtbot, keyboard, "Nguyeenx Thij Huyeenf")
    assert edit.text() == "Nguyễn Thị Huyền"


def test_shift_starts_each_word_and_backspace_deletes(qtbot: QtBot) -> None:
    """Shift is on at a word's start and off inside it; backspace removes one character."""
    keyboard, edit = make(qtbot)
    assert keyboard.shift_on
    qtbot.mouseClick(keyboard.key_button("a"), Qt.MouseButton.LeftButton)
    assert edit.text() == "A" and not keyboard.shift_on
    qtbot.mouseClick(keyboard.key_button("n"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keyboard.key_button("backspace"), Qt.MouseButton.LeftButton)
    assert edit.text() == "A"


def test_telex_switch_off_types_plain_letters(qtbot: QtBot) -> None:
    """With Telex off, "aa" stays "aa" (for foreign names)."""
    keyboard, edit = make(qtbot)
    qtbot.mouseClick(keyboard.key_button("telex"), Qt.MouseButton.LeftButton)
    assert not keyboard.telex_on
    click_text(qtbot, keyboard, "Baas")
    assert edit.text() == "Baas"


def test_long_press_offers_accents(qtbot: QtBot) -> None:
    """Holding "a" opens the accent panel; choosing "ậ" types it and the click types nothing else."""
    keyboard, edit = make(qtbot)
    qtbot.mouseClick(keyboard.key_button("shift"), Qt.MouseButton.LeftButton)  # lower case
    a = keyboard.key_button("a")
    qtbot.mousePress(a, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(keyboard.popup.isVisible)
    qtbot.mouseRelease(a, Qt.MouseButton.LeftButton)
    assert edit.text() == ""
    choice = next(b for b in keyboard.popup.buttons if b.text() == "ậ")
    qtbot.mouseClick(choice, Qt.MouseButton.LeftButton)
    assert edit.text() == "ậ"
    assert not keyboard.popup.isVisible()


def test_accent_variants() -> None:
    """Every tone of every vowel form is offered, in the letter's case."""
    assert accent_variants("a")[:6] == ["a", "à", "á", "ả", "ã", "ạ"]
    assert len(accent_variants("a")) == 18
    assert "Ự" in accent_variants("U")
    assert accent_variants("d") == ["d", "đ"]


def test_keys_are_touch_sized(qtbot: QtBot) -> None:
    """Every key is at least the 48 px (10 mm) touch target."""
    keyboard, _ = make(qtbot)
    pad = NumPad()
    qtbot.addWidget(pad)
    for button in [*keyboard.keys.values(), *pad.buttons.values()]:
        assert button.minimumWidth() >= MIN_TARGET_PX
        assert button.minimumHeight() >= MIN_TARGET_PX


def test_numpad_types_dates(qtbot: QtBot) -> None:
    """The number pad types digits and "/" into its field, and backspace deletes."""
    pad = NumPad(with_slash=True)
    edit = QLineEdit()
    qtbot.addWidget(pad)
    qtbot.addWidget(edit)
    pad.set_target(edit)
    for key in "01/02/19900":
        qtbot.mouseClick(pad.buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.buttons["\b"], Qt.MouseButton.LeftButton)
    assert edit.text() == "01/02/1990"
