"""The kiosk's Ed25519 signing key (provisional documents, export bundles) and trusted keys."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from kiosk.errors import KioskError

PRIVATE_FILE = "kiosk_ed25519.pem"


def load_or_create_private_key(keys_dir: Path) -> Ed25519PrivateKey:
    """The kiosk's private key, created on first use with owner-only permissions."""
    path = keys_dir / PRIVATE_FILE
    if path.exists():
        try:
            key = load_pem_private_key(path.read_bytes(), password=None)
        except ValueError:
            raise KioskError(
                "keys.unreadable",
                vi=f"Tệp khóa {path} bị hỏng.",
                en=f"The key file {path} is damaged.",
            ) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise KioskError(
                "keys.wrong_type",
                vi=f"Tệp {path} không phải khóa Ed25519.",
                en=f"{path} is not an Ed25519 key.",
            )
        return key
    keys_dir.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The raw public key in base64 (what other kiosks store to verify this one)."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    """Read a base64 raw public key; a malformed one is a KioskError."""
    try:
        return Ed25519PublicKey.from_public_bytes(base64.b64decode(text.strip(), validate=True))
    except ValueError:
        raise KioskError(
            "keys.bad_public_key",
            vi="Khóa công khai không hợp lệ.",
            en="The public key is not valid.",
        ) from None
