"""Runtime language switch: Vietnamese is the source language, English comes from kiosk_en.qm."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTranslator, Signal
from shiboken6 import isValid

from kiosk.domain.labels import label
from resources import resource_path

LANGUAGES = ("vi", "en")
SOURCE_LANGUAGE = "vi"


def translation_file(lang: str) -> str:
    """The compiled translation file for `lang` (Vietnamese needs none: it is the source)."""
    return str(resource_path("translations", f"kiosk_{lang}.qm"))


class LanguageManager(QObject):
    """Installs the translator for the chosen language; every widget then gets LanguageChange."""

    languageChanged = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lang = SOURCE_LANGUAGE
        self._translator: QTranslator | None = None
        global _current
        _current = SOURCE_LANGUAGE  # a new manager starts untranslated, whatever came before
        app = QCoreApplication.instance()
        while _installed:
            old = _installed.pop()
            if app is not None and isValid(old):
                app.removeTranslator(old)

    @property
    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        """Switch every screen to `lang` ("vi" or "en") now."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        if lang == self._lang:
            return
        app = QCoreApplication.instance()
        assert app is not None, "create the application first"
        if self._translator is not None:
            app.removeTranslator(self._translator)
            if self._translator in _installed:
                _installed.remove(self._translator)
            self._translator = None
        if lang != SOURCE_LANGUAGE:
            translator = QTranslator(self)
            if not translator.load(translation_file(lang)):
                raise FileNotFoundError(translation_file(lang))
            app.installTranslator(translator)
            self._translator = translator
            _installed.append(translator)
        self._lang = lang
        global _current
        _current = lang
        # Qt posts LanguageChange to every window; deliver it now so the screen the person is
        # looking at is already redrawn in the new language when this call returns.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.languageChanged.emit(lang)

    def toggle(self) -> None:
        self.set_language("en" if self._lang == "vi" else "vi")


_current = SOURCE_LANGUAGE
_installed: list[QTranslator] = []


def current_language() -> str:
    """The language last chosen through a LanguageManager (for KioskError.message(lang))."""
    return _current


def label_text(value: Enum) -> str:
    """An enumeration's label (kiosk.domain.labels) in the language on screen now."""
    return label(value, _current)
