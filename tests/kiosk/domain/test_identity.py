"""Identity numbers and typed inputs: each failure has its own code and message."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.enums import Sex
from kiosk.domain.identity import century_digit, validate_legacy_si_code, validate_personal_id
from kiosk.domain.inputs import (
    display_upper,
    normalize_name,
    normalize_phone,
    parse_date,
    validate_birth_date,
)
from kiosk.domain.person import PersonDraft
from kiosk.domain.text import fold_accents
from kiosk.errors import KioskError

VALID = "066185000123"  # Đắk Lắk, woman born in 1985
BORN = date(1985, 3, 14)


@pytest.mark.parametrize(
    ("number", "birth", "sex", "code"),
    [
        ("06618500012a", None, None, "identity.not_digits"),
        ("06618500012", None, None, "identity.bad_length"),
        ("003185000123", None, None, "identity.bad_province"),
        ("066385000123", BORN, Sex.FEMALE, "identity.century_mismatch"),
        ("066186000123", BORN, Sex.FEMALE, "identity.year_mismatch"),
        ("066085000123", BORN, Sex.FEMALE, "identity.sex_mismatch"),
        ("066185000123", BORN, Sex.MALE, "identity.sex_mismatch"),
    ],
)
def test_each_failure_has_its_code(
    number: str, birth: date | None, sex: Sex | None, code: str
) -> None:
    """Non-digits, length, unknown province, century, year and sex mismatches are told apart."""
    with pytest.raises(KioskError) as err:
        validate_personal_id(number, birth, sex)
    assert err.value.code == code and err.value.vi and err.value.en


def test_valid_numbers_across_centuries() -> None:
    """Men and women of the 1900s and 2000s; spaces are tolerated; old province codes stay valid."""
    assert validate_personal_id("066 185 000 123", BORN, Sex.FEMALE) == VALID
    assert validate_personal_id("001099123456", date(1999, 1, 1), Sex.MALE) == "001099123456"
    assert validate_personal_id("015312000001", date(2012, 5, 5), Sex.FEMALE) == "015312000001"
    assert century_digit(2012, Sex.MALE) == 2 and century_digit(1950, Sex.FEMALE) == 1


@settings(max_examples=200)
@given(position=st.integers(0, 5), digit=st.integers(0, 9))
def test_mutations_of_the_checked_part_are_rejected(position: int, digit: int) -> None:
    """Changing any province, century/sex or year digit of a valid number gets it rejected."""
    if VALID[position] == str(digit):
        return
    mutated = VALID[:position] + str(digit) + VALID[position + 1 :]
    from kiosk.domain.provinces import provinces

    if position < 3 and mutated[:3] in provinces():
        return  # another real province: still a valid number
    with pytest.raises(KioskError):
        validate_personal_id(mutated, BORN, Sex.FEMALE)


@settings(max_examples=200)
@given(st.text(max_size=20))
def test_arbitrary_text_only_gives_identity_errors(text: str) -> None:
    """Any text either validates to 12 digits or raises a KioskError with a message."""
    try:
        assert len(validate_personal_id(text)) == 12
    except KioskError as err:
        assert err.code.startswith("identity.") and err.vi


def test_legacy_code_names_and_phones() -> None:
    """Legacy 10-digit codes, NFC names in capitals and mobile numbers in any common format."""
    assert validate_legacy_si_code("66 0123 4567") == "6601234567"
    with pytest.raises(KioskError):
        validate_legacy_si_code("660123456")
    nfd = "Nguye\u0302\u0303n Thi\u0323 Huye\u0302\u0300n"
    assert normalize_name(f"  {nfd}  ") == "Nguyễn Thị Huyền"
    assert display_upper("Nguyễn Thị Huyền") == "NGUYỄN THỊ HUYỀN"
    assert normalize_name("H'Hen Niê") == "H'Hen Niê"
    for bad, code in (
        ("N", "name.too_short"),
        ("Nguyen 2", "name.bad_character"),
        ("A" * 81, "name.too_long"),
    ):
        with pytest.raises(KioskError) as err:
            normalize_name(bad)
        assert err.value.code == code
    for phone in ("0912345678", "+84 912 345 678", "84912345678", "091.234.5678"):
        assert normalize_phone(phone) == "0912345678"
    with pytest.raises(KioskError) as perr:
        normalize_phone("0212345678")
    assert perr.value.code == "phone.invalid"


def test_dates_of_birth() -> None:
    """dd/mm/yyyy and ddmmyyyy are read; 31/02 is impossible; future and absurd ages refused."""
    assert parse_date("14/03/1985") == parse_date("14031985") == parse_date("14-3-1985") == BORN
    for text, code in (("31/02/1990", "date.impossible"), ("1985-03-14", "date.bad_format")):
        with pytest.raises(KioskError) as err:
            parse_date(text)
        assert err.value.code == code
    today = date(2026, 11, 25)
    with pytest.raises(KioskError, match="future"):
        validate_birth_date(date(2026, 11, 26), today)
    with pytest.raises(KioskError) as old:
        validate_birth_date(date(1900, 1, 1), today)
    assert old.value.code == "date.too_old"


def test_draft_lists_every_problem_by_field() -> None:
    """A draft with several mistakes reports all of them at once, keyed by field."""
    draft = PersonDraft(
        full_name="X", birth_date=date(2030, 1, 1), sex=None, personal_id="123", phone="12"
    )
    errors = draft.errors_by_field(today=date(2026, 11, 25))
    assert {k: e.code for k, e in errors.items()} == {
        "full_name": "name.too_short",
        "birth_date": "date.in_future",
        "sex": "sex.missing",
        "personal_id": "identity.bad_length",
        "phone": "phone.invalid",
    }


def test_accent_folding() -> None:
    """Search folds accents and đ: "Nguyễn Thị Huyền" -> "nguyen thi huyen", "Đức" -> "duc"."""
    assert fold_accents("Nguyễn  Thị Huyền") == "nguyen thi huyen"
    assert fold_accents("Đức") == "duc" and fold_accents("Đắk Lắk") == "dak lak"
