"""Role checks shared by the services (supervisor-only actions)."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from kiosk.domain.enums import Role
from kiosk.errors import KioskError
from kiosk.store.models import Staff


def require_supervisor(session: Session, staff_id: uuid.UUID | None) -> Staff:
    """The active supervisor with this id, or auth.supervisor_required."""
    staff = session.get(Staff, staff_id) if staff_id else None
    if staff is None or not staff.active or staff.role != Role.SUPERVISOR:
        raise KioskError(
            "auth.supervisor_required",
            vi="Việc này cần giám sát viên xác nhận.",
            en="This needs a supervisor.",
        )
    return staff
