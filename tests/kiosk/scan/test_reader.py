"""read_scan classifies every scan, never loses one, and raises nothing but KioskError."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.enums import Sex
from kiosk.errors import KioskError
from kiosk.scan.cccd import parse_cccd_qr, read_cccd
from kiosk.scan.health_card import build_health_card_qr, parse_health_card_qr
from kiosk.scan.reader import ScanKind, read_scan, scan_json
from tests.kiosk.scan import samples
from tests.kiosk.scan.test_scans import CARD


def test_cccd_from_utf8_bytes_with_crlf() -> None:
    """Serial-mode bytes (UTF-8, CR LF) become a complete CCCD result and its JSON."""
    result = read_scan((samples.AN + "\r\n").encode())
    assert result.kind == ScanKind.CCCD and result.complete
    assert scan_json(result) == {
        "kind": "cccd",
        "personal_id": "066090123456",
        "full_name": "Nguyễn Văn An",
        "birth_date": "1990-02-01",
        "sex": "male",
        "variant": "cccd-7",
        "problems": [],
    }


def test_current_health_card_fills_name_birth_and_sex() -> None:
    """A 16-field card: name, birth date, sex, address and the 10-digit SI number, with a note
    that the card has no identity number."""
    result = read_scan(build_health_card_qr(CARD))
    assert result.kind == ScanKind.HEALTH_CARD and result.variant == "health-16"
    p = result.person
    assert (p.full_name, p.birth_date, p.sex) == ("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE)
    assert p.legacy_si_code == "6612345678" and p.address == "Thôn 3, Ea Kao, Đắk Lắk"
    assert [e.code for e in result.problems] == ["scan.card_without_id"] and not result.errors
    assert scan_json(result)["card_code"] == "GD4666612345678"


def test_legacy_fourteen_field_card() -> None:
    """The 2016-2020 card: 14 fields, read by the reader; the strict parser still wants 16."""
    result = read_scan(samples.CARD_2017)
    assert result.kind == ScanKind.HEALTH_CARD and result.variant == "health-14"
    assert result.card is not None and result.card.five_year_date == "01/01/2022"
    assert result.card.benefit_level == "" and result.card.checksum == "0a1b2c3d4e5f6071-1234"
    with pytest.raises(KioskError):
        parse_health_card_qr(samples.CARD_2017)


def test_unknown_code_shows_what_was_read() -> None:
    """A URL is "unknown", and the message quotes the text so it can be typed."""
    result = read_scan("https://example.com/a\x07b")
    assert result.kind == ScanKind.UNKNOWN
    assert result.shown == "https://example.com/a·b"
    assert result.problems[0].code == "scan.unknown"
    assert "«https://example.com/a·b»" in result.problems[0].vi
    assert scan_json(result) == {
        "kind": "unknown",
        "text": "https://example.com/a·b",
        "problems": ["scan.unknown"],
    }


def test_broken_health_card_is_unknown_with_the_reason() -> None:
    """Bad hex in the name: kept as unknown, with the card parser's reason."""
    text = build_health_card_qr(CARD).replace(samples.hexed("Nguyễn Thị Huyền"), "zz")
    result = read_scan(text)
    assert [p.code for p in result.problems] == ["scan.unknown", "scan.card_malformed"]


def test_other_code_page_is_flagged_not_lost() -> None:
    """Windows-1258 bytes from a misconfigured scanner: still a CCCD, flagged not UTF-8."""
    raw = samples.AN.encode("cp1258", errors="replace")
    result = read_scan(raw)
    assert result.kind == ScanKind.CCCD and result.person.personal_id == "066090123456"
    assert result.problems[0].code == "scan.not_utf8"


@pytest.mark.parametrize(
    ("data", "code"), [(b"\r\n", "scan.empty"), (b"1" * 5000, "scan.too_long")]
)
def test_nothing_to_read(data: bytes, code: str) -> None:
    """Empty lines and floods are refused with the project's error."""
    with pytest.raises(KioskError) as err:
        read_scan(data)
    assert err.value.code == code


PIECES = st.sampled_from(
    ["066090123456", "", "245123456", "Nguyễn Văn An", "01021990", "Nam", "Nữ", "-", "$", "zz"]
)


@settings(max_examples=200)
@given(
    st.binary(max_size=600)
    | st.lists(PIECES, max_size=18).map(lambda p: "|".join(p).encode())
    | st.lists(st.text(max_size=10), max_size=18).map(
        lambda p: "|".join(p).encode("utf-8", "surrogatepass")
    )
)
def test_any_bytes_give_a_result_or_a_kiosk_error(data: bytes) -> None:
    """Arbitrary bytes and "|"-heavy strings: every parser returns or raises KioskError."""
    text = data.decode("utf-8", errors="replace")
    for parse in (
        read_scan,
        lambda d: read_cccd(text),
        lambda d: parse_cccd_qr(text),
        lambda d: parse_health_card_qr(text, allow_legacy=True),
    ):
        try:
            parse(data)
        except KioskError as err:
            assert err.code and err.vi and err.en
