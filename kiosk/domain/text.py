"""Text helpers: NFC normalisation and Vietnamese accent folding for search."""

from __future__ import annotations

import unicodedata

_FOLD = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(text: str) -> str:
    """Unicode NFC: the one form the kiosk stores and prints."""
    return unicodedata.normalize("NFC", text)


def fold_accents(text: str) -> str:
    """Lower case without diacritics, spaces collapsed: "Nguyễn  Thị Đức" -> "nguyen thi duc"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())
