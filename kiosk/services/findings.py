"""A checklist finding (`kiosk doctor`, the console's first-start checklist): what was found
and, unless it is fine, what to do about it, in both languages."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

from kiosk.domain.enums import StrEnum


class Level(StrEnum):
    OK = "ok"
    WARNING = "warning"  # works, but check before attendees come
    PROBLEM = "problem"  # must be fixed before the event


@dataclass(frozen=True)
class Finding:
    """One check's result: what was found and, unless it is fine, what to do about it."""

    code: str
    level: Level
    vi: str
    en: str
    fix_vi: str = ""
    fix_en: str = ""

    def message(self, lang: str = "vi") -> str:
        """What was found, in `lang`."""
        return self.en if lang == "en" else self.vi

    def fix(self, lang: str = "vi") -> str:
        """What to do, in `lang` (empty when nothing needs doing)."""
        return self.fix_en if lang == "en" else self.fix_vi


def finding(
    code: str, level: Level, vi: str, en: str, fix_vi: str = "", fix_en: str = ""
) -> Finding:
    nfc = functools.partial(unicodedata.normalize, "NFC")
    return Finding(code, level, nfc(vi), en, nfc(fix_vi), fix_en)
