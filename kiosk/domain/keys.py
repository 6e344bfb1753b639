"""The kiosk's Ed25519 signing key, the office's X25519 bundle key, and public key texts."""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from kiosk.errors import KioskError
from kiosk.private_files import Writer, save_private, write_all

log = logging.getLogger(__name__)

PRIVATE_FILE = "kiosk_ed25519.pem"
OFFICE_FILE = "office_x25519.pem"
_Key = TypeVar("_Key", Ed25519PrivateKey, X25519PrivateKey)


def load_or_create_private_key(keys_dir: Path, writer: Writer = write_all) -> Ed25519PrivateKey:
    """The kiosk's private key, created on first use (atomic, fsynced, owner-only)."""
    key = _load_or_create(keys_dir / PRIVATE_FILE, Ed25519PrivateKey.generate, writer)
    assert isinstance(key, Ed25519PrivateKey)
    return key


def load_or_create_office_key(keys_dir: Path, writer: Writer = write_all) -> X25519PrivateKey:
    """The office's bundle decryption key, created on first use (atomic, fsynced, owner-only)."""
    key = _load_or_create(keys_dir / OFFICE_FILE, X25519PrivateKey.generate, writer)
    assert isinstance(key, X25519PrivateKey)
    return key


def load_office_key(keys_dir: Path) -> X25519PrivateKey:
    """The office's existing bundle key; a clear error when this machine has none."""
    path = keys_dir / OFFICE_FILE
    if not path.exists() or path.stat().st_size == 0:
        raise KioskError(
            "keys.no_office_key",
            vi=f"Máy này chưa có khóa văn phòng ({path}). Chạy “python -m kiosk office-key” "
            "trên máy của văn phòng, rồi ghi khóa công khai vào cấu hình các ki-ốt.",
            en=f"This machine has no office key ({path}). Run “python -m kiosk office-key” on "
            "the office machine, then put its public key in the kiosks' configuration.",
        )
    return load_or_create_office_key(keys_dir)


def _load_or_create(path: Path, generate: Callable[[], _Key], writer: Writer) -> _Key:
    # An empty file is what a failed first write (disk full, power cut) left before writes were
    # atomic: that key never existed, so nothing was signed with it and a new one is safe.
    if path.exists() and path.stat().st_size > 0:
        return _read(path, type(generate()))
    if path.exists():
        log.warning("key file %s is empty (an interrupted first write): making a new key", path)
    path.parent.mkdir(parents=True, exist_ok=True)
    key = generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    save_private(path, pem, ("tệp khóa", "key file"), writer)
    return key


def _read(path: Path, kind: type[_Key]) -> _Key:
    """The key stored at `path`; a damaged file or another kind of key is a clear error."""
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError):
        raise KioskError(
            "keys.unreadable",
            vi=f"Tệp khóa {path} bị hỏng. Khôi phục tệp từ bản sao lưu; nếu không có, đổi tên "
            "tệp hỏng để ki-ốt tạo khóa mới, rồi báo văn phòng đăng ký lại khóa công khai mới.",
            en=f"The key file {path} is damaged. Restore it from a backup; if there is none, "
            "rename the damaged file so that a new key is made, then have the office trust the "
            "new public key.",
            path=str(path),
        ) from None
    if not isinstance(key, kind):
        raise KioskError(
            "keys.wrong_type",
            vi=f"Tệp {path} không phải loại khóa cần dùng.",
            en=f"{path} is not the expected kind of key.",
        )
    return key


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The raw public key in base64 (what other kiosks store to verify this one)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def office_public_text(key: X25519PrivateKey | X25519PublicKey) -> str:
    """The office's raw X25519 public key in base64 (what kiosks put in their configuration)."""
    public = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """Read a base64 raw Ed25519 public key; a malformed one is a KioskError."""
    return Ed25519PublicKey.from_public_bytes(_raw32(text))


def office_public_from_text(text: str) -> X25519PublicKey:
    """Read a base64 raw X25519 public key (the office's); a malformed one is a KioskError."""
    return X25519PublicKey.from_public_bytes(_raw32(text))


def _raw32(text: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise KioskError(
            "keys.bad_public_key",
            vi="Khóa công khai không hợp lệ (cần 32 byte viết dạng base64, 44 ký tự).",
            en="The public key is not valid (32 bytes in base64, 44 characters, expected).",
        )
    return raw
