"""Telex input method for Vietnamese: pure Python (no Qt), one key at a time on the current word."""

from __future__ import annotations

import unicodedata

# Tone keys and the combining mark each one puts on the syllable's main vowel.
TONE_KEYS = {"s": "\u0301", "f": "\u0300", "r": "\u0309", "x": "\u0303", "j": "\u0323"}
_TONE_MARKS = frozenset(TONE_KEYS.values())
VOWELS = frozenset("aăâeêioôơuưy")
_MODIFIED = frozenset("ăâêôơư")
# The only consonant endings a Vietnamese syllable can have: a tone key after anything else is a
# plain letter, so foreign words ("Bus") are not mangled.
_FINALS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
# Doubling a vowel adds a circumflex; "w" adds a breve or a horn.
_CIRCUMFLEX = {"a": "â", "e": "ê", "o": "ô"}
_W_MARK = {"a": "ă", "o": "ơ", "u": "ư"}
_UNDO = {"â": "a", "ê": "e", "ô": "o", "ă": "a", "ơ": "o", "ư": "u"}


def _keep_case(model: str, letter: str) -> str:
    """`letter` in the case of `model` (typing "Aa" or "AA" gives "Â")."""
    return letter.upper() if model.isupper() else letter


def split_tone(word: str) -> tuple[str, str]:
    """The word without its tone mark, and that mark ("" when toneless)."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONE_MARKS:
            tone = ch
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _syllable(base: str) -> tuple[int, int]:
    """Start and end (exclusive) of the vowel cluster of `base`; (-1, -1) if it has no vowel."""
    low = base.lower()
    start = 0
    # "qu" and "gi" (before another vowel) are initial consonants: quý, giữ, già.
    if low.startswith("qu") or (low.startswith("gi") and len(low) > 2 and low[2] in VOWELS):
        start = 2
    while start < len(low) and low[start] not in VOWELS:
        start += 1
    if start >= len(low):
        if low.startswith("gi") and len(low) == 2:  # "gi" alone: the i is the vowel (gì)
            return 1, 2
        return -1, -1
    end = start
    while end < len(low) and low[end] in VOWELS:
        end += 1
    return start, end


def tone_position(base: str) -> int:
    """Index of the vowel that carries the tone (traditional placement: hòa, thúy, người)."""
    start, end = _syllable(base)
    if start < 0:
        return -1
    low = base.lower()
    cluster = low[start:end]
    modified = [i for i, ch in enumerate(cluster) if ch in _MODIFIED]
    if modified:  # ê, ơ, â... always carry the tone; in "ươ" the ơ does
        return start + modified[-1]
    if low[end:]:  # a closed syllable: the last vowel (hoàn, tuýt)
        return end - 1
    if len(cluster) == 1:
        return start
    if len(cluster) == 2:  # open, two vowels: the first (mía, của, hòa)
        return start
    return start + 1  # three vowels: the middle one (ngoài, khuỷu)


def render(base: str, tone: str) -> str:
    """`base` with `tone` placed on the right vowel, in NFC."""
    if not tone:
        return base
    pos = tone_position(base)
    if pos < 0:
        return base
    return unicodedata.normalize("NFC", base[: pos + 1] + tone + base[pos + 1 :])


def _can_take_tone(base: str) -> bool:
    start, end = _syllable(base)
    return start >= 0 and base[end:].lower() in _FINALS


def feed(word: str, key: str) -> str:
    """The current word after typing `key` in Telex (the word is the letters before the cursor)."""
    if len(key) != 1:
        return word + key
    base, tone = split_tone(word)
    lower = key.lower()
    if lower in TONE_KEYS and _can_take_tone(base):
        mark = TONE_KEYS[lower]
        if tone == mark:  # the same tone key twice: undo it and keep the letter
            return base + key
        return render(base, mark)
    if lower == "z" and tone:
        return base
    changed = _modify(base, key)
    if changed is not None:
        return render(changed, tone)
    return render(base + key, tone)


def _modify(base: str, key: str) -> str | None:
    """`base` with the letter modifier `key` applied (â ă ê ô ơ ư đ), or None if it is a letter."""
    lower = key.lower()
    start, end = _syllable(base)
    if lower == "d":
        # đ only as the initial of a syllable that can still be Vietnamese ("Donald" stays)
        if base[:1].lower() == "d" and (start < 0 or base[end:].lower() in _FINALS):
            return _keep_case(base[0], "đ") + base[1:]
        if base[:1].lower() == "đ":  # "ddd" undoes: dd
            return _keep_case(base[0], "d") + base[1:] + key
        return None
    if lower in _CIRCUMFLEX:
        if start < 0:
            return None
        cluster = base[start:end]
        for i in range(len(cluster) - 1, -1, -1):
            ch = cluster[i].lower()
            if ch == lower:
                return (
                    base[: start + i]
                    + _keep_case(cluster[i], _CIRCUMFLEX[ch])
                    + base[start + i + 1 :]
                )
            if _UNDO.get(ch) == lower and ch == _CIRCUMFLEX[lower]:  # "aaa" undoes: aa
                return (
                    base[: start + i] + _keep_case(cluster[i], lower) + base[start + i + 1 :] + key
                )
        return None
    if lower == "w":
        return _modify_w(base, key, start, end)
    return None


def _modify_w(base: str, key: str, start: int, end: int) -> str:
    """Apply "w": uo → ươ, a → ă, o → ơ, u → ư; undo on a second w; alone it is ư."""
    if start >= 0:
        cluster = base[start:end]
        low = cluster.lower()
        for pair in ("uo", "ưo", "uơ"):  # "thuow", "thuwow" and "thuowf w" all give ươ
            at = low.find(pair)
            if at >= 0:
                horn = _keep_case(cluster[at], "ư") + _keep_case(cluster[at + 1], "ơ")
                return base[: start + at] + horn + base[start + at + 2 :]
        if low == "ư" and end == len(base):  # a lone ư came from "w": "ww" gives w
            return base[:start] + key
        if any(ch in "ăơư" for ch in low):  # a second w undoes the marks
            plain = "".join(
                _keep_case(c, _UNDO[c.lower()]) if c.lower() in "ăơư" else c for c in cluster
            )
            return base[:start] + plain + base[end:] + key
        for i in range(len(cluster) - 1, -1, -1):
            ch = low[i]
            if ch in _W_MARK:
                return (
                    base[: start + i] + _keep_case(cluster[i], _W_MARK[ch]) + base[start + i + 1 :]
                )
    elif base.lower().startswith("qu"):  # "quw" is not a word; keep the letter
        return base + key
    return base + _keep_case(key, "ư")


def current_word(text: str) -> tuple[str, str]:
    """Split `text` into what precedes the last word and the last word (letters only)."""
    i = len(text)
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[:i], text[i:]


def type_key(text: str, key: str) -> str:
    """`text` after typing `key` at its end with Telex (spaces and punctuation pass through)."""
    if not key.isalpha():
        return text + key
    head, word = current_word(text)
    return unicodedata.normalize("NFC", head + feed(word, key))


def compose(keys: str, text: str = "") -> str:
    """Type every key of `keys` in turn: compose("Nguyeenx Thij") == "Nguyễn Thị"."""
    for key in keys:
        text = type_key(text, key)
    return text
