"""The audit log: every payment, void, print, reprint, login and setting change."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from kiosk.logs import mask_personal
from kiosk.store.models import AuditEntry


def record(
    session: Session,
    kiosk_id: str,
    action: str,
    *,
    entity: str = "",
    entity_id: object = "",
    staff_id: uuid.UUID | None = None,
    **detail: Any,
) -> AuditEntry:
    """Add an audit entry in the caller's transaction (so it commits or rolls back with it)."""
    safe = {k: mask_personal(v) if isinstance(v, str) else v for k, v in detail.items()}
    entry = AuditEntry(
        kiosk_id=kiosk_id,
        staff_id=staff_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        detail=safe,
    )
    session.add(entry)
    return entry
