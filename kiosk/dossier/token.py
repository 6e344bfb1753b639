"""The agent's key on a USB token, through its PKCS#11 module (python-pkcs11).

Agents usually hold their certificate on a token. The token signs; the key never leaves it.
Tested against SoftHSM 2 (Debian package softhsm2), a software token with the same PKCS#11
interface; real tokens' modules (e.g. a vendor's libxxx.so) are UNVERIFIED on this kiosk.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pkcs11
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pkcs11 import Attribute, KeyType, Mechanism, ObjectClass
from pkcs11 import exceptions as p11

from kiosk.dossier.signing import XmlSigner
from kiosk.errors import KioskError


@dataclass(frozen=True)
class TokenKey:
    """Signs like cryptography's RSA key, but on the token (PKCS#1 v1.5 with SHA-256 only)."""

    key: Any  # pkcs11.PrivateKey

    def sign(self, data: bytes, padding: Any, algorithm: Any) -> bytes:
        if not isinstance(padding, PKCS1v15) or not isinstance(algorithm, hashes.SHA256):
            raise ValueError("the dossier's profile signs with RSA PKCS#1 v1.5 and SHA-256 only")
        signature: bytes = self.key.sign(data, mechanism=Mechanism.SHA256_RSA_PKCS)
        return signature


@contextmanager
def token_signer(module: Path, pin: str, token_label: str | None = None) -> Iterator[XmlSigner]:
    """The token's RSA key and its certificate, usable while the block runs (the session is
    logged in with `pin` and closed after)."""
    try:
        lib = pkcs11.lib(str(module))
        token = lib.get_token(token_label=token_label) if token_label else _only_token(lib)
        with token.open(user_pin=pin) as session:
            key = session.get_key(ObjectClass.PRIVATE_KEY, KeyType.RSA)
            certs = list(session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}))
            if len(certs) != 1:
                raise _error("cert", "cần đúng một chứng thư số", "exactly one certificate needed")
            certificate = x509.load_der_x509_certificate(certs[0][Attribute.VALUE])
            yield XmlSigner(TokenKey(key), certificate)
    except p11.PinIncorrect:
        raise _error("pin", "sai mã PIN", "wrong PIN") from None
    except (p11.NoSuchToken, p11.NoSuchKey, p11.MultipleObjectsReturned):
        raise _error(
            "key", "không thấy token hoặc khóa ký", "no token or signing key found"
        ) from None
    except (RuntimeError, OSError, p11.PKCS11Error) as err:
        raise _error(
            "module",
            f"không dùng được thư viện PKCS#11 ({err})",
            f"PKCS#11 module unusable ({err})",
        ) from None


def _only_token(lib: Any) -> Any:
    tokens = list(lib.get_tokens())
    if len(tokens) != 1:
        raise p11.NoSuchToken()
    return tokens[0]


def _error(code: str, vi: str, en: str) -> KioskError:
    return KioskError(
        f"dossier.token_{code}",
        vi=f"Token chữ ký số: {vi}.",
        en=f"Signing token: {en}.",
    )
