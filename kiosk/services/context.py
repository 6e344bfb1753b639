"""What every service call needs to know about where it runs: kiosk, event, clock."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from kiosk.store.types import utcnow

VN_OFFSET_HOURS = 7  # Vietnam has one time zone, UTC+7, no daylight saving


@dataclass(frozen=True)
class KioskContext:
    """The kiosk identity and a clock (tests pass a fixed one)."""

    kiosk_id: str
    event_id: uuid.UUID | None
    receipt_series: str
    clock: Callable[[], datetime] = field(default=utcnow)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        """The local (Vietnam) date: payment dates and policy versions follow it."""
        from datetime import timedelta

        return (self.clock() + timedelta(hours=VN_OFFSET_HOURS)).date()
