"""Campaign counters: VssID installs guided, non-cash pension sign-ups, consultations."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from kiosk.domain.enums import ActivityKind
from kiosk.domain.localtime import local_day_bounds
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.store.models import CampaignActivity

NOTE_MAX = 300


def record_activity(
    session: Session,
    ctx: KioskContext,
    kind: ActivityKind,
    staff_id: uuid.UUID | None,
    person_id: uuid.UUID | None = None,
    note: str = "",
) -> CampaignActivity:
    """Count one campaign activity at this kiosk and event (audited)."""
    activity = CampaignActivity(
        kind=ActivityKind(kind),
        kiosk_id=ctx.kiosk_id,
        event_id=ctx.event_id,
        staff_id=staff_id,
        person_id=person_id,
        note=" ".join(note.split())[:NOTE_MAX],
        created_at=ctx.now(),
    )
    session.add(activity)
    session.flush()
    audit.record(
        session,
        ctx.kiosk_id,
        "campaign.recorded",
        entity="campaign_activity",
        entity_id=activity.id,
        staff_id=staff_id,
        kind=activity.kind.value,
    )
    return activity


def campaign_counts(
    session: Session, event_id: uuid.UUID | None, day: date | None = None
) -> dict[ActivityKind, int]:
    """How many of each activity at the event (None: activities without an event), on a local
    day or over the whole event; every kind is present."""
    where: list[ColumnElement[bool]] = [
        CampaignActivity.event_id == event_id
        if event_id is not None
        else CampaignActivity.event_id.is_(None)
    ]
    if day is not None:
        start, end = local_day_bounds(day)
        where += [CampaignActivity.created_at >= start, CampaignActivity.created_at < end]
    rows = session.execute(
        select(CampaignActivity.kind, func.count()).where(*where).group_by(CampaignActivity.kind)
    ).all()
    counts = dict.fromkeys(ActivityKind, 0)
    counts.update({ActivityKind(kind): int(n) for kind, n in rows})
    return counts
