"""Translations: every wizard string has an English translation and the switch works at runtime."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from resources import resource_path
from ui.i18n import LanguageManager, current_language


def test_ts_file_is_complete() -> None:
    """kiosk_en.ts has no unfinished or empty translation, and the compiled .qm is shipped."""
    tree = ET.parse(resource_path("translations", "kiosk_en.ts"))
    messages = list(tree.iter("message"))
    assert len(messages) > 60
    for message in messages:
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, message.findtext("source")
        forms = translation.findall("numerusform")
        texts = [f.text for f in forms] if forms else [translation.text]
        assert all(texts), message.findtext("source")
    assert resource_path("translations", "kiosk_en.qm").stat().st_size > 1000


def test_switch_to_english_and_back(qtbot: QtBot) -> None:
    """set_language installs the English translator and removing it restores Vietnamese."""
    manager = LanguageManager()
    with qtbot.waitSignal(manager.languageChanged):
        manager.set_language("en")
    assert current_language() == "en"
    assert QCoreApplication.translate("IdleOverlay", "Tiếp tục") == "Continue"
    manager.set_language("vi")
    assert QCoreApplication.translate("IdleOverlay", "Tiếp tục") == "Tiếp tục"
    assert current_language() == "vi"
