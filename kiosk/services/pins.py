"""Staff PINs: Argon2id hashes only (a slow KDF); the PIN itself is never stored or logged."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

# Argon2id with 64 MiB and 2 passes: about 50-100 ms on a kiosk laptop, costly to brute-force
# a 4-6 digit PIN offline, cheap enough for a login.
_HASHER = PasswordHasher(time_cost=2, memory_cost=64 * 1024, parallelism=1)


def hash_pin(pin: str) -> str:
    """The Argon2id hash to store for `pin`."""
    return _HASHER.hash(pin)


def check_pin(stored_hash: str, pin: str) -> bool:
    """Whether `pin` matches the stored hash (False for a damaged hash, never an exception)."""
    try:
        return _HASHER.verify(stored_hash, pin)
    except (VerificationError, InvalidHashError):
        return False
