"""Bundle files: the sealed, signed envelope, and stored rows as JSON values and back.

File layout (format 2): MAGIC (8 bytes, the last one the version) followed by a message sealed to
the office's X25519 key (kiosk.crypto_seal, label = MAGIC). Inside, zlib-compressed JSON
{"kiosk_id", "payload", "signature", "public_key"}: `payload` is the JSON text the kiosk's
Ed25519 key signed. Format 1 (clear JSON) and unknown versions are refused.
"""

from __future__ import annotations

import base64
import json
import uuid
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from sqlalchemy import Column, Date, Table, Uuid
from sqlalchemy import Enum as SAEnum

from kiosk.crypto_seal import SealError, open_sealed, seal
from kiosk.domain.keys import public_key_text
from kiosk.errors import KioskError
from kiosk.store.types import UtcDateTime

VERSION = 2
FORMAT = f"bhxh-kiosk-bundle/{VERSION}"
MAGIC = b"BHXHKB\x00" + bytes([VERSION])
MAX_FILE_BYTES = 64 * 1024 * 1024  # a whole event of one kiosk is a few MB compressed
MAX_PLAIN_BYTES = 512 * 1024 * 1024  # decompression bombs stop here
# Staff rows travel as a name only: never a role, PIN hash or lock state.
STAFF_COLUMNS = ("id", "name")


@dataclass(frozen=True)
class Opened:
    """A decrypted bundle before its signature is checked against the pinned key."""

    kiosk_id: str
    payload_text: str
    signature: bytes
    public_key: str


def seal_bundle(
    payload_text: str, kiosk_id: str, key: Ed25519PrivateKey, office: X25519PublicKey
) -> bytes:
    """Sign the payload with the kiosk's key and seal everything to the office's key."""
    inner = {
        "kiosk_id": kiosk_id,
        "payload": payload_text,
        "signature": base64.b64encode(key.sign(payload_text.encode("utf-8"))).decode("ascii"),
        "public_key": public_key_text(key),
    }
    packed = zlib.compress(json.dumps(inner, ensure_ascii=False).encode("utf-8"), 6)
    return MAGIC + seal(packed, office, MAGIC)


