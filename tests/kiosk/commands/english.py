"""What the `--lang en` tests share: the Vietnamese letters left in a command's output."""

from __future__ import annotations

import re

# Amounts keep the đồng sign in both languages (kiosk.domain.money.format_vnd).
_MONEY = re.compile(r"-?\d[\d.]* đ")
_VIETNAMESE = re.compile(r"[À-ỹ]")


def vietnamese_letters(text: str, *keep: str) -> list[str]:
    """The letters with diacritics (or đ) in `text`, ignoring amounts and the strings in
    `keep` (names of people and places from the data)."""
    for allowed in keep:
        text = text.replace(allowed, "")
    return _VIETNAMESE.findall(_MONEY.sub("", text))
