"""How receipt and queue-ticket numbers are written: one format on every screen and paper."""

from __future__ import annotations


def receipt_number(series: str, number: int) -> str:
    """The kiosk's own running number of a receipt, e.g. "K01-000012" (series, gapless)."""
    return f"{series}-{number:06d}"


def book_number(number: int) -> str:
    """The number within a C45-BB receipt series as printed after "Số:", e.g. "0000042".

    Seven digits as on receipts printed from a numbered series (the width is UNVERIFIED
    against Circular 107/2017/TT-BTC, which fixes the fields, not the width)."""
    return f"{number:07d}"


def receipt_label(
    series: str, number: int, symbol: str = "", number_in_book: int | None = None
) -> str:
    """The receipt number people read, type and find in VSS's lists.

    A receipt of a scheme's series (form C45-BB): "<series symbol>-<number>", e.g.
    "YT-K01-0000042"; a receipt issued before receipts were per scheme keeps its old
    "K01-000012"."""
    if symbol and number_in_book is not None:
        return f"{symbol}-{book_number(number_in_book)}"
    return receipt_number(series, number)


def ticket_number(queue_number: int | None) -> str:
    """A self-registration's queue number as printed and called out, e.g. "A002"."""
    return f"A{queue_number or 0:03d}"
