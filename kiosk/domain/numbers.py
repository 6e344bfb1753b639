"""How receipt and queue-ticket numbers are written: one format on every screen and paper."""

from __future__ import annotations


def receipt_number(series: str, number: int) -> str:
    """The receipt number people read and type, e.g. "K01-000012" (series, gapless number)."""
    return f"{series}-{number:06d}"


def ticket_number(queue_number: int | None) -> str:
    """A self-registration's queue number as printed and called out, e.g. "A002"."""
    return f"A{queue_number or 0:03d}"
