"""Role checks shared by the services (supervisor-only actions)."""

from __future__ import annotations

import uuid

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import Role
from kiosk.errors import KioskError
from kiosk.store.models import Staff

# Names merged from another kiosk's bundle carry this instead of a hash: they never log in.
MERGED_PIN_HASH = "!merged"


def require_supervisor(session: Session, staff_id: uuid.UUID | None) -> Staff:
    """The active, unlocked-or-not supervisor with this id, or auth.supervisor_required."""
    staff = session.get(Staff, staff_id) if staff_id else None
    if staff is None or not staff.active or staff.role != Role.SUPERVISOR:
        raise KioskError(
            "auth.supervisor_required",
            vi="Việc này cần giám sát viên xác nhận.",
            en="This needs a supervisor.",
        )
    return staff


def has_accounts(session: Session) -> bool:
    """Whether anyone can log in here yet (names merged from bundles do not count)."""
    return bool(session.scalar(select(exists().where(Staff.pin_hash != MERGED_PIN_HASH))))


def require_supervisor_once_staffed(session: Session, staff_id: uuid.UUID | None) -> None:
    """A supervisor, unless the machine has no accounts at all yet (first set-up, the office's
    command line before anyone was added): then there is nobody who could authorise."""
    if has_accounts(session):
        require_supervisor(session, staff_id)
