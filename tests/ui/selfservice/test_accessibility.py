"""Every screen: touch targets of at least 10 mm, icons on every choice, both languages, window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.domain.enums import SupportGroup
from tests.ui.selfservice.fakes import CoreRecorder, cccd
from tests.ui.widgets.helpers import show_top
from ui.kiosk_mode import KioskWindow
from ui.selfservice.controller import Choice, Step
from ui.selfservice.window import create_selfservice_window
from ui.selfservice.wizard import SelfServiceWizard
from ui.theme import touch_target_px

AN = cccd("066090123456", "Nguyễn Văn An", "01021990", "Nam")
PUPIL = cccd("066315111222", "Nguyễn Thị Huyền", "03032015", "Nữ")  # 10: asked about a card


def visit_every_screen(qtbot: QtBot, wizard: SelfServiceWizard) -> dict[Step, str]:
    """Titles of every screen, checking the buttons on each on the way."""
    c = wizard.controller
    titles: dict[Step, str] = {}
    actions = [
        lambda: None,
        c.start,
        lambda: c.scan(AN),
        c.submit_details,
        lambda: c.scan(PUPIL),
        c.submit_details,
        c.household_done,
        lambda: c.choose(Choice.BOTH),  # support questions for An
        lambda: c.answer_group(SupportGroup.OTHER),
        lambda: c.answer_ethnicity("Kinh"),
        c.period_done,
        lambda: c.choose(Choice.BHYT),  # the covered-elsewhere question for the pupil
        lambda: c.answer_cover(None),
        c.period_done,  # the pupil's ethnicity: the support screen asked only An's
        lambda: c.answer_listed_ethnicity("Tày"),
        c.confirm,
        c.pay_vietqr,
        c.finish,
    ]
    for action in actions:
        action()
        qtbot.waitUntil(lambda: not c.busy, timeout=10_000)  # writes run on a worker thread
        screen = wizard.current_screen()
        qtbot.waitUntil(screen.isVisible)
        check_buttons(wizard)
        titles[c.step] = screen.title.text()
    assert set(titles) == set(Step)
    return titles


def check_buttons(wizard: SelfServiceWizard) -> None:
    minimum = touch_target_px()
    for button in wizard.findChildren(QPushButton):
        if not button.isVisibleTo(wizard) or not button.isVisible():
            continue
        size = button.size()
        assert size.width() >= minimum and size.height() >= minimum, button.objectName()
        if button.property("role") == "choice" and button.objectName().startswith(
            (
                "choice_",
                "pay",
                "lang_",
                "sex_",
                "bhyt_months",
                "vol_months",
                "group_",
                "cover_",
                "eth_",
            )
        ):
            assert not button.icon().isNull(), button.objectName()


def test_every_screen_in_both_languages(
    qtbot: QtBot, recorder: CoreRecorder, wizard: SelfServiceWizard
) -> None:
    """Each screen has ≥ 10 mm buttons, icons on choices, and a title that changes with the language."""
    vietnamese = visit_every_screen(qtbot, wizard)
    wizard.controller.reset()
    wizard.languages.set_language("en")
    english = visit_every_screen(qtbot, wizard)
    for step in Step:
        if step == Step.THANKS:
            continue
        assert vietnamese[step] != english[step], step
    assert english[Step.REVIEW] == "Check before you confirm"
    assert wizard.larger_text.isVisible() and wizard.language_button.isVisible()


def test_larger_text_toggle_grows_text_on_every_screen(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """The toggle in the top bar makes the body text 35 % bigger and keeps targets ≥ 10 mm."""
    before = wizard.screens[Step.WELCOME].title.font().pixelSize()
    qtbot.mouseClick(wizard.larger_text, Qt.MouseButton.LeftButton)
    assert wizard.theme.large_text
    qtbot.waitUntil(lambda: wizard.screens[Step.WELCOME].title.font().pixelSize() > before)
    visit_every_screen(qtbot, wizard)


def test_create_window_kiosk_and_plain(qtbot: QtBot, recorder: CoreRecorder) -> None:
    """main.py's helper gives a locked KioskWindow with --kiosk and a normal window otherwise."""
    window, wizard = create_selfservice_window(
        recorder.backend(), title="Ki-ốt", idle_timeout_s=90, kiosk=True
    )
    qtbot.addWidget(window)
    assert isinstance(window, KioskWindow)
    assert wizard.idle.timeout_ms == 90_000 and wizard.idle.warning_ms == 15_000
    window.try_pin("0000")  # checked off the GUI thread; a wrong PIN never opens the exit
    qtbot.waitUntil(lambda: window.pin_panel.message.text() != "", timeout=10_000)
    assert not window.unlocked
    plain, _ = create_selfservice_window(
        recorder.backend(), title="Ki-ốt", idle_timeout_s=20, kiosk=False
    )
    show_top(qtbot, plain)
    assert not isinstance(plain, KioskWindow)
    window.unlocked = True


def test_none_survives_many_qt_calls(qtbot: QtBot) -> None:
    """The pinned Qt wrapper keeps None's reference count: PySide6 6.12.0 dropped one per void
    call on CPython 3.11, which aborted the interpreter after a few thousand calls."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(10_000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 100
