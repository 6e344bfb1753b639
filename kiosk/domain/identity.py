"""Identity numbers: the 12-digit personal identification number and the legacy SI code."""

from __future__ import annotations

from datetime import date

from kiosk.domain.enums import Sex
from kiosk.domain.provinces import provinces
from kiosk.errors import KioskError

# Century/sex digit: (first year of the century, male digit, female digit).
_CENTURIES = ((1900, 0, 1), (2000, 2, 3), (2100, 4, 5), (2200, 6, 7), (2300, 8, 9))


class IdentityError(KioskError):
    """An identity number that cannot be right; `field` names the form field."""

    field = "personal_id"


def century_digit(birth_year: int, sex: Sex) -> int:
    """The 4th digit of the personal identification number for this birth year and sex."""
    for start, male, female in _CENTURIES:
        if start <= birth_year < start + 100:
            return male if sex == Sex.MALE else female
    raise IdentityError(
        "identity.year_out_of_range",
        vi=f"Năm sinh {birth_year} nằm ngoài khoảng 1900–2399.",
        en=f"Birth year {birth_year} is outside 1900-2399.",
    )


def validate_personal_id(
    number: str, birth_date: date | None = None, sex: Sex | None = None
) -> str:
    """Check a 12-digit personal identification number (and its agreement with birth date and
    sex when given); returns it stripped of spaces."""
    value = "".join(number.split())
    if not value.isascii() or not value.isdigit():
        raise IdentityError(
            "identity.not_digits",
            vi="Số định danh cá nhân chỉ gồm chữ số.",
            en="The personal identification number has digits only.",
        )
    if len(value) != 12:
        raise IdentityError(
            "identity.bad_length",
            vi=f"Số định danh cá nhân phải có 12 chữ số (đang có {len(value)}).",
            en=f"The personal identification number has 12 digits (this one has {len(value)}).",
        )
    if value[:3] not in provinces():
        raise IdentityError(
            "identity.bad_province",
            vi=f"Mã tỉnh {value[:3]} ở đầu số định danh không tồn tại.",
            en=f"Province code {value[:3]} at the start of the number does not exist.",
        )
    digit = int(value[3])
    if birth_date is not None:
        start = next((s for s, m, f in _CENTURIES if digit in (m, f)), 1900)
        if not start <= birth_date.year < start + 100:
            raise IdentityError(
                "identity.century_mismatch",
                vi=f"Chữ số thứ 4 ({digit}) không khớp thế kỷ của năm sinh {birth_date.year}.",
                en=f"The 4th digit ({digit}) does not match the century of birth year {birth_date.year}.",
            )
        if value[4:6] != f"{birth_date.year % 100:02d}":
            raise IdentityError(
                "identity.year_mismatch",
                vi=f"Chữ số thứ 5–6 ({value[4:6]}) phải là hai số cuối năm sinh ({birth_date.year % 100:02d}).",
                en=f"Digits 5-6 ({value[4:6]}) must be the last two digits of the birth year ({birth_date.year % 100:02d}).",
            )
    if sex is not None and (digit % 2 == 0) != (sex == Sex.MALE):
        raise IdentityError(
            "identity.sex_mismatch",
            vi=f"Chữ số thứ 4 ({digit}) là của {'nam' if digit % 2 == 0 else 'nữ'}, không khớp giới tính đã chọn.",
            en=f"The 4th digit ({digit}) is for a {'man' if digit % 2 == 0 else 'woman'}, not the sex chosen.",
        )
    return value


def validate_legacy_si_code(code: str) -> str:
    """The legacy 10-digit social insurance code (kept next to the personal number)."""
    value = "".join(code.split())
    if not value.isascii() or not value.isdigit() or len(value) != 10:
        raise KioskError(
            "identity.bad_legacy_code",
            vi="Mã số BHXH cũ gồm đúng 10 chữ số.",
            en="The legacy social insurance code has exactly 10 digits.",
        )
    return value


def validate_old_id(number: str) -> str:
    """The old 9-digit identity card number (CMND), optional on the CCCD QR."""
    value = "".join(number.split())
    if not value.isascii() or not value.isdigit() or len(value) != 9:
        raise KioskError(
            "identity.bad_old_id",
            vi="Số CMND cũ gồm đúng 9 chữ số.",
            en="The old identity card number has exactly 9 digits.",
        )
    return value
