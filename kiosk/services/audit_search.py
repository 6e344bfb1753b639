"""Searching the audit log: by action, entity, detail, or an action's Vietnamese name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, cast, or_, select
from sqlalchemy.orm import Session

from kiosk.domain.labels import AUDIT_ACTION
from kiosk.domain.text import fold_accents, nfc
from kiosk.store.models import AuditEntry, Staff

LIMIT = 500


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    staff_name: str
    action: str
    entity: str
    entity_id: str
    detail: dict[str, Any]


def matching_actions(text: str) -> list[str]:
    """Known actions whose Vietnamese name contains `text`, accents ignored ("huy bien lai")."""
    needle = fold_accents(text)
    return [a for a, label in AUDIT_ACTION.items() if needle and needle in fold_accents(label.vi)]


def _like(text: str) -> str:
    """A LIKE pattern matching `text` literally anywhere ("!" escapes % and _)."""
    return "%" + text.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"


def search_audit(session: Session, text: str = "", limit: int = LIMIT) -> list[AuditRow]:
    """The newest `limit` entries whose action, entity, entity id or detail contain `text`
    (case-insensitive), or whose action's Vietnamese name does."""
    query = (
        select(
            AuditEntry.at,
            Staff.name,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_id,
            AuditEntry.detail,
        )
        .outerjoin(Staff, Staff.id == AuditEntry.staff_id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id)
        .limit(limit)
    )
    text = nfc(text.strip())
    if text:
        pattern = _like(text)
        terms: list[ColumnElement[bool]] = [
            AuditEntry.action.ilike(pattern, escape="!"),
            AuditEntry.entity.ilike(pattern, escape="!"),
            AuditEntry.entity_id.ilike(pattern, escape="!"),
            cast(AuditEntry.detail, String).ilike(pattern, escape="!"),
        ]
        # The JSON column is stored with non-ASCII letters escaped ("s\\u1ed1"): search that too.
        stored = json.dumps(text)[1:-1]
        if stored != text:
            terms.append(cast(AuditEntry.detail, String).ilike(_like(stored), escape="!"))
        labelled = matching_actions(text)
        if labelled:
            terms.append(AuditEntry.action.in_(labelled))
        query = query.where(or_(*terms))
    return [
        AuditRow(r.at, r.name or "", r.action, r.entity, r.entity_id, dict(r.detail or {}))
        for r in session.execute(query)
    ]