def open_bundle(data: bytes, office: X25519PrivateKey) -> Opened:
    """Decrypt with the office's key; refuses old formats, foreign recipients and damage."""
    if len(data) > MAX_FILE_BYTES:
        raise KioskError(
            "bundle.too_large",
            vi=f"Gói dữ liệu lớn hơn {MAX_FILE_BYTES // 1024 // 1024} MB: không nhập.",
            en=f"The bundle is larger than {MAX_FILE_BYTES // 1024 // 1024} MB: not imported.",
        )
    if data[:1] == b"{" or (data[:7] == MAGIC[:7] and data[7:8] < MAGIC[7:8]):
        # Format 1 was clear JSON: taking it would undo the encryption (a downgrade).
        raise KioskError(
            "bundle.old_format",
            vi="Gói dữ liệu theo định dạng cũ (không mã hóa): không nhận. Cập nhật phần mềm "
            "ki-ốt rồi xuất lại gói.",
            en="The bundle is in an old, unencrypted format: refused. Update the kiosk "
            "software and export again.",
        )
    if data[:8] != MAGIC:
        raise bundle_error(f"not a kiosk bundle of format {VERSION}")
    try:
        packed = open_sealed(data[len(MAGIC) :], office, MAGIC)
    except SealError:
        raise KioskError(
            "bundle.not_for_this_office",
            vi="Không giải mã được gói dữ liệu: gói không được mã hóa cho khóa của văn phòng này, "
            "hoặc đã bị sửa. Không nhập gì.",
            en="The bundle cannot be decrypted: it was not encrypted to this office's key, or it "
            "was changed. Nothing imported.",
        ) from None
    inflater = zlib.decompressobj()
    try:
        text = inflater.decompress(packed, MAX_PLAIN_BYTES)
    except zlib.error:
        raise bundle_error("compressed data") from None
    if inflater.unconsumed_tail:
        raise bundle_error("larger than the limit once unpacked")
    try:
        inner = json.loads(text.decode("utf-8"))
        opened = Opened(
            kiosk_id=_text(inner["kiosk_id"]),
            payload_text=_text(inner["payload"]),
            signature=base64.b64decode(_text(inner["signature"]), validate=True),
            public_key=_text(inner["public_key"]),
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise bundle_error(f"envelope: {type(exc).__name__}") from None
    return opened


def verify_signature(opened: Opened, public: Ed25519PublicKey) -> None:
    """The payload was signed by `public` (the key the office pinned for that kiosk)."""
    try:
        public.verify(opened.signature, opened.payload_text.encode("utf-8"))
    except InvalidSignature:
        raise KioskError(
            "bundle.bad_signature",
            vi=f"Chữ ký của gói dữ liệu không khớp khóa đã đăng ký của ki-ốt {opened.kiosk_id}: "
            "gói bị sửa hoặc ký bằng khóa khác. Không nhập gì.",
            en=f"The bundle's signature does not match kiosk {opened.kiosk_id}'s registered key: "
            "it was changed or signed with another key. Nothing imported.",
            kiosk_id=opened.kiosk_id,
        ) from None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def to_json_value(value: Any) -> Any:
    """A JSON-safe form of a column value."""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def from_json_value(column: Column[Any], value: Any) -> Any:
    """The column's Python value from its JSON form; a malformed value is a bundle error."""
    if value is None:
        return None
    kind = column.type
    try:
        if isinstance(kind, Uuid):
            return uuid.UUID(str(value))
        if isinstance(kind, UtcDateTime):
            parsed = datetime.fromisoformat(str(value))
            if parsed.tzinfo is None:
                raise ValueError("naive time")
            return parsed
        if isinstance(kind, Date):
            return date.fromisoformat(str(value))
        if isinstance(kind, SAEnum) and kind.enum_class is not None:
            return kind.enum_class(value)
    except (ValueError, TypeError) as exc:
        raise bundle_error(f"{column.table.name}.{column.name}: {exc}") from None
    python_type = _python_type(column)
    if python_type is int and (not isinstance(value, int) or isinstance(value, bool)):
        raise bundle_error(f"{column.table.name}.{column.name}: not a whole number")
    if python_type is str and not isinstance(value, str):
        raise bundle_error(f"{column.table.name}.{column.name}: not text")
    return value


def exported_columns(table: Table) -> list[Column[Any]]:
    """The columns a bundle carries for `table` (staff: the name only)."""
    if table.name == "staff":
        return [table.c[name] for name in STAFF_COLUMNS]
    return list(table.columns)


def row_to_json(table: Table, row: Any) -> dict[str, Any]:
    """The exported columns of one row as a JSON object."""
    return {c.name: to_json_value(getattr(row, c.name)) for c in exported_columns(table)}


def row_from_json(table: Table, data: Any) -> dict[str, Any]:
    """Column values from a JSON object; unknown or missing columns are bundle errors."""
    if not isinstance(data, dict):
        raise bundle_error(f"{table.name}: a row is not an object")
    columns = exported_columns(table)
    unknown = set(data) - {c.name for c in columns}
    if unknown:
        raise bundle_error(f"{table.name}: unknown columns {sorted(unknown)}")
    values = {}
    for column in columns:
        if column.name not in data:
            raise bundle_error(f"{table.name}: missing column {column.name}")
        values[column.name] = from_json_value(column, data[column.name])
    return values


def _python_type(column: Column[Any]) -> type | None:
    try:
        return column.type.python_type
    except NotImplementedError:
        return None


def bundle_error(detail: str) -> KioskError:
    """The one error every malformed bundle gives (with the detail of what is wrong)."""
    return KioskError(
        "bundle.malformed",
        vi=f"Gói dữ liệu bị hỏng hoặc không đúng định dạng ({detail}).",
        en=f"The data bundle is damaged or not in the expected format ({detail}).",
        detail=detail,
    )
