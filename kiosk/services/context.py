"""What every service call needs to know about where it runs: kiosk, event, clock.

Light on purpose (no database modules): the first screen builds a KioskContext before the
store has loaded (ui/startup.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from kiosk.config import Config
from kiosk.domain.localtime import local_date, utcnow

# Events are identified by name and first day, so every kiosk of one event finds the same row.
_EVENT_NAMESPACE = uuid.UUID("6f1c2f0e-6a57-4c55-9b7e-3a1d3f0b9e21")


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


def event_id_for(config: Config) -> uuid.UUID:
    """The stable id of the configured event."""
    return uuid.uuid5(_EVENT_NAMESPACE, f"{config.event.name}|{config.event.starts_on.isoformat()}")


def kiosk_context(config: Config) -> KioskContext:
    """The services' view of this kiosk: its id, its event and its receipt series."""
    return KioskContext(config.kiosk.id, event_id_for(config), config.kiosk.receipt_series)
