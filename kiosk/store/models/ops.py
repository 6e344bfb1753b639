"""Operations records: print jobs, campaign activities, the audit log, bundles and trusted keys."""

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
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.domain.enums import ActivityKind, DocumentKind, PrinterRole, PrintStatus
from kiosk.store.models.columns import enum_type
from kiosk.store.types import Base, Created, UtcDateTime, UuidPk, utcnow


class PrintJob(UuidPk, Created, Base):
    """A document to print on a printer role; it stays until done, cancelled or reviewed.

    `guard_key` names the thing printed ("card:<enrollment id>"): a second job with the same key
    is a reprint and needs a reason.
    """

    __tablename__ = "print_jobs"
    __table_args__ = (
        Index("ix_print_jobs_status_role", "status", "printer_role"),
        Index("ix_print_jobs_guard_key", "guard_key"),
    )

    kind: Mapped[DocumentKind] = mapped_column(enum_type(DocumentKind))
    printer_role: Mapped[PrinterRole] = mapped_column(enum_type(PrinterRole))
    status: Mapped[PrintStatus] = mapped_column(enum_type(PrintStatus))
    kiosk_id: Mapped[str] = mapped_column(String(32), ForeignKey("kiosks.id"))
    source_type: Mapped[str] = mapped_column(String(32), default="")
    source_id: Mapped[str] = mapped_column(String(64), default="")
    params_json: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    guard_key: Mapped[str | None] = mapped_column(String(120), nullable=True)
    is_reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    reprint_reason: Mapped[str | None] = mapped_column(String(300), nullable=True)
    requested_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff.id"), nullable=True
    )
    authorized_by: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("staff.id"), nullable=True
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class CampaignActivity(UuidPk, Created, Base):
    """One campaign counter tap: VssID install guided, non-cash pension, consultation."""

    __tablename__ = "campaign_activities"
    __table_args__ = (Index("ix_campaign_activities_kind", "kind"),)

    kind: Mapped[ActivityKind] = mapped_column(enum_type(ActivityKind))
    kiosk_id: Mapped[str] = mapped_column(String(32), ForeignKey("kiosks.id"))
    event_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("events.id"), nullable=True)
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("staff.id"), nullable=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("persons.id"), nullable=True
    )
    note: Mapped[str] = mapped_column(String(300), default="")


class AuditEntry(UuidPk, Base):
    """Who did what, when: payments, voids, prints, reprints, settings, logins."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_at", "at"),
        Index("ix_audit_entries_action", "action"),
    )

    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    kiosk_id: Mapped[str] = mapped_column(String(32))
    staff_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40), default="")
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ImportedBundle(Base):
    """An export bundle already merged here (merging it again changes nothing)."""

    __tablename__ = "imported_bundles"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(32))
    digest: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TrustedKiosk(Base):
    """At the office: a kiosk's signing key pinned by a person (or first use, when asked for),
    and the sequence number of the newest bundle merged from it (older ones are refused).

    Never part of a bundle: a bundle cannot pin or replace any key.
    """

    __tablename__ = "trusted_kiosks"

    kiosk_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    public_key: Mapped[str] = mapped_column(Text)
    pinned_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    pinned_how: Mapped[str] = mapped_column(String(16), default="explicit")
    last_sequence: Mapped[int] = mapped_column(Integer, default=0)
    last_bundle_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)


class BundleExport(Base):
    """On the kiosk: each bundle written, numbered 1, 2, 3... per kiosk (never part of a bundle)."""

    __tablename__ = "bundle_exports"
    __table_args__ = (UniqueConstraint("kiosk_id", "sequence"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(32))
    sequence: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
