"""Expected failures with a stable code and text in Vietnamese and English."""

from __future__ import annotations

from typing import Any


class KioskError(Exception):
    """An expected failure the user can act on (bad input, printer offline, payment taken...).

    ``code`` is stable (tests and the UI match on it); ``vi`` and ``en`` are complete sentences
    shown to people. Bugs are not KioskErrors: they go to the excepthook.
    """

    def __init__(self, code: str, vi: str, en: str, **params: Any) -> None:
        super().__init__(f"{code}: {en}")
        self.code = code
        self.vi = vi
        self.en = en
        self.params = params

    def message(self, lang: str = "vi") -> str:
        """The text for the user's language ("vi" or "en")."""
        return self.en if lang == "en" else self.vi

    def __reduce__(self) -> tuple[Any, ...]:  # keep pickling (multiprocessing) working
        return (_rebuild, (type(self), self.code, self.vi, self.en, self.params))


def _rebuild(
    cls: type[KioskError], code: str, vi: str, en: str, params: dict[str, Any]
) -> KioskError:
    err = cls.__new__(cls)
    KioskError.__init__(err, code, vi, en, **params)
    return err
