"""VietQR payloads: the NAPAS vectors, CRC checks, bad input, and an independent QR reader."""

from __future__ import annotations

import pytest
import qrcode
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.payments.vietqr import (
    ACCOUNT_MAX,
    AMOUNT_MAX_DIGITS,
    PURPOSE_MAX,
    build_payload,
    crc16_ccitt_false,
    parse_payload,
)

STATIC = (
    "00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5"
)
DYNAMIC = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN"
    "62340107NPS68690819thanh toan don hang63042E2E"
)
CARD = "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52"


def test_dynamic_and_card_vectors_reproduced_exactly() -> None:
    """The NAPAS dynamic (amount, bill number, purpose) and card vectors, byte for byte."""
    assert (
        build_payload(
            "970403", "0011012345678", 180_000, "thanh toan don hang", bill_number="NPS6869"
        )
        == DYNAMIC
    )
    assert build_payload("970403", "9704031101234567", card=True) == CARD


def test_static_vector_crc_and_its_length_typo() -> None:
    """Every published CRC is right; the static example declares its 13-digit account with
    length 12, so a correct builder writes 13 there and the CRC follows (F4E5 -> 6F3C)."""
    for vector in (STATIC, DYNAMIC, CARD):
        assert f"{crc16_ccitt_false(vector[:-4].encode()):04X}" == vector[-4:]
    built = build_payload("970403", "0011012345678")
    assert built[:-4].replace("01130011012345678", "01120011012345678") == STATIC[:-4]
    assert built == built[:-4] + f"{crc16_ccitt_false(built[:-4].encode()):04X}"
    with pytest.raises(KioskError) as err:
        parse_payload(STATIC)
    assert err.value.code == "vietqr.malformed"


def test_parse_returns_nested_fields() -> None:
    """Parsing gives the fields with the merchant account and purpose nested."""
    fields = parse_payload(DYNAMIC)
    assert fields["54"] == "180000" and fields["58"] == "VN" and fields["63"] == "2E2E"
    assert fields["38"] == {
        "00": "A000000727",
        "01": {"00": "970403", "01": "0011012345678"},
        "02": "QRIBFTTA",
    }
    assert fields["62"] == {"01": "NPS6869", "08": "thanh toan don hang"}


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"bin": "97040", "account": "1"}, "vietqr.bad_bin"),
        ({"bin": "970403", "account": "12345678901234567890"}, "vietqr.bad_account"),
        ({"bin": "970403", "account": "1", "amount": 0}, "vietqr.bad_amount"),
        ({"bin": "970403", "account": "1", "purpose": "x" * 26}, "vietqr.bad_purpose"),
        ({"bin": "970403", "account": "1", "purpose": "Đóng BHYT"}, "vietqr.bad_purpose"),
        ({"bin": "970403", "account": "1", "purpose": "tab\there"}, "vietqr.bad_purpose"),
        ({"bin": "970403", "account": "1", "amount": 10**13}, "vietqr.bad_amount"),
        ({"bin": "970403", "account": "1", "amount": True}, "vietqr.bad_amount"),
        ({"bin": "970403", "account": "1", "amount": "1000"}, "vietqr.bad_amount"),
        ({"bin": "９７０４０３", "account": "1"}, "vietqr.bad_bin"),
        ({"bin": "970403", "account": "12-34"}, "vietqr.bad_account"),
    ],
)
def test_bad_input_is_refused(kwargs: dict[str, object], code: str) -> None:
    """Bad BIN, account, amount and purpose each give their own code."""
    with pytest.raises(KioskError) as err:
        build_payload(**kwargs)  # type: ignore[arg-type]
    assert err.value.code == code and err.value.vi


def test_limits_are_inclusive() -> None:
    """A 25-character printable-ASCII purpose, a 19-character account and a 13-digit amount
    are all accepted (PURPOSE_MAX, ACCOUNT_MAX, AMOUNT_MAX_DIGITS are the limits)."""
    purpose = "Dong BHYT: K01/#12 (x3)!"
    payload = build_payload("970436", "1" * ACCOUNT_MAX, 10**AMOUNT_MAX_DIGITS - 1, purpose + "?")
    fields = parse_payload(payload)
    assert len(purpose + "?") == PURPOSE_MAX and fields["62"] == {"08": purpose + "?"}
    assert fields["54"] == "9" * 13 and fields["01"] == "12"


def test_truncated_or_reordered_payloads_are_malformed() -> None:
    """A field longer than what follows, or a payload not starting with 000201, is malformed
    even when its CRC was recomputed to match."""
    body = "000201010212380" + "6304"
    truncated = body + f"{crc16_ccitt_false(body.encode()):04X}"
    reordered_body = "010212000201" + "6304"
    reordered = reordered_body + f"{crc16_ccitt_false(reordered_body.encode()):04X}"
    for text in (truncated, reordered, "6304", DYNAMIC[:40]):
        with pytest.raises(KioskError) as err:
            parse_payload(text)
        assert err.value.code == "vietqr.malformed", text


def test_bad_crc_is_refused() -> None:
    """One changed digit of the amount breaks the CRC."""
    with pytest.raises(KioskError) as err:
        parse_payload(DYNAMIC.replace("180000", "180001"))
    assert err.value.code == "vietqr.bad_crc" and "2E2E" in err.value.en


@pytest.mark.parametrize(
    "payload",
    [
        build_payload("970405", "1234567890123", 2_322_540, "BHXH K01 ABCDEFGHIJ"),
        build_payload("970436", "0011001234567"),
        CARD,
    ],
)
def test_payload_decodes_from_a_rendered_qr_image(payload: str) -> None:
    """A payload rendered by the qrcode library is read back by zxing-cpp unchanged."""
    image = qrcode.make(payload, box_size=6, border=4).get_image().convert("L")
    decoded = zxingcpp.read_barcodes(image)
    assert [d.text for d in decoded] == [payload]
    assert parse_payload(decoded[0].text)["63"] == payload[-4:]


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_parser_only_raises_its_own_errors(text: str) -> None:
    """Arbitrary text gives vietqr.* errors with a message, never a crash."""
    try:
        parse_payload(text)
    except KioskError as err:
        assert err.code.startswith("vietqr.") and err.en
