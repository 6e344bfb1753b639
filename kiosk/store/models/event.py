"""The event, the kiosks at it and the staff who work the booth."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.domain.enums import Role
from kiosk.store.models.columns import enum_type
from kiosk.store.types import Base, Created, UtcDateTime, UuidPk


class Event(UuidPk, Created, Base):
    """An artistic performance event in a commune where the booth runs."""

    __tablename__ = "events"

    name: Mapped[str] = mapped_column(String(200))
    venue: Mapped[str] = mapped_column(String(200), default="")
    commune: Mapped[str] = mapped_column(String(120), default="")
    province: Mapped[str] = mapped_column(String(120), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


class Kiosk(Created, Base):
    """One kiosk (desk or touchscreen); its id is configured and printed on receipts."""

    __tablename__ = "kiosks"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    receipt_series: Mapped[str] = mapped_column(String(16), unique=True)
    event_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("events.id"), nullable=True)
    public_key: Mapped[str | None] = mapped_column(Text, nullable=True)


class Staff(UuidPk, Created, Base):
    """A staff member; the PIN is kept only as a slow KDF hash."""

    __tablename__ = "staff"

    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[Role] = mapped_column(enum_type(Role), default=Role.STAFF)
    pin_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
