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
        if ch == " " or not ch.isalpha():  # space, digits and punctuation have their own keys
            qtbot.mouseClick(
                keyboard.key_button("space" if ch == " " else ch), Qt.MouseButton.LeftButton
            )
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


def test_address_with_digits_and_punctuation(qtbot: QtBot) -> None:
    """ "Thôn 1, xã A" and "Số 12/3 - P. Tân Lập" are typed on screen keys: digits, comma,
    slash, hyphen and full stop are there (the keyboard had none)."""
    keyboard, edit = make(qtbot)
    click_text(qtbot, keyboard, "Thoon 1, xax A")
    assert edit.text() == "Thôn 1, xã A"
    qtbot.mouseClick(keyboard.key_button("clear"), Qt.MouseButton.LeftButton)
    assert edit.text() == ""
    click_text(qtbot, keyboard, "Soos 12/3 - P. Taan Laapj")
    assert edit.text() == "Số 12/3 - P. Tân Lập"


def test_clear_empties_in_one_tap(qtbot: QtBot) -> None:
    """ "Xóa hết" empties an 80-character field in one tap (it took 80 backspaces)."""
    keyboard, edit = make(qtbot)
    edit.setText("x" * 80)
    keyboard.set_target(edit)
    qtbot.mouseClick(keyboard.key_button("clear"), Qt.MouseButton.LeftButton)
    assert edit.text() == "" and keyboard.key_button("clear").text() == "Xóa hết"
    assert keyboard.shift_on  # an empty field starts a word: capitals again


def test_held_backspace_repeats(qtbot: QtBot) -> None:
    """Backspace held: one character at once, then one per tick of its QTimer until released
    (the timers are driven by the test, not waited for)."""
    keyboard, edit = make(qtbot)
    edit.setText("Nguyễn Văn An")
    edit.setCursorPosition(len(edit.text()))
    hold = keyboard.backspace_repeat
    qtbot.mousePress(keyboard.backspace, Qt.MouseButton.LeftButton)
    assert edit.text() == "Nguyễn Văn A" and not hold.timer.isActive()
    hold.delay.timeout.emit()
    for _ in range(5):
        hold.timer.timeout.emit()
    assert edit.text() == "Nguyễn "
    qtbot.mouseRelease(keyboard.backspace, Qt.MouseButton.LeftButton)
    assert not hold.repeating and edit.text() == "Nguyễn "


def test_a_key_past_the_limit_is_announced(qtbot: QtBot) -> None:
    """At the field's maximum length a key types nothing and says so (limitReached)."""
    keyboard, edit = make(qtbot)
    edit.setMaxLength(3)
    qtbot.mouseClick(keyboard.key_button("telex"), Qt.MouseButton.LeftButton)
    click_text(qtbot, keyboard, "Abc")
    with qtbot.waitSignal(keyboard.limitReached, timeout=10_000) as signal:
        qtbot.mouseClick(keyboard.key_button("d"), Qt.MouseButton.LeftButton)
    assert signal.args == [3] and edit.text() == "Abc"
