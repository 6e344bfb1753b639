"""Vietnam's clock: UTC+7 all year (no daylight saving), the one place that converts to it.

Stored times are aware UTC (kiosk.store.types); people read Vietnam time. Every screen,
paper and report converts here, so a receipt and the shift report show the same minute.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

UTC = timezone.utc
VN_OFFSET_HOURS = 7
VN_TZ = timezone(timedelta(hours=VN_OFFSET_HOURS), "ICT")


def utcnow() -> datetime:
    """Now, as an aware UTC datetime: the one clock the store and the services use."""
    return datetime.now(UTC)


def to_local(moment: datetime) -> datetime:
    """`moment` (aware) as Vietnam time; a naive value is taken to be UTC (SQLite reads)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VN_TZ)


def local_date(moment: datetime) -> date:
    """The Vietnam calendar day of `moment`: payment days and policy versions follow it."""
    return to_local(moment).date()


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The UTC instants where a Vietnam-local day starts and the next one starts."""
    start = datetime.combine(day, time.min, tzinfo=VN_TZ).astimezone(UTC)
    return start, start + timedelta(days=1)


def format_local(moment: datetime | None, fmt: str = "%d/%m/%Y %H:%M") -> str:
    """`moment` as Vietnam time with `fmt`; empty for None."""
    return "" if moment is None else to_local(moment).strftime(fmt)
