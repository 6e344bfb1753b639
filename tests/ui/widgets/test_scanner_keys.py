"""Key events as real scanners send them (helpers for every scan test), and the filter on them.

A keyboard-mode scanner presses Shift (a key event with no text) before every capital letter
and "|", sends accented Latin-1 letters as a dead key then the letter, Vietnamese letters
through AltGr (UNVERIFIED: depends on the scanner's keyboard emulation), 1-3 ms apart on the
fast profile and 10-40 ms on compatibility profiles, then Enter. Each event carries its own
timestamp, which is what the filter measures: no test waits for real time to pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import cycle, pairwise

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from ui.widgets.scanner import ScannerFilter

FAST = (1, 2, 3)
COMPATIBILITY = (10, 20, 30)
TYPIST = (140, 210, 180)
SHIFTED = set('ABCDEFGHIJKLMNOPQRSTUVWXYZ|~!@#$%^&*()_+{}:"<>?')
DEAD = {"é": (Qt.Key.Key_Dead_Acute, "e"), "à": (Qt.Key.Key_Dead_Grave, "a")}
NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
PRESS, RELEASE = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
_clock = [1_000_000]  # event timestamps keep rising from test to test, as a real clock does


def _event(kind: QEvent.Type, key: int, mods: Qt.KeyboardModifier, text: str, t: int) -> QKeyEvent:
    event = QKeyEvent(kind, key, mods, text)
    event.setTimestamp(t)
    return event


def _key(ch: str) -> int:
    return ord(ch.upper()) if ch.isascii() else int(Qt.Key.Key_unknown)


def scanner_events(
    text: str, gaps_ms: tuple[int, ...] = FAST, *, enter: bool = True
) -> list[QKeyEvent]:
    """The events a keyboard-mode scanner sends for `text`, with rising timestamps."""
    gap = cycle(gaps_ms)
    t = _clock[0] + 500  # a pause since whatever came before
    out: list[QKeyEvent] = []

    def press(key: int, mods: Qt.KeyboardModifier, ch: str) -> None:
        nonlocal t
        out.append(_event(PRESS, key, mods, ch, t))
        out.append(_event(RELEASE, key, mods, ch, t))
        t += next(gap)

    for ch in text:
        if ch in SHIFTED:
            out.append(_event(PRESS, Qt.Key.Key_Shift, SHIFT, "", t))
            t += next(gap)
            press(_key(ch), SHIFT, ch)
            out.append(_event(RELEASE, Qt.Key.Key_Shift, NO, "", t))
        elif ch in DEAD:
            dead, base = DEAD[ch]
            press(dead, NO, "")
            press(_key(base), NO, ch)
        elif not ch.isascii():
            out.append(_event(PRESS, Qt.Key.Key_AltGr, NO, "", t))
            t += next(gap)
            press(_key(ch), NO, ch)
            out.append(_event(RELEASE, Qt.Key.Key_AltGr, NO, "", t))
        else:
            press(_key(ch), NO, ch)
    if enter:
        press(Qt.Key.Key_Return, NO, "\r")
    _clock[0] = t
    return out


def send_keys(target: QObject, events: list[QKeyEvent]) -> None:
    """Deliver the events one by one through the application (and its event filters)."""
    for event in events:
        QCoreApplication.sendEvent(target, event)


def scan_keys(target: QObject, text: str, gaps_ms: tuple[int, ...] = FAST) -> None:
    send_keys(target, scanner_events(text, gaps_ms))


CCCD = "066090123456||Nguyễn Văn An|01021990|Nam|Buôn Ma Thuột, Đắk Lắk|01022021"


@pytest.fixture
def edit(qtbot: QtBot) -> Iterator[QLineEdit]:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    yield field


@pytest.fixture
def scanner() -> Iterator[ScannerFilter]:
    f = ScannerFilter()  # timing from the events' own timestamps
    f.install()
    yield f
    f.uninstall()


def test_sequence_has_shift_around_capitals_and_bars() -> None:
    """The helper sends what a scanner sends: Shift press (no text) before "N" and "|"."""
    events = scanner_events("A|b")
    kinds = [(e.type(), e.key(), e.text()) for e in events]
    assert kinds[:4] == [
        (PRESS, Qt.Key.Key_Shift, ""),
        (PRESS, Qt.Key.Key_A, "A"),
        (RELEASE, Qt.Key.Key_A, "A"),
        (RELEASE, Qt.Key.Key_Shift, ""),
    ]
    assert kinds[4][:2] == (PRESS, Qt.Key.Key_Shift) and kinds[5] == (PRESS, Qt.Key.Key_Bar, "|")
    stamps = [e.timestamp() for e in events if e.type() == PRESS]
    assert {b - a for a, b in pairwise(stamps)} <= set(FAST)


@pytest.mark.parametrize("gaps", [FAST, COMPATIBILITY], ids=["fast", "compatibility"])
def test_scanner_burst_with_shift_altgr_and_dead_keys(
    qtbot: QtBot, edit: QLineEdit, scanner: ScannerFilter, gaps: tuple[int, ...]
) -> None:
    """Both timing profiles, Shift/AltGr/dead-key events included: one scan, field empty."""
    text = CCCD.replace("Buôn", "Café")
    with qtbot.waitSignal(scanner.scanned) as blocker:
        scan_keys(edit, text, gaps)
    assert blocker.args == [text]
    assert edit.text() == "" and scanner.pending == ""


def test_slow_typist_reaches_the_field(
    qtbot: QtBot, edit: QLineEdit, scanner: ScannerFilter
) -> None:
    """A person typing the same characters 140-210 ms apart (Shift and all): every key lands
    in the field in order, Enter reaches it, and no scan is reported."""
    scanned: list[str] = []
    scanner.scanned.connect(scanned.append)
    text = "Nguyen Van An|0912345678|Buon Ma Thuot"
    with qtbot.waitSignal(edit.returnPressed):
        scan_keys(edit, text, TYPIST)
    assert edit.text() == text and scanned == []


def test_quick_typist_is_held_then_typed(
    qtbot: QtBot, edit: QLineEdit, scanner: ScannerFilter
) -> None:
    """A quick typist (50-70 ms between keys, no pause long enough to let go early) is held,
    then everything is typed when Enter comes: slower than a scanner on average."""
    with qtbot.waitSignal(edit.returnPressed):
        scan_keys(edit, "Tran Thi Binh o thon Ea Kao Dak Lak", (50, 60, 70))
    assert edit.text() == "Tran Thi Binh o thon Ea Kao Dak Lak"


def test_scanner_without_enter_suffix(
    qtbot: QtBot, edit: QLineEdit, scanner: ScannerFilter
) -> None:
    """A scanner set to send no suffix: the burst is reported after the silence."""
    with qtbot.waitSignal(scanner.scanned, timeout=5000) as blocker:
        send_keys(edit, scanner_events(CCCD, enter=False))
    assert blocker.args == [CCCD] and edit.text() == ""


def test_auto_repeat_is_never_a_scan(qtbot: QtBot, edit: QLineEdit, scanner: ScannerFilter) -> None:
    """A key held down repeats every 30 ms: typing, not a scanner."""
    t = _clock[0] + 500
    for i in range(40):
        event = QKeyEvent(PRESS, Qt.Key.Key_A, NO, "a", i > 0)
        event.setTimestamp(t + 30 * i)
        QCoreApplication.sendEvent(edit, event)
    _clock[0] = t + 1200
    with qtbot.waitSignal(edit.returnPressed):
        send_keys(edit, scanner_events("", enter=True))
    assert edit.text() == "a" * 40
