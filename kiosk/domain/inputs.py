"""Validators for what people type: names, dates of birth, Vietnamese mobile numbers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from kiosk.domain.text import nfc
from kiosk.errors import KioskError

NAME_MIN, NAME_MAX = 2, 80
OLDEST_YEARS = 120
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$|^(\d{2})(\d{2})(\d{4})$")
_MOBILE_PREFIXES = ("03", "05", "07", "08", "09")


class InputError(KioskError):
    """A typed value that cannot be right; `field` names the form field."""

    def __init__(self, field: str, code: str, vi: str, en: str) -> None:
        super().__init__(code, vi=vi, en=en)
        self.field = field


def normalize_name(text: str) -> str:
    """A full name in NFC with single spaces; letters (any Vietnamese letter), spaces, ' and -.

    A name typed all in small letters or all in capitals gets a capital on each word."""
    name = " ".join(nfc(text).split())
    if len(name) < NAME_MIN:
        raise InputError(
            "full_name", "name.too_short", "Họ tên quá ngắn.", "The name is too short."
        )
    if len(name) > NAME_MAX:
        raise InputError(
            "full_name",
            "name.too_long",
            f"Họ tên dài quá {NAME_MAX} ký tự.",
            f"The name is longer than {NAME_MAX} characters.",
        )
    for char in name:
        if not (
            char in " '-"
            or unicodedata.category(char).startswith("L")
            or unicodedata.category(char) == "Mn"
        ):
            raise InputError(
                "full_name",
                "name.bad_character",
                f"Họ tên có ký tự không hợp lệ “{char}”: chỉ dùng chữ cái.",
                f"The name has an invalid character {char!r}: letters only.",
            )
    if name in (name.lower(), name.upper()):
        # Typed all in small letters (or all capitals, as on a card): store it the way it is
        # written on papers, each word with a capital. Mixed case is kept as typed ("H'Mông").
        name = " ".join(word[:1].upper() + word[1:].lower() for word in name.split(" "))
    return name


def display_upper(name: str) -> str:
    """The name in capitals as forms want it ("Nguyễn Thị Huyền" -> "NGUYỄN THỊ HUYỀN")."""
    return nfc(nfc(name).upper())


def parse_date(text: str, field: str = "birth_date") -> date:
    """Read dd/mm/yyyy (also with . or -) or ddmmyyyy; impossible dates get their own message."""
    match = _DATE.match(text.strip())
    if not match:
        raise InputError(
            field,
            "date.bad_format",
            "Ngày phải viết dạng ngày/tháng/năm, ví dụ 14/03/1985.",
            "Write the date as day/month/year, e.g. 14/03/1985.",
        )
    parts = [g for g in match.groups() if g is not None]
    day, month, year = (int(p) for p in parts)
    try:
        return date(year, month, day)
    except ValueError:
        raise InputError(
            field,
            "date.impossible",
            f"Ngày {day:02d}/{month:02d}/{year} không có thật.",
            f"{day:02d}/{month:02d}/{year} is not a real date.",
        ) from None


def validate_birth_date(value: date, today: date) -> date:
    """Not in the future and not absurdly old."""
    if value > today:
        raise InputError(
            "birth_date",
            "date.in_future",
            "Ngày sinh ở tương lai.",
            "The date of birth is in the future.",
        )
    if value.year < today.year - OLDEST_YEARS:
        raise InputError(
            "birth_date",
            "date.too_old",
            f"Ngày sinh trước năm {today.year - OLDEST_YEARS}: hãy kiểm tra lại.",
            f"The date of birth is before {today.year - OLDEST_YEARS}: please check it.",
        )
    return value


def normalize_phone(text: str) -> str:
    """A Vietnamese mobile number as 0xxxxxxxxx (accepts +84/84, spaces, dots and dashes)."""
    digits = re.sub(r"[\s.\-()]", "", text)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not (
        digits.isascii()
        and digits.isdigit()
        and len(digits) == 10
        and digits.startswith(_MOBILE_PREFIXES)
    ):
        raise InputError(
            "phone",
            "phone.invalid",
            "Số di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.",
            "A mobile number has 10 digits starting with 03, 05, 07, 08 or 09.",
        )
    return digits
