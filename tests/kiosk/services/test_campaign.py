"""Campaign counters: recorded with audit, counted per kind, per event and per local day."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import select

from kiosk.domain.enums import ActivityKind
from kiosk.domain.localtime import UTC
from kiosk.services.campaign import campaign_counts, record_activity
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, CampaignActivity
from tests.kiosk.services.consoledata import ctx_at

VSSID, PENSION, TALK = (
    ActivityKind.VSSID_INSTALL,
    ActivityKind.NONCASH_PENSION,
    ActivityKind.CONSULTATION,
)


def test_counts_per_kind_event_and_local_day(any_db: Database) -> None:
    """16:59 UTC on the 24th is 23:59 local (day 24); 17:00 UTC is 00:00 on the 25th."""
    late = ctx_at(datetime(2026, 11, 24, 16, 59, tzinfo=UTC))
    midnight = ctx_at(datetime(2026, 11, 24, 17, 0, tzinfo=UTC))
    other = KioskContext(late.kiosk_id, None, late.receipt_series, clock=late.clock)
    with any_db.unit_of_work() as s:
        record_activity(s, late, VSSID, None, note="  cài   VssID ")
        record_activity(s, late, TALK, None)
        for _ in range(3):
            record_activity(s, midnight, VSSID, None)
        record_activity(s, midnight, PENSION, None)
        record_activity(s, other, PENSION, None)
    with any_db.read() as s:
        event = late.event_id
        assert campaign_counts(s, event) == {VSSID: 4, PENSION: 1, TALK: 1}
        assert campaign_counts(s, event, date(2026, 11, 24)) == {VSSID: 1, PENSION: 0, TALK: 1}
        assert campaign_counts(s, event, date(2026, 11, 25)) == {VSSID: 3, PENSION: 1, TALK: 0}
        assert campaign_counts(s, event, date(2026, 11, 26)) == dict.fromkeys(ActivityKind, 0)
        assert campaign_counts(s, None) == {VSSID: 0, PENSION: 1, TALK: 0}
        assert campaign_counts(s, uuid.uuid4()) == dict.fromkeys(ActivityKind, 0)
        notes = set(s.scalars(select(CampaignActivity.note)))
        assert notes == {"cài VssID", ""}
        audited = s.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "campaign.recorded")
        )
        assert sorted(d["kind"] for d in audited) == sorted(
            ["vssid_install", "consultation", *["vssid_install"] * 3, *["noncash_pension"] * 2]
        )
