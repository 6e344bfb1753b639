"""Tests for kiosk-signed provisional-card QR payloads."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.domain.keys import public_key_from_text, public_key_text
from kiosk.domain.provisional import sign_provisional, verify_provisional
from kiosk.errors import KioskError

FIELDS = {"n": "Nguyễn Thị Huyền", "b": "14/03/1985", "c": "HN4010123456789", "a": "Đắk Lắk"}


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def test_round_trip_returns_the_fields(key: Ed25519PrivateKey) -> None:
    """A payload signed by a kiosk verifies with its public key and gives back the exact fields."""
    payload = sign_provisional(FIELDS, key, "K01")
    assert payload.startswith("BHXHK1|") and payload.endswith("|K01")
    public = public_key_from_text(public_key_text(key))
    assert verify_provisional(payload, {"K01": public}) == FIELDS


def test_payload_is_short_enough_for_a_card_qr(key: Ed25519PrivateKey) -> None:
    """A typical card payload stays well under 300 characters (a small QR version)."""
    assert len(sign_provisional(FIELDS, key, "K01")) < 300


def test_tampered_body_fails(key: Ed25519PrivateKey) -> None:
    """Changing one character of the signed JSON makes the signature fail."""
    payload = sign_provisional(FIELDS, key, "K01")
    prefix, body, sig, kid = payload.split("|")
    body = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1]
    with pytest.raises(KioskError) as err:
        verify_provisional("|".join((prefix, body, sig, kid)), {"K01": key.public_key()})
    assert err.value.code == "provisional.bad_signature"


def test_other_kiosk_key_fails(key: Ed25519PrivateKey) -> None:
    """Relabelling a payload with another kiosk id does not verify with that kiosk's key."""
    other = Ed25519PrivateKey.generate()
    payload = sign_provisional(FIELDS, key, "K01").rsplit("|", 1)[0] + "|K02"
    with pytest.raises(KioskError) as err:
        verify_provisional(payload, {"K01": key.public_key(), "K02": other.public_key()})
    assert err.value.code == "provisional.bad_signature"


def test_unknown_kiosk(key: Ed25519PrivateKey) -> None:
    """A payload from a kiosk whose key we do not hold is reported as unknown, not genuine."""
    payload = sign_provisional(FIELDS, key, "K09")
    with pytest.raises(KioskError) as err:
        verify_provisional(payload, {"K01": key.public_key()})
    assert err.value.code == "provisional.unknown_kiosk"


@pytest.mark.parametrize(
    "text",
    ["", "hello", "BHXHK1|a|b", "BHXHK2|YQ|YQ|K01", "BHXHK1|a=b|YQ|K01", "BHXHK1|YQ|YQ|bad id"],
)
def test_malformed(text: str, key: Ed25519PrivateKey) -> None:
    """Anything not shaped like a kiosk payload is malformed (not a signature failure)."""
    with pytest.raises(KioskError) as err:
        verify_provisional(text, {"K01": key.public_key()})
    assert err.value.code == "provisional.malformed"
