"""The one table of labels: every enumeration value people see has a label in both languages."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kiosk.domain import labels
from kiosk.domain.enums import (
    ActivityKind,
    DocumentKind,
    EnrollmentStatus,
    PaymentMethod,
    PaymentStatus,
    PrinterRole,
    PrintStatus,
    Role,
    Scheme,
    SupportGroup,
)
from kiosk.domain.localtime import UTC, format_local, local_date, local_day_bounds, to_local
from kiosk.domain.numbers import receipt_number, ticket_number

SHOWN = (
    ActivityKind,
    DocumentKind,
    EnrollmentStatus,
    PaymentMethod,
    PaymentStatus,
    PrinterRole,
    PrintStatus,
    Role,
    Scheme,
    SupportGroup,
)


@pytest.mark.parametrize("enum", SHOWN)
def test_every_value_has_both_languages(enum: type) -> None:
    """No value of a shown enumeration lacks a Vietnamese or an English label."""
    for value in enum:
        vi, en = labels.label(value, "vi"), labels.label(value, "en")
        assert vi and en and vi != value.value


def test_labels_are_the_ones_printed() -> None:
    """The card method reads "Thẻ ngân hàng" in every place (screen, slip, export)."""
    assert labels.label(PaymentMethod.CARD) == "Thẻ ngân hàng"
    assert labels.label(PaymentMethod.CARD, "en") == "Bank card"
    assert labels.payment_mode(1) == "Hằng tháng"
    assert labels.payment_mode(6, "en") == "6 months"


def test_numbers_have_one_format() -> None:
    """Receipts "K01-000012" and tickets "A002" are written one way everywhere."""
    assert receipt_number("K01", 12) == "K01-000012"
    assert ticket_number(2) == "A002"
    assert ticket_number(None) == "A000"


def test_vietnam_time_is_utc_plus_seven() -> None:
    """17:30 UTC is 00:30 the next day in Vietnam; a local day starts at 17:00 UTC the day before."""
    moment = datetime(2026, 12, 2, 17, 30, tzinfo=UTC)
    assert to_local(moment).hour == 0
    assert local_date(moment) == date(2026, 12, 3)
    assert format_local(moment) == "03/12/2026 00:30"
    assert format_local(None) == ""
    start, end = local_day_bounds(date(2026, 12, 3))
    assert start == datetime(2026, 12, 2, 17, 0, tzinfo=UTC)
    assert (end - start).days == 1
    naive = datetime(2026, 12, 2, 17, 30)  # SQLite reads: taken as UTC
    assert local_date(naive) == date(2026, 12, 3)
