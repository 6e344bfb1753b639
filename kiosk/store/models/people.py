"""People and households."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.domain.enums import Sex
from kiosk.store.models.columns import enum_type
from kiosk.store.types import Base, Created, UtcDateTime, UuidPk, utcnow


class Person(UuidPk, Created, Base):
    """A participant. `name_folded` is the accent-folded lower-case name the search uses."""

    __tablename__ = "persons"
    __table_args__ = (
        Index("ix_persons_name_folded", "name_folded"),
        Index("ix_persons_phone", "phone"),
        Index("ix_persons_legacy_si_code", "legacy_si_code"),
        Index("ix_persons_birth_date", "birth_date"),
    )

    personal_id: Mapped[str | None] = mapped_column(String(12), unique=True, nullable=True)
    old_id_number: Mapped[str | None] = mapped_column(String(9), nullable=True)
    legacy_si_code: Mapped[str | None] = mapped_column(String(10), nullable=True)
    full_name: Mapped[str] = mapped_column(String(120))
    name_folded: Mapped[str] = mapped_column(String(120), default="")
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[Sex] = mapped_column(enum_type(Sex))
    # "" = not asked (the dossier check then asks the desk to record it); never assumed Kinh.
    ethnicity: Mapped[str] = mapped_column(String(60), default="")
    nationality: Mapped[str] = mapped_column(String(60), default="Việt Nam")
    phone: Mapped[str | None] = mapped_column(String(16), nullable=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    province_code: Mapped[str | None] = mapped_column(String(3), nullable=True)
    origin_kiosk_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Household(UuidPk, Created, Base):
    """A household for health insurance: members share one registered residence."""

    __tablename__ = "households"

    head_person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("persons.id"), nullable=True
    )
    address: Mapped[str] = mapped_column(String(300), default="")
    province_code: Mapped[str | None] = mapped_column(String(3), nullable=True)
    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="household",
        order_by="HouseholdMember.position",
        cascade="all, delete-orphan",
    )


class HouseholdMember(UuidPk, Created, Base):
    """A person's place in a household (position decides the household discount ladder)."""

    __tablename__ = "household_members"
    __table_args__ = (UniqueConstraint("household_id", "person_id"),)

    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("households.id"))
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("persons.id"))
    position: Mapped[int] = mapped_column(Integer)
    relationship_to_head: Mapped[str] = mapped_column(String(60), default="")
    household: Mapped[Household] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()


class PersonNameToken(Base):
    """One accent-folded word of a person's name, with the whole folded name: the name index.

    The primary key (token, name_folded, person_id) is the order a search walks: within one
    word, people come sorted by name, so the first 50 "huyen" are read and the search stops,
    and "nguyen thi huyen" seeks straight to the names starting with "nguyen". Without rowid
    on SQLite, the key is the table (no second copy, no lookups per row).
    """

    __tablename__ = "person_name_tokens"
    __table_args__ = (
        Index("ix_person_name_tokens_person", "person_id"),
        {"sqlite_with_rowid": False},
    )

    # Byte order on PostgreSQL whatever the database's locale: a language collation would
    # ignore the apostrophe of "H'Hen" and break the prefix ranges.
    token: Mapped[str] = mapped_column(
        String(40).with_variant(String(40, collation="C"), "postgresql"), primary_key=True
    )
    name_folded: Mapped[str] = mapped_column(
        String(120).with_variant(String(120, collation="C"), "postgresql"), primary_key=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
