"""Every CCCD / căn cước QR layout is read, and whatever cannot be trusted is named."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.domain.enums import Sex
from kiosk.errors import KioskError
from kiosk.scan.cccd import parse_cccd_qr, read_cccd
from tests.kiosk.scan import samples


def codes(text: str) -> list[str]:
    return [p.code for p in read_cccd(text).problems]


def test_seven_fields_with_empty_old_id() -> None:
    """The usual chip-card QR with no old id: every field, no problem."""
    scan = read_cccd(samples.AN)
    assert (scan.variant, scan.problems, scan.old_id) == ("cccd-7", (), "")
    d = scan.draft
    assert (d.personal_id, d.full_name, d.birth_date, d.sex) == (
        "066090123456",
        "Nguyễn Văn An",
        date(1990, 2, 1),
        Sex.MALE,
    )
    assert d.issue_date == date(2021, 2, 1) and d.province == "066"


def test_nine_and_twelve_digit_old_ids() -> None:
    """A 9-digit CMND goes in the draft; a 12-digit old number is kept but not put in the
    draft's old-id field (the domain check accepts 9 digits only)."""
    nine = read_cccd(samples.HUYEN_OLD9)
    assert nine.problems == () and nine.draft.old_id_number == "245123456"
    twelve = read_cccd(samples.MAI_OLD12)
    assert twelve.problems == () and twelve.old_id == "001183004567"
    assert twelve.draft.old_id_number == "" and twelve.draft.sex is Sex.FEMALE
    assert parse_cccd_qr(samples.MAI_OLD12).full_name == "Lê Thị Mai"


def test_2024_can_cuoc_eleven_fields() -> None:
    """7 fields then 4 empty ones (căn cước since 2024-07-01) read cleanly, strict too."""
    scan = read_cccd(samples.KHOA_2024)
    assert scan.variant == "cancuoc-11" and scan.problems == ()
    assert scan.extra == ("", "", "", "")
    assert parse_cccd_qr(samples.KHOA_2024).issue_date == date(2026, 3, 19)


@pytest.mark.parametrize(
    ("text", "variant"), [(samples.AN_SIX, "no-old-id-6"), (samples.AN_EXTRA, "extra-fields")]
)
def test_unseen_layouts_are_read_and_flagged(text: str, variant: str) -> None:
    """6 fields without the old id, or extra fields: the person is read, with a check note."""
    scan = read_cccd(text)
    assert scan.variant == variant
    assert [p.code for p in scan.problems] == ["scan.cccd_layout"]
    assert scan.draft.full_name == "Nguyễn Văn An" and scan.draft.birth_date == date(1990, 2, 1)
    with pytest.raises(KioskError) as err:
        parse_cccd_qr(text)
    assert err.value.code == "scan.cccd_malformed"


def test_truncated_read_keeps_what_arrived() -> None:
    """A cut-off scan keeps the number and name; the message asks for the rest."""
    scan = read_cccd(samples.AN_TRUNCATED)
    assert scan.variant == "truncated"
    assert scan.draft.personal_id == "066090123456" and scan.draft.full_name == "Nguyễn Văn An"
    assert scan.draft.birth_date is None
    assert codes(samples.AN_TRUNCATED) == ["scan.cccd_malformed", "scan.cccd_bad_field"]
    assert "7 parts expected, got 4" in scan.problems[0].en


def test_ascii_only_payload_is_flagged_for_the_name() -> None:
    """A keyboard-mode scan that lost the diacritics: read, name capitalised, flagged."""
    scan = read_cccd(samples.AN_ASCII)
    assert scan.draft.full_name == "Nguyen Van An"
    assert codes(samples.AN_ASCII) == ["scan.cccd_unaccented"]
    assert "without diacritics" in scan.problems[0].en and "không có dấu" in scan.problems[0].vi
    assert parse_cccd_qr(samples.AN_ASCII).full_name == "Nguyen Van An"  # a note, not an error


def test_unknown_prefix_keeps_the_number() -> None:
    """A number whose first three digits are not a province (e.g. registered abroad) is kept
    with the reason, so staff can check the card and complete the registration."""
    scan = read_cccd(samples.ABROAD)
    assert scan.draft.personal_id == "999090123456" and scan.draft.full_name == "Nguyễn Văn Xa"
    assert codes(samples.ABROAD) == ["scan.cccd_invalid"]
    assert "Province code 999" in scan.problems[0].en


def test_sex_nu_without_diacritics_and_lower_case() -> None:
    """ "Nu" / "NAM" (a keyboard-mode read) still give the sex."""
    assert read_cccd(samples.AN_ASCII.replace("|Nam|", "|NAM|")).draft.sex is Sex.MALE
    text = samples.HUYEN_OLD9.replace("|Nữ|", "|Nu|")
    assert read_cccd(text).draft.sex is Sex.FEMALE


def test_not_a_cccd_at_all() -> None:
    """Text that does not start with an identity number is refused by the CCCD reader."""
    with pytest.raises(KioskError) as err:
        read_cccd("https://example.com/x")
    assert err.value.code == "scan.cccd_malformed"
