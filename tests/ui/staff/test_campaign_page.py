"""Campaign taps are stored with the staff member, the open person and the note, and counted."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config
from kiosk.domain.enums import ActivityKind
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, CampaignActivity
from tests.kiosk.services.payflow import add_staff
from tests.support.factories import make_person
from tests.ui.staff.office import host, screenshot, staff_state
from ui.staff.campaign_page import CampaignPage


def _page(qtbot: QtBot, config: Config, db: Database, ctx: KioskContext) -> CampaignPage:
    staff = add_staff(db, "Lê Thị Thu")
    page = CampaignPage(staff_state(config, db, ctx, staff, "Lê Thị Thu"))
    with qtbot.waitSignal(page.counts_loaded, timeout=10_000):
        host(qtbot, page)
    return page


def _tap(qtbot: QtBot, page: CampaignPage, kind: ActivityKind) -> uuid.UUID:
    """Tap the button and wait until the activity is saved and the counts reloaded."""
    saved: list[object] = []
    page.recorded.connect(saved.append)
    with qtbot.waitSignals([page.recorded, page.counts_loaded], timeout=10_000):
        qtbot.mouseClick(page.buttons[kind], Qt.MouseButton.LeftButton)
    page.recorded.disconnect(saved.append)
    (activity_id,) = saved
    assert isinstance(activity_id, uuid.UUID)
    return activity_id


def test_taps_are_stored_with_staff_person_and_note(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """A VssID tap for the open person with a note, then a consultation after the person is
    cleared: two rows with the logged-in staff id, the person only on the first, the note
    trimmed and then cleared, each audited, and the counts beside the buttons say 1, 0, 1."""
    with db.unit_of_work() as s:
        person_id = make_person(s, "Trần Văn Đức").id
    page = _page(qtbot, config, db, ctx)
    assert [label.text() for label in page.counts.values()] == ["0", "0", "0"]
    page.set_person(person_id, "Trần Văn Đức")
    assert page.person.text() == "Người dân: Trần Văn Đức"
    page.note.setText("  điện thoại   Android ")
    first = _tap(qtbot, page, ActivityKind.VSSID_INSTALL)
    assert page.note.text() == ""
    assert page.status.text() == "Đã ghi nhận: Hướng dẫn cài VssID — Trần Văn Đức"
    qtbot.mouseClick(page.clear_person, Qt.MouseButton.LeftButton)
    assert page.person_id is None
    second = _tap(qtbot, page, ActivityKind.CONSULTATION)
    staff = page.state.staff_id
    with db.read() as s:
        rows = {a.id: a for a in s.scalars(select(CampaignActivity))}
        audited = set(
            s.scalars(select(AuditEntry.entity_id).where(AuditEntry.action == "campaign.recorded"))
        )
    assert set(rows) == {first, second}
    assert (rows[first].kind, rows[first].staff_id, rows[first].person_id) == (
        ActivityKind.VSSID_INSTALL,
        staff,
        person_id,
    )
    assert rows[first].note == "điện thoại Android"
    assert rows[first].kiosk_id == ctx.kiosk_id and rows[first].event_id == ctx.event_id
    assert (rows[second].kind, rows[second].staff_id, rows[second].person_id) == (
        ActivityKind.CONSULTATION,
        staff,
        None,
    )
    assert rows[second].note == ""
    assert audited == {str(first), str(second)}
    assert page.counts[ActivityKind.VSSID_INSTALL].text() == "1"
    assert page.counts[ActivityKind.NONCASH_PENSION].text() == "0"
    assert page.counts[ActivityKind.CONSULTATION].text() == "1"
    page.set_person(person_id, "Trần Văn Đức")
    _tap(qtbot, page, ActivityKind.NONCASH_PENSION)
    _tap(qtbot, page, ActivityKind.NONCASH_PENSION)
    assert page.counts[ActivityKind.NONCASH_PENSION].text() == "2"
    screenshot(page.window(), "staff-campaign.png")


def test_no_staff_logged_in_records_nothing(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """After logout the buttons are disabled and a direct call explains, in Vietnamese, that a
    login is needed; nothing is written."""
    page = _page(qtbot, config, db, ctx)
    page.state.set_staff(None)
    assert not any(b.isEnabled() for b in page.buttons.values())
    page.record(ActivityKind.CONSULTATION)
    assert page.message.text() == "Vui lòng đăng nhập trước khi ghi nhận."
    assert page.state.tasks.pending == 0
    with db.read() as s:
        assert s.scalars(select(CampaignActivity)).all() == []
