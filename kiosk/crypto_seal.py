"""Sealing bytes to a recipient's X25519 public key (ephemeral ECDH, HKDF-SHA256, ChaCha20-Poly1305).

The construction is the one of HPKE's base mode (RFC 9180) reduced to one fixed suite: a fresh
ephemeral key pair per message, a key derived from the shared secret bound to both public keys
and to a context label, and an AEAD whose associated data is the whole clear header. Only the
holder of the recipient's private key can open a sealed message; any change to header or body
fails authentication. The sender is NOT authenticated by this layer (bundles carry an Ed25519
signature inside for that).
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

_KEY_LEN = 32
_NONCE_LEN = 12


class SealError(Exception):
    """The sealed message is not for this key, is truncated or was changed."""


def seal(plaintext: bytes, recipient: X25519PublicKey, label: bytes) -> bytes:
    """`ephemeral public (32) | nonce (12) | ciphertext+tag`; `label` names the purpose/format."""
    ephemeral = X25519PrivateKey.generate()
    eph_raw = _raw(ephemeral.public_key())
    key = _derive(ephemeral.exchange(recipient), eph_raw, _raw(recipient), label)
    nonce = os.urandom(_NONCE_LEN)
    header = eph_raw + nonce
    return header + ChaCha20Poly1305(key).encrypt(nonce, plaintext, label + header)


def open_sealed(sealed: bytes, recipient: X25519PrivateKey, label: bytes) -> bytes:
    """The plaintext of a message sealed to `recipient` under `label`, or SealError."""
    if len(sealed) < _KEY_LEN + _NONCE_LEN + 16:
        raise SealError("too short")
    eph_raw, nonce = sealed[:_KEY_LEN], sealed[_KEY_LEN : _KEY_LEN + _NONCE_LEN]
    try:
        shared = recipient.exchange(X25519PublicKey.from_public_bytes(eph_raw))
    except ValueError:  # a low-order point gives an all-zero secret: refused by cryptography
        raise SealError("bad ephemeral key") from None
    key = _derive(shared, eph_raw, _raw(recipient.public_key()), label)
    header = sealed[: _KEY_LEN + _NONCE_LEN]
    try:
        return ChaCha20Poly1305(key).decrypt(nonce, sealed[len(header) :], label + header)
    except InvalidTag:
        raise SealError("not for this key, or changed") from None


def _derive(shared: bytes, eph_raw: bytes, recipient_raw: bytes, label: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=_KEY_LEN,
        salt=eph_raw + recipient_raw,
        info=b"bhxh-kiosk seal v1|" + label,
    ).derive(shared)


def _raw(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)
