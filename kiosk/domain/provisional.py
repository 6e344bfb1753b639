"""Kiosk-signed QR payloads of the provisional document (a payment and registration
confirmation, never a card) with Ed25519: sign here, verify on any kiosk."""

from __future__ import annotations

import base64
import binascii
import json
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.domain.text import nfc
from kiosk.errors import KioskError

PREFIX = "BHXHK1"
CONFIRMATION = "XN-BHYT"  # field "t" of a payment and registration confirmation (not a card)
_KIOSK_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")


def sign_provisional(fields: dict[str, str], key: Ed25519PrivateKey, kiosk_id: str) -> str:
    """The QR text "BHXHK1|<b64url JSON>|<b64url signature>|<kiosk_id>" for these fields.

    The signature covers the prefix, the JSON and the kiosk id, so none can be swapped. JSON is
    compact and UTF-8 (not \\u escapes) to keep the QR small enough for a card.
    """
    if not _KIOSK_ID.match(kiosk_id):
        raise ValueError(f"kiosk id {kiosk_id!r} must be 1-32 letters, digits, - or _")
    clean = {nfc(str(k)): nfc(str(v)) for k, v in fields.items()}
    raw = json.dumps(clean, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    body = _b64(raw.encode("utf-8"))
    signature = key.sign(_signed_bytes(body, kiosk_id))
    return f"{PREFIX}|{body}|{_b64(signature)}|{kiosk_id}"


def verify_provisional(payload: str, public_keys: dict[str, Ed25519PublicKey]) -> dict[str, str]:
    """The signed fields of a genuine payload; otherwise a KioskError saying why not."""
    parts = payload.strip().split("|")
    if len(parts) != 4 or parts[0] != PREFIX or not _KIOSK_ID.match(parts[3]):
        raise _malformed()
    _, body, signature_text, kiosk_id = parts
    body_bytes = _unb64(body)
    signature = _unb64(signature_text)
    public = public_keys.get(kiosk_id)
    if public is None:
        raise KioskError(
            "provisional.unknown_kiosk",
            vi=f"Không có khóa công khai của ki-ốt {kiosk_id}: không thể xác minh giấy tờ.",
            en=f"No public key for kiosk {kiosk_id}: the document cannot be verified.",
            kiosk_id=kiosk_id,
        )
    try:
        public.verify(signature, _signed_bytes(body, kiosk_id))
    except InvalidSignature:
        raise KioskError(
            "provisional.bad_signature",
            vi="Chữ ký không khớp: giấy tờ này không phải do ki-ốt cấp hoặc đã bị sửa.",
            en="The signature does not match: this document was not issued by the kiosk or was altered.",
            kiosk_id=kiosk_id,
        ) from None
    try:
        data = json.loads(body_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _malformed() from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise _malformed()
    return data


def _signed_bytes(body: str, kiosk_id: str) -> bytes:
    return f"{PREFIX}|{body}|{kiosk_id}".encode("ascii")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    # urlsafe_b64decode ignores stray characters; a strict check keeps "malformed" honest.
    if not text or not re.fullmatch(r"[A-Za-z0-9_-]+", text):
        raise _malformed()
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise _malformed() from None


def _malformed() -> KioskError:
    return KioskError(
        "provisional.malformed",
        vi="Mã QR không phải giấy tờ tạm thời của ki-ốt (sai định dạng).",
        en="This QR code is not a kiosk provisional document (wrong format).",
    )
