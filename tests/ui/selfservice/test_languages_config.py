"""The configuration's [languages]: the language each attendee starts in, and a single
language configured hides every language button."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from tests.ui.selfservice.conftest import click
from tests.ui.selfservice.fakes import CoreRecorder, Recorder
from tests.ui.widgets.helpers import show_top
from ui.selfservice.controller import Step
from ui.selfservice.window import create_selfservice_window
from ui.selfservice.wizard import SelfServiceWizard

WELCOME_EN = "Register for household health insurance and voluntary social insurance"


def test_english_first_and_back_to_english_for_the_next_attendee(
    qtbot: QtBot, recorder: CoreRecorder
) -> None:
    """default = "en": the welcome screen is in English; an attendee who switches to
    Vietnamese is followed by one who starts in English again."""
    config = parse_config(DEFAULT_CONFIG.replace('default = "vi"', 'default = "en"'))
    window, wizard = create_selfservice_window(
        recorder.backend(),
        title="Ki-ốt",
        idle_timeout_s=600,
        kiosk=False,
        start_language=config.default_language,
        offered=config.languages,
    )
    qtbot.addWidget(window)
    show_top(qtbot, window)
    welcome = wizard.screens[Step.WELCOME]
    assert wizard.languages.language == "en" and welcome.title.text() == WELCOME_EN
    click(qtbot, wizard, "lang_vi")
    assert welcome.title.text() == "Đăng ký BHYT hộ gia đình và BHXH tự nguyện"
    wizard.wipe()  # the idle time-out or "Về màn hình đầu"
    assert wizard.languages.language == "en" and welcome.title.text() == WELCOME_EN


def test_one_language_shows_no_language_buttons(qtbot: QtBot) -> None:
    """available = ["vi"]: neither the top bar's switch nor the welcome screen's two buttons."""
    config = parse_config(DEFAULT_CONFIG.replace('available = ["vi", "en"]', 'available = ["vi"]'))
    wizard = SelfServiceWizard(
        Recorder().backend(), start_language=config.default_language, offered=config.languages
    )
    qtbot.addWidget(wizard)
    show_top(qtbot, wizard)
    welcome = wizard.screens[Step.WELCOME]
    assert not wizard.language_button.isVisible()
    assert not welcome.vietnamese.isVisible() and not welcome.english.isVisible()  # type: ignore[attr-defined]
    assert wizard.larger_text.isVisible() and wizard.languages.language == "vi"
