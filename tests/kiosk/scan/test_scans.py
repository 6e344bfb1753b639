"""Scanned codes: CCCD QR into a draft, health-card QR both ways, and garbage refused politely."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.enums import Sex
from kiosk.errors import KioskError
from kiosk.scan.cccd import parse_cccd_qr
from kiosk.scan.health_card import HealthCardData, build_health_card_qr, parse_health_card_qr

CCCD = "066185000123|245123456|Nguyễn Thị Huyền|14031985|Nữ|Thôn 3, Ea Kao, Buôn Ma Thuột, Đắk Lắk|01082021\r\n"


def test_cccd_fills_a_draft() -> None:
    """Every field of the CCCD QR lands in the draft, checked against each other."""
    draft = parse_cccd_qr(CCCD)
    assert draft.personal_id == "066185000123" and draft.old_id_number == "245123456"
    assert draft.full_name == "Nguyễn Thị Huyền" and draft.sex is Sex.FEMALE
    assert draft.birth_date == date(1985, 3, 14) and draft.issue_date == date(2021, 8, 1)
    assert draft.address.endswith("Đắk Lắk") and draft.province == "066"
    assert draft.validate(today=date(2026, 11, 25)) == []


def test_cccd_sent_as_nfd_is_normalised() -> None:
    """A scanner that sends decomposed accents still gives the NFC name."""
    import unicodedata

    assert parse_cccd_qr(unicodedata.normalize("NFD", CCCD)).full_name == "Nguyễn Thị Huyền"


@pytest.mark.parametrize(
    ("scan", "code", "fragment"),
    [
        ("066185000123|245123456|Nguyễn Thị Huyền|14031985", "scan.cccd_malformed", "7 parts"),
        (CCCD.replace("14031985", "31021985"), "scan.cccd_bad_field", "date of birth"),
        (CCCD.replace("|Nữ|", "|X|"), "scan.cccd_bad_field", "sex"),
        (CCCD.replace("|Nữ|", "|Nam|"), "scan.cccd_invalid", "4th digit"),
        (CCCD.replace("066185", "999185"), "scan.cccd_invalid", "Province code 999"),
    ],
)
def test_cccd_broken_scans_say_why(scan: str, code: str, fragment: str) -> None:
    """Truncated scans, impossible dates, bad sex and inconsistent ids each get a reason."""
    with pytest.raises(KioskError) as err:
        parse_cccd_qr(scan)
    assert err.value.code == code and fragment in err.value.en and err.value.vi


CARD = HealthCardData(
    card_code="GD4666612345678",
    full_name="Nguyễn Thị Huyền",
    birth_date="14/03/1985",
    sex="2",
    address="Thôn 3, Ea Kao, Đắk Lắk",
    facility="66 - 023",
    valid_from="25/12/2026",
    valid_to="24/12/2027",
    issue_date="25/11/2026",
    management_code="",
    parent_name="",
    residence_area="K1",
    five_year_date="25/12/2031",
    checksum="a1b2c3d4",
    benefit_level="4",
    issuing_place="Bảo hiểm xã hội tỉnh Đắk Lắk",
)


def test_health_card_round_trip_and_hex_fields() -> None:
    """Text fields are lower-case UTF-8 hex, empty fields '-', the string ends with |$."""
    text = build_health_card_qr(CARD)
    assert text.endswith("|$") and text.count("|") == 16
    assert text.split("|")[1] == "Nguyễn Thị Huyền".encode().hex()
    assert text.split("|")[9] == "-"
    assert parse_health_card_qr(text) == CARD


@pytest.mark.parametrize("cut", [-2, -1, 40])
def test_health_card_truncated_is_refused(cut: int) -> None:
    """A scan missing its end is reported as truncated, never half-read."""
    with pytest.raises(KioskError) as err:
        parse_health_card_qr(build_health_card_qr(CARD)[:cut])
    assert err.value.code == "scan.card_malformed"


@settings(max_examples=200)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
    | st.lists(st.text(max_size=12), min_size=0, max_size=20).map("|".join)
)
def test_parsers_only_raise_their_own_errors(text: str) -> None:
    """Arbitrary text, control characters and '|'-heavy strings give KioskErrors, nothing else."""
    for parse in (parse_cccd_qr, parse_health_card_qr):
        try:
            parse(text)
        except KioskError as err:
            assert err.vi and err.en
