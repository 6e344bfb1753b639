"""Transfer references: unique, ASCII, always fit the VietQR purpose, survive bank noise."""

from __future__ import annotations

import uuid

from kiosk.payments.reference import compact, transfer_reference
from kiosk.payments.vietqr import PURPOSE_MAX, build_payload, parse_payload


def test_reference_shape() -> None:
    """Prefix, kiosk and 10 base32 characters of the payment id, space separated."""
    pid = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert transfer_reference("BHXH", "K01", pid) == "BHXH K01 CI2FM6ASGR"


def test_long_prefix_and_kiosk_still_fit_the_purpose_field() -> None:
    """The longest configured prefix (10) and kiosk id still give <= 25 characters, keep the
    unique code whole, and build a valid dynamic VietQR."""
    pid = uuid.uuid4()
    ref = transfer_reference("ABCDEFGHIJ", "KIOSK-12", pid)
    assert len(ref) == PURPOSE_MAX and ref.endswith(transfer_reference("", "", pid))
    payload = build_payload("970405", "1234567890123", 1_366_200, ref)
    assert parse_payload(payload)["62"] == {"08": ref}


def test_references_are_unique_and_survive_bank_noise() -> None:
    """10,000 payment ids give 10,000 references; lower case and stripped spaces compact back."""
    refs = {transfer_reference("BHXH", "K01", uuid.uuid4()) for _ in range(10_000)}
    assert len(refs) == 10_000
    ref = next(iter(refs))
    noisy = f"MBVCB.123.{ref.lower().replace(' ', '')}.CT tu 0123"
    assert compact(ref) in compact(noisy)
