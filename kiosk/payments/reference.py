"""Unique bank-transfer references: short, ASCII, findable in a noisy bank statement."""

from __future__ import annotations

import base64
import re
import uuid

from kiosk.payments.vietqr import PURPOSE_MAX

_NOISE = re.compile(r"[^A-Z0-9]")
CODE_LENGTH = 10  # base32 characters of the payment id: 50 bits, the part that makes it unique


def transfer_reference(prefix: str, kiosk_id: str, payment_id: uuid.UUID) -> str:
    """e.g. "BHXH K01 7KQ2M3XZPA": prefix, kiosk and 10 base32 characters of the payment id.

    Always fits the VietQR purpose field (25 characters): spaces go first, then the prefix is
    shortened, because only the code is needed to match (the rest helps people read it)."""
    code = base64.b32encode(payment_id.bytes).decode("ascii")[:CODE_LENGTH]
    kiosk = _NOISE.sub("", kiosk_id.upper())[:6]
    head = _NOISE.sub("", prefix.upper())
    text = " ".join(p for p in (head, kiosk, code) if p)
    if len(text) > PURPOSE_MAX:
        head = head[: PURPOSE_MAX - len(kiosk) - len(code)]
        text = head + kiosk + code
    return text


def compact(text: str) -> str:
    """Upper case without spaces or punctuation (banks add and strip both)."""
    return _NOISE.sub("", text.upper())
