"""The visit page asks the desk for an ethnic group nobody asked, through the real widgets."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config
from kiosk.domain.enums import Scheme
from kiosk.services.person_facts import ACTION_ETHNICITY
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Person
from tests.support.console import STAFF_PIN, desk, log_in, open_first_ticket
from tests.support.paid import HOUSEHOLD, fixed_ctx

BHYT12 = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)


def ethnicities(db: Database) -> dict[str, str]:
    with db.read() as s:
        rows = s.execute(select(Person.full_name, Person.ethnicity)).all()
        return {name: ethnicity for name, ethnicity in rows}


def test_only_the_unasked_member_gets_a_line_and_recording_mong_removes_it(
    qtbot: QtBot, db: Database, config: Config
) -> None:
    """Huyền said Tày, Đức was never asked (household health insurance on the touchscreen):
    only Đức has a "Chưa hỏi dân tộc" line, its list starts empty (no Kinh preselected).
    "Ghi" with nothing chosen is refused by name and stores nothing; choosing "Mông" and
    "Ghi" stores Mông (one audit entry by the logged-in staff member) and the line goes."""
    ctx = fixed_ctx()
    members = [
        MemberRequest(replace(HOUSEHOLD[0], ethnicity="Tày"), (BHYT12,)),
        MemberRequest(HOUSEHOLD[1], (BHYT12,)),
    ]
    with db.unit_of_work() as s:
        register_visit(s, ctx, members, source="self_service")
    assert ethnicities(db) == {"Nguyễn Thị Huyền": "Tày", "Trần Văn Đức": ""}
    with desk(qtbot, db, config, ctx) as d:
        log_in(qtbot, d.console, "Lê Thị Thu", STAFF_PIN)
        visit = open_first_ticket(qtbot, d)
        panel = visit.ethnicity
        qtbot.waitUntil(lambda: len(panel.rows) == 1)
        assert not panel.isHidden()
        (row,) = panel.rows.values()
        assert (row.name.text(), row.status.text()) == ("Trần Văn Đức", "Chưa hỏi dân tộc")
        assert row.combo.currentText() == "" and row.record.text() == "Ghi"
        row.record.click()
        assert panel.error.text() == "Hãy hỏi Trần Văn Đức và chọn dân tộc trong danh sách."
        assert ethnicities(db)["Trần Văn Đức"] == ""
        row.combo.setCurrentIndex(row.combo.findText("Mông"))
        row.record.click()
        qtbot.waitUntil(lambda: not panel.rows and panel.isHidden())
        assert panel.error.text() == ""
        assert ethnicities(db) == {"Nguyễn Thị Huyền": "Tày", "Trần Văn Đức": "Mông"}
        with db.read() as s:
            entries = s.scalars(
                select(AuditEntry).where(AuditEntry.action == ACTION_ETHNICITY)
            ).all()
            assert [(e.staff_id, e.detail) for e in entries] == [
                (d.state.staff_id, {"before": "", "after": "Mông"})
            ]
