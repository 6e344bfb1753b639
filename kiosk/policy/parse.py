"""Checks for the values of the policy file: each failure names the file and the key."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from kiosk.errors import KioskError


def bad(path: Path, key: str, problem: str) -> KioskError:
    """The error for a wrong policy file (the kiosk refuses to quote rather than guess)."""
    return KioskError(
        "policy.bad_file",
        vi=f"Tệp chính sách {path.name} sai ở “{key}”: {problem}.",
        en=f"Policy file {path.name} is wrong at {key!r}: {problem}.",
        key=key,
    )


def rows(path: Path, raw: dict[str, Any], key: str, required: bool = True) -> list[dict[str, Any]]:
    """The [[key]] rows (at least one when `required`)."""
    found = raw.get(key, None if required else [])
    if not isinstance(found, list) or not all(isinstance(r, dict) for r in found):
        raise bad(path, key, "needs [[row]] tables")
    if required and not found:
        raise bad(path, key, "needs at least one [[row]]")
    return found


def start(path: Path, key: str, row: dict[str, Any]) -> date:
    value = row.get("from")
    if not isinstance(value, date):
        raise bad(path, f"{key}.from", "must be a date like 2026-07-01")
    return value


def source(path: Path, key: str, row: dict[str, Any]) -> str:
    value = row.get("source")
    if not isinstance(value, str) or not value.strip():
        raise bad(path, f"{key}.source", "every value needs its legal source")
    return value


def verified(path: Path, key: str, row: dict[str, Any]) -> tuple[bool, str]:
    """(verified, note): an UNVERIFIED row (verified = false) must say why in `note`."""
    flag = row.get("verified", True)
    note = row.get("note", "")
    if not isinstance(flag, bool) or not isinstance(note, str):
        raise bad(path, f"{key}.verified", "must be true or false, with a text note")
    if not flag and not note.strip():
        raise bad(path, f"{key}.note", "an UNVERIFIED row must say what was not confirmed")
    return flag, note


def vnd(path: Path, key: str, value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise bad(path, key, "must be a positive whole number of đồng")
    return value


def whole(path: Path, key: str, value: Any, minimum: int = 1) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise bad(path, key, f"must be a whole number of at least {minimum}")
    return value


def percent(path: Path, key: str, value: Any) -> Decimal:
    try:
        number = Decimal(str(value)) if isinstance(value, str) else None
    except InvalidOperation:
        number = None
    if number is None or not Decimal(0) <= number <= Decimal(100):
        raise bad(path, key, 'must be a percentage string between "0" and "100"')
    return number / 100


def months(path: Path, key: str, value: Any) -> tuple[int, ...]:
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(m, int) and not isinstance(m, bool) and 0 < m <= 120 for m in value)
    ):
        raise bad(path, key, "must be a list of month counts")
    return tuple(value)


def age(path: Path, key: str, value: Any) -> int:
    """An age written [years, months], as a number of months."""
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
        or value[1] > 11
    ):
        raise bad(path, key, "must be [years, months], e.g. [60, 3]")
    return int(value[0]) * 12 + int(value[1])


def windows(path: Path, key: str, value: Any) -> dict[int, int]:
    """{"6" = 4, ...}: an N-month mode must be paid in the period's first W months."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise bad(path, key, 'must be a table like { "6" = 4, "12" = 7 }')
    table: dict[int, int] = {}
    for mode, window in value.items():
        if not str(mode).isdigit():
            raise bad(path, key, "keys are the months of a payment mode")
        table[int(mode)] = whole(path, f"{key}.{mode}", window)
        if table[int(mode)] > int(mode):
            raise bad(path, key, "a window cannot be longer than its period")
    return table
