"""What every service call needs to know about where it runs: kiosk, event, clock."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from kiosk.domain.localtime import local_date
from kiosk.store.types import utcnow


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
        return local_date(self.clock())
