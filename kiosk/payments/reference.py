"""Unique bank-transfer references: short, ASCII, findable in a noisy bank statement."""

from __future__ import annotations

import base64
import re
import uuid

_NOISE = re.compile(r"[^A-Z0-9]")


def transfer_reference(prefix: str, kiosk_id: str, payment_id: uuid.UUID) -> str:
    """e.g. "BHXH K01 7KQ2M3XZPA": prefix, kiosk and 10 base32 characters of the payment id."""
    code = base64.b32encode(payment_id.bytes).decode("ascii")[:10]
    kiosk = _NOISE.sub("", kiosk_id.upper())[:6]
    return " ".join(p for p in (prefix.upper(), kiosk, code) if p)


def compact(text: str) -> str:
    """Upper case without spaces or punctuation (banks add and strip both)."""
    return _NOISE.sub("", text.upper())
