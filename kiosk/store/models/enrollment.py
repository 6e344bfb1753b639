"""Visits (one checkout), enrollments in a scheme and the documents issued for them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.domain.enums import (
    EnrollmentStatus,
    IssuanceKind,
    Scheme,
    SupportGroup,
    VoluntaryMode,
)
from kiosk.store.models.columns import enum_type
from kiosk.store.models.people import Household, Person
from kiosk.store.types import Base, Created, UtcDateTime, UuidPk


class Visit(UuidPk, Created, Base):
    """Everything one party registers and pays for together; the quote is stored as JSON."""

    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_status", "status"),)

    kiosk_id: Mapped[str] = mapped_column(String(32), ForeignKey("kiosks.id"))
    event_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("events.id"), nullable=True)
    source: Mapped[str] = mapped_column(String(16), default="staff")  # staff | self_service
    status: Mapped[EnrollmentStatus] = mapped_column(
        enum_type(EnrollmentStatus), default=EnrollmentStatus.QUOTED
    )
    queue_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quote_json: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    total: Mapped[int] = mapped_column(Integer, default=0)
    policy_version: Mapped[str] = mapped_column(String(120), default="")
    quoted_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    enrollments: Mapped[list[Enrollment]] = relationship(back_populates="visit")


class Enrollment(UuidPk, Created, Base):
    """One person in one scheme for one period, with the amount quoted and the policy used."""

    __tablename__ = "enrollments"
    __table_args__ = (
        Index("ix_enrollments_person_id", "person_id"),
        Index("ix_enrollments_visit_id", "visit_id"),
    )

    visit_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("visits.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("persons.id"))
    household_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("households.id"), nullable=True
    )
    scheme: Mapped[Scheme] = mapped_column(enum_type(Scheme))
    status: Mapped[EnrollmentStatus] = mapped_column(
        enum_type(EnrollmentStatus), default=EnrollmentStatus.QUOTED
    )
    support_group: Mapped[SupportGroup | None] = mapped_column(
        enum_type(SupportGroup), nullable=True
    )
    mode: Mapped[VoluntaryMode | None] = mapped_column(enum_type(VoluntaryMode), nullable=True)
    chosen_income: Mapped[int | None] = mapped_column(Integer, nullable=True)
    months: Mapped[int] = mapped_column(Integer)
    position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    is_renewal: Mapped[bool] = mapped_column(Boolean, default=False)
    previous_enrollment_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("enrollments.id"), nullable=True
    )
    amount: Mapped[int] = mapped_column(Integer, default=0)
    policy_version: Mapped[str] = mapped_column(String(120), default="")
    quote_line_json: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    paid_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    visit: Mapped[Visit] = relationship(back_populates="enrollments")
    person: Mapped[Person] = relationship()
    household: Mapped[Household | None] = relationship()


class IssuanceRecord(UuidPk, Created, Base):
    """The data printed on a health insurance card: official (from VSS) or provisional."""

    __tablename__ = "issuance_records"
    __table_args__ = (Index("ix_issuance_records_person_id", "person_id"),)

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("persons.id"))
    enrollment_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("enrollments.id"), nullable=True
    )
    kind: Mapped[IssuanceKind] = mapped_column(enum_type(IssuanceKind))
    card_code: Mapped[str] = mapped_column(String(20), default="")
    facility_code: Mapped[str] = mapped_column(String(20), default="")
    facility_name: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    five_year_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    issuing_place: Mapped[str] = mapped_column(String(200), default="")
    issue_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    qr_payload: Mapped[str] = mapped_column(Text, default="")
    source_file: Mapped[str | None] = mapped_column(String(300), nullable=True)
