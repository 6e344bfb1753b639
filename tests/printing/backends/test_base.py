"""PrinterStatus.text: the detail in the language asked for."""

from __future__ import annotations

import unicodedata

from printing.backends.base import PrinterStatus


def test_text_picks_english_when_given_else_vietnamese() -> None:
    """ "en" gives the English detail; "vi", or "en" with none given, gives the Vietnamese one
    in NFC (a detail built from decomposed text still compares equal on screen)."""
    state = PrinterStatus(False, "unknown", "Hết giấy", "Out of paper")
    assert (state.text("en"), state.text("vi")) == ("Out of paper", "Hết giấy")
    decomposed = unicodedata.normalize("NFD", "Mất kết nối")
    bare = PrinterStatus(False, "unknown", decomposed)
    assert bare.detail_en == ""
    assert bare.text("en") == bare.text("vi") == "Mất kết nối"
