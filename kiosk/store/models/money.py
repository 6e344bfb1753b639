"""Payments, receipts with their gapless series, cash shifts and cash movements."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.domain.enums import PaymentMethod, PaymentStatus, Scheme, ShiftStatus
from kiosk.store.models.columns import enum_type
from kiosk.store.types import Base, Created, UtcDateTime, UuidPk


class Shift(UuidPk, Created, Base):
    """A cash shift at one kiosk: opened with a counted float, closed by a Z report."""

    __tablename__ = "shifts"

    kiosk_id: Mapped[str] = mapped_column(String(32), ForeignKey("kiosks.id"))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    status: Mapped[ShiftStatus] = mapped_column(enum_type(ShiftStatus), default=ShiftStatus.OPEN)
    opening_float: Mapped[int] = mapped_column(Integer, default=0)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    closed_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    expected_json: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    counted_json: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    difference: Mapped[int | None] = mapped_column(Integer, nullable=True)


class CashMovement(UuidPk, Created, Base):
    """Cash put into or taken out of the drawer during a shift, with its reason."""

    __tablename__ = "cash_movements"

    shift_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("shifts.id"))
    amount: Mapped[int] = mapped_column(Integer)  # positive = in, negative = out
    reason: Mapped[str] = mapped_column(String(200))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)


class Payment(UuidPk, Created, Base):
    """Money taken for a visit by one method; the idempotency key makes a double tap harmless."""

    __tablename__ = "payments"
    __table_args__ = (
        Index("ix_payments_visit_id", "visit_id"),
        Index("ix_payments_created_at", "created_at"),
        Index("ix_payments_reference", "reference"),
    )

    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("visits.id"))
    kiosk_id: Mapped[str] = mapped_column(String(32), ForeignKey("kiosks.id"))
    shift_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("shifts.id"), nullable=True)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    method: Mapped[PaymentMethod] = mapped_column(enum_type(PaymentMethod))
    status: Mapped[PaymentStatus] = mapped_column(enum_type(PaymentStatus))
    amount: Mapped[int] = mapped_column(Integer)  # negative for a reversing entry
    tendered: Mapped[int | None] = mapped_column(Integer, nullable=True)
    change: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    reversal_of_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("payments.id"), nullable=True
    )
    confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    confirmed_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff.id"), nullable=True
    )
    detail_json: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ReceiptSeries(Base):
    """The gapless counter of one receipt series (locked row while a number is taken)."""

    __tablename__ = "receipt_series"

    series: Mapped[str] = mapped_column(String(16), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(32), ForeignKey("kiosks.id"))
    next_number: Mapped[int] = mapped_column(Integer, default=1)


class ReceiptBook(Base):
    """A scheme's C45-BB receipt series (ký hiệu) that VSS allocated to the collection agent,
    with its gapless counter; the row is locked while a number is taken.

    One active book per kiosk and scheme, registered from the configuration's [agent] table
    (kiosk.services.receipts.register_receipt_books); the agent's name and code are copied
    onto each receipt so a reprint shows what was issued."""

    __tablename__ = "receipt_books"

    symbol: Mapped[str] = mapped_column(String(32), primary_key=True)
    scheme: Mapped[Scheme] = mapped_column(enum_type(Scheme))
    kiosk_id: Mapped[str] = mapped_column(String(32), ForeignKey("kiosks.id"))
    agent_name: Mapped[str] = mapped_column(String(200), default="")
    agent_code: Mapped[str] = mapped_column(String(32), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    next_number: Mapped[int] = mapped_column(Integer, default=1)


class Receipt(UuidPk, Created, Base):
    """A numbered receipt (form C45-BB): one per scheme of a paid visit.

    `series`/`number` are the kiosk's own gapless running number over all its receipts (the
    books the crash harness and bundles check); `symbol`/`book_number` are the number in the
    scheme's C45-BB series, the one printed and reported to VSS. A void keeps both numbers and
    records who voided it and why. Receipts issued before 0005 have no scheme or symbol."""

    __tablename__ = "receipts"
    __table_args__ = (
        UniqueConstraint("series", "number"),
        UniqueConstraint("symbol", "book_number"),
        Index("ix_receipts_visit_id", "visit_id"),
    )

    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("visits.id"))
    kiosk_id: Mapped[str] = mapped_column(String(32), ForeignKey("kiosks.id"))
    series: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime)
    voided_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    void_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    voided_by: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    scheme: Mapped[Scheme | None] = mapped_column(enum_type(Scheme), nullable=True)
    symbol: Mapped[str] = mapped_column(String(32), default="")
    book_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    agent_name: Mapped[str] = mapped_column(String(200), default="")
    agent_code: Mapped[str] = mapped_column(String(32), default="")
    verify_code: Mapped[str] = mapped_column(String(16), default="")
