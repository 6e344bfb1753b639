"""An amount of đồng in Vietnamese words, as written after "Bằng chữ:" on a receipt."""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ("", "nghìn", "triệu")  # then "tỷ", which repeats: "nghìn tỷ", "triệu tỷ"
BILLION = 1_000_000_000


def number_in_words(number: int, *, zero_ten: str = "linh") -> str:
    """A whole number ≥ 0 in words, lower case: 1366200 -> "một triệu ba trăm sáu mươi sáu
    nghìn hai trăm".

    The reading rules: "mười" for 10-19 and "mươi" from 20; a final 1 after "mươi" is "mốt",
    a final 4 after "mươi" is "tư", a final 5 after "mười"/"mươi" is "lăm"; an empty tens
    place before a unit is "linh" (northern usage, the default) or "lẻ" (`zero_ten="lẻ"`);
    a group after a higher one reads its hundreds even when 0 ("một nghìn không trăm linh
    năm"); whole groups of zeros are skipped ("một triệu năm trăm").
    """
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise ValueError(f"not a whole number ≥ 0: {number!r}")
    if zero_ten not in ("linh", "lẻ"):
        raise ValueError("zero_ten must be “linh” or “lẻ”")
    if number == 0:
        return DIGITS[0]
    return " ".join(_words(number, leading=True, zero_ten=zero_ten))


def amount_in_words(amount: int, *, zero_ten: str = "linh") -> str:
    """Đồng in words, lower case: 1366200 -> "một triệu ba trăm sáu mươi sáu nghìn hai trăm
    đồng"; 0 -> "không đồng"."""
    return f"{number_in_words(amount, zero_ten=zero_ten)} đồng"


def sentence_case(text: str) -> str:
    """The first letter in capitals, as the words are printed ("Một triệu ... đồng")."""
    return text[:1].upper() + text[1:]


def _words(number: int, *, leading: bool, zero_ten: str) -> list[str]:
    """Words of `number` > 0; `leading`: nothing is read before it (no "không trăm")."""
    if number >= BILLION:
        high, rest = divmod(number, BILLION)
        above = [*_words(high, leading=leading, zero_ten=zero_ten), "tỷ"]
        if rest:
            above += _words(rest, leading=False, zero_ten=zero_ten)
        return above
    groups = []  # (value, scale index), highest first
    scale = 0
    while number:
        number, group = divmod(number, 1000)
        groups.append((group, scale))
        scale += 1
    out: list[str] = []
    for value, index in reversed(groups):
        if value == 0:
            continue
        out += _group(value, full=not (leading and not out), zero_ten=zero_ten)
        if SCALES[index]:
            out.append(SCALES[index])
    return out


def _group(value: int, *, full: bool, zero_ten: str) -> list[str]:
    """One group of three digits (1-999); `full`: read "không trăm" and "linh" as needed."""
    hundreds, rest = divmod(value, 100)
    tens, units = divmod(rest, 10)
    out: list[str] = []
    if hundreds or full:
        out += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if out:
                out.append(zero_ten)
            out.append(DIGITS[units])
        return out
    out.append("mười" if tens == 1 else f"{DIGITS[tens]} mươi")
    if units == 1:
        out.append("một" if tens == 1 else "mốt")
    elif units == 4:
        out.append("bốn" if tens == 1 else "tư")
    elif units == 5:
        out.append("lăm")
    elif units:
        out.append(DIGITS[units])
    return out
