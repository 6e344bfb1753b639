"""Idle timeout: the countdown overlay, then every screen and the draft wiped for the next person."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.selfservice.conftest import click, make_wizard, settle
from tests.ui.selfservice.fakes import CoreRecorder
from tests.ui.selfservice.test_wizard_flow import AN, BINH, details, scan
from ui.i18n import current_language
from ui.selfservice.controller import Choice, Step


def test_idle_timeout_wipes_everything(qtbot: QtBot, recorder: CoreRecorder) -> None:
    """After the countdown nothing of the attendee is left: draft, fields, language, text size."""
    wizard = make_wizard(qtbot, recorder, idle_timeout_ms=400, idle_warning_ms=250, idle_tick_ms=50)
    click(qtbot, wizard, "lang_en")
    click(qtbot, wizard, "largerText")
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, AN)
    click(qtbot, details(wizard), "next")
    scan(qtbot, wizard, BINH)  # leaves Bình's details on the screen
    assert details(wizard).edits["full_name"].text() == "Trần Thị Bình"
    qtbot.waitUntil(wizard.overlay.isVisible, timeout=10_000)
    assert wizard.overlay.question.text() == "Are you still there?"
    qtbot.waitUntil(lambda: wizard.controller.step == Step.WELCOME, timeout=10_000)
    assert not wizard.overlay.isVisible()
    assert wizard.controller.members == []
    assert wizard.controller.field_errors == {} and wizard.controller.error is None
    assert all(edit.text() == "" for edit in wizard.findChildren(QLineEdit))
    assert details(wizard).keyboard.target is None
    assert wizard.screens[Step.HOUSEHOLD].row_widgets == []  # type: ignore[attr-defined]
    assert current_language() == "vi"
    assert not wizard.larger_text.isChecked()
    assert recorder.registered == []
    assert not wizard.idle.active  # the welcome screen waits for the next person


def test_continue_keeps_the_draft(qtbot: QtBot, recorder: CoreRecorder) -> None:
    """Tapping "Tiếp tục" on the countdown hides it and keeps the person's work."""
    wizard = make_wizard(qtbot, recorder, idle_timeout_ms=600, idle_warning_ms=500, idle_tick_ms=50)
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, AN)
    qtbot.waitUntil(wizard.overlay.isVisible, timeout=10_000)
    assert wizard.overlay.countdown.text() in {"1", "0"}
    click(qtbot, wizard.overlay, "idleContinue")
    assert not wizard.overlay.isVisible()
    assert wizard.controller.step == Step.DETAILS
    assert details(wizard).edits["full_name"].text() == "Nguyễn Văn An"
    wizard.idle.stop()


def test_wipe_after_payment_screens(qtbot: QtBot, recorder: CoreRecorder) -> None:
    """Walking away from the VietQR screen wipes the QR too."""
    wizard = make_wizard(qtbot, recorder, idle_tick_ms=50)
    c = wizard.controller
    c.start()
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT)
    c.period_done()
    c.answer_listed_ethnicity("Kinh")
    settle(qtbot, wizard)  # the quote is read on the worker thread
    c.confirm()
    settle(qtbot, wizard)
    c.pay_vietqr()
    settle(qtbot, wizard)
    qr = wizard.screens[Step.VIETQR].qr  # type: ignore[attr-defined]
    assert qr.payload
    # the writes ran on a worker thread at the machine's pace; only now the person walks away
    wizard.idle.timeout_ms, wizard.idle.warning_ms = 300, 100
    wizard.idle.poke()
    qtbot.waitUntil(lambda: c.step == Step.WELCOME, timeout=10_000)
    assert qr.payload == ""
    assert c.registration is None and c.vietqr == ""


def test_hidden_wizard_leaves_other_windows_alone(qtbot: QtBot, recorder: CoreRecorder) -> None:
    """Once the wizard is closed its scanner and idle filters no longer touch other widgets' keys."""
    from PySide6.QtWidgets import QLineEdit

    from tests.ui.widgets.helpers import type_keys

    wizard = make_wizard(qtbot, recorder)
    wizard.controller.start()
    assert wizard.idle.active
    wizard.close()
    assert not wizard.idle.active
    other = QLineEdit()
    qtbot.addWidget(other)
    type_keys(other, AN)  # a burst, but nobody is listening for scans any more
    assert other.text() == AN
