"""Calendar rules: health cover start and end, month arithmetic, the fiscal year."""

from __future__ import annotations

from datetime import date, timedelta


def household_coverage_start(paid_on: date, previous_expiry: date | None) -> date:
    """When a household card starts (Law on Health Insurance Art 16(3)).

    Continuous renewal (paid before the old card expired): the day after the previous expiry.
    A lapse shorter than 3 months: the day of payment. First time, or a lapse of 3 months or
    more: 30 days after payment.
    """
    if previous_expiry is not None:
        if previous_expiry >= paid_on - timedelta(days=1):
            return previous_expiry + timedelta(days=1)
        if add_months(previous_expiry, 3) > paid_on:
            return paid_on
    return paid_on + timedelta(days=30)


def coverage_end(start: date, months: int) -> date:
    """The last covered day of a period of `months` months starting on `start`."""
    return add_months(start, months) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` months later (clamped to the month's last day)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for candidate in (day.day, 31, 30, 29, 28):
        if candidate <= day.day:
            try:
                return date(year, month, candidate)
            except ValueError:
                continue
    raise AssertionError("unreachable")


def fiscal_year(day: date) -> int:
    """The fiscal year of a payment day: the calendar year (Luật Ngân sách nhà nước
    83/2015/QH13 Điều 14). The household ladder runs over one fiscal year (Decree 146/2018
    Art 7(1)(e), kept by Decree 188/2025)."""
    return day.year
