"""A household's fiscal year at the booth (the ladder's memory) and recorded support months."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.store.models.people import Household, Person
from kiosk.store.types import Base, Created, UtcDateTime, UuidPk, utcnow

# HouseholdYearMember.status
PAYING = "paying"  # pays household health insurance this year; holds a ladder position
COVERED = "covered"  # insured by another scheme: listed, never charged, not counted
MEMBER_STATUSES = (PAYING, COVERED)

# HouseholdYearMember.paid_source: where the member's payment (or cover) is known from
PAID_AT_VISIT = "visit"  # a visit at a booth (this one or an earlier one: see visit_id)
DECLARED = "declared"  # the attendee said so (paid at the commune agent, post office...)
VSS_RECORD = "vss_record"  # imported from VSS records
PAID_SOURCES = (PAID_AT_VISIT, DECLARED, VSS_RECORD)

# VoluntarySupportRecord.source
SUPPORT_SOURCES = (DECLARED, VSS_RECORD, "correction")


class HouseholdYear(UuidPk, Created, Base):
    """One household in one fiscal year: who joined household health insurance, in which
    position of the ladder (Decree 146/2018 Art 7, kept by Decree 188/2025), and who is
    insured elsewhere."""

    __tablename__ = "household_years"
    __table_args__ = (UniqueConstraint("household_id", "fiscal_year"),)

    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("households.id"))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    province_code: Mapped[str | None] = mapped_column(String(3), nullable=True)  # residence
    origin_kiosk_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    household: Mapped[Household] = relationship()
    members: Mapped[list[HouseholdYearMember]] = relationship(
        back_populates="household_year",
        order_by="HouseholdYearMember.created_at",
        cascade="all, delete-orphan",
    )


class HouseholdYearMember(UuidPk, Created, Base):
    """A member of the household's year: paying at a position, or covered with a reason.

    `person_id` is empty for members the attendee declared without registering them here.
    """

    __tablename__ = "household_year_members"
    __table_args__ = (
        UniqueConstraint("household_year_id", "person_id"),
        UniqueConstraint("household_year_id", "position"),
        Index("ix_household_year_members_person_id", "person_id"),
    )

    household_year_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("household_years.id"))
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("persons.id"), nullable=True
    )
    full_name: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(16), default=PAYING)
    position: Mapped[int | None] = mapped_column(Integer, nullable=True)
    covered_reason: Mapped[str | None] = mapped_column(String(32), nullable=True)
    paid_source: Mapped[str] = mapped_column(String(16), default=PAID_AT_VISIT)
    visit_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("visits.id"), nullable=True)
    paid_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    household_year: Mapped[HouseholdYear] = relationship(back_populates="members")
    person: Mapped[Person | None] = relationship()


class VoluntarySupportRecord(UuidPk, Created, Base):
    """Months of state support for voluntary SI a person used before or outside this kiosk
    (declared, or from VSS records): with the paid enrollments, the 120-month cap's count."""

    __tablename__ = "voluntary_support_records"
    __table_args__ = (Index("ix_voluntary_support_records_person_id", "person_id"),)

    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("persons.id"))
    months: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16), default=DECLARED)
    note: Mapped[str] = mapped_column(String(300), default="")
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
