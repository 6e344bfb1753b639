"""The desk shows a household's fiscal year through the real widgets: earlier members and
their positions, the next position, members declared paid elsewhere, audited corrections."""

from __future__ import annotations

from datetime import date, datetime

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config
from kiosk.domain.enums import Scheme, Sex
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.services.context import KioskContext
from kiosk.services.household_year import household_year_view
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, HouseholdYear, Visit
from tests.ui.staff.registerkit import fill_person, register_page, settle, shot, visit_rows
from ui.staff.common import cell
from ui.staff.register_page import RegisterPage

BHYT12 = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)
MOTHER = PersonDraft("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE, "066185000123")
FATHER = PersonDraft("Trần Văn Đức", date(1980, 2, 2), Sex.MALE, "066080000456")


def earlier_visit(db: Database, ctx: KioskContext, *people: PersonDraft) -> None:
    """These people registered household health insurance at the booth on 02/03/2026."""
    march = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    then = KioskContext(ctx.kiosk_id, ctx.event_id, ctx.receipt_series, clock=lambda: march)
    with db.unit_of_work() as s:
        register_visit(s, then, [MemberRequest(p, (BHYT12,)) for p in people])


def household_rows(page: RegisterPage) -> list[tuple[str, ...]]:
    table = page.household.table
    return [tuple(cell(table, r, c) for c in range(4)) for r in range(table.rowCount())]


def test_earlier_member_is_shown_and_the_next_pays_70_percent(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """The mother paid in March. Staff types her identity number to find the household: she
    is listed 1st (paid at the kiosk) and the next member is the 2nd; the father added now is
    quoted at 70% of 1,366,200 = 956,340 đ and stored so."""
    earlier_visit(db, ctx, MOTHER)
    page, scroll = register_page(qtbot, config, db, ctx)
    page.household.lookup.setText(MOTHER.personal_id)
    page.household.find_button.click()
    qtbot.waitUntil(lambda: page.household.table.rowCount() == 1, timeout=10_000)
    assert household_rows(page) == [("1", "Nguyễn Thị Huyền", "Đóng BHYT hộ gia đình", "Tại ki-ốt")]
    # the record says who paid: nothing to declare, nor where it is known from
    assert not page.household.declared.isEnabled() and not page.household.source.isEnabled()
    assert page.household.summary.text() == (
        "Đã đóng trong năm: 1 người. Người đóng tiếp theo là người thứ 2."
    )
    fill_person(page, FATHER.personal_id, "Trần Văn Đức", "02/02/1980", male=True)
    settle(qtbot, page)
    assert page.person_quote.text().startswith("Người đang nhập sẽ đóng 956.340 đ")
    page.add_member()
    settle(qtbot, page)
    assert visit_rows(page) == [
        ("Trần Văn Đức", "BHYT hộ gia đình, người thứ 2, 12 tháng", "956.340 đ")
    ]
    assert page.total.text() == "Tổng cộng: 956.340 đ"
    shot(scroll, "register-household.png")
    page.submit_button.click()
    qtbot.waitUntil(lambda: not page.members, timeout=10_000)
    with db.read() as s:
        today = s.scalars(select(Visit).where(Visit.quoted_on == date(2026, 11, 25))).one()
        assert today.total == 956_340
        assert today.quote_json["lines"][0]["position"] == 2


def test_members_declared_paid_elsewhere_continue_the_ladder(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """No record yet: the attendee says two members paid at the commune this year; the
    person registered now is the 3rd (60% = 819,720 đ) and the record lists the two declared
    members first, as declared by the attendee."""
    page, _ = register_page(qtbot, config, db, ctx)
    page.household.declared.setValue(2)
    fill_person(page, MOTHER.personal_id, "Nguyễn Thị Huyền", "14/03/1985")
    settle(qtbot, page)
    assert "người thứ 3" in page.household.summary.text()
    page.add_member()
    settle(qtbot, page)
    assert visit_rows(page)[0][1:] == ("BHYT hộ gia đình, người thứ 3, 12 tháng", "819.720 đ")
    page.submit_button.click()
    qtbot.waitUntil(lambda: not page.members, timeout=10_000)
    assert page.household.declared.value() == 0  # ready for the next household
    with db.read() as s:
        assert s.scalars(select(Visit.total)).one() == 819_720
        view = household_year_view(s, s.scalars(select(HouseholdYear.id)).one())
        assert [(m.position, m.paid_source) for m in view.members] == [
            (1, "declared"),
            (2, "declared"),
            (3, "visit"),
        ]


def test_a_correction_needs_a_reason_and_is_audited(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """The father was recorded as paying 2nd, but he is a pensioner: without a reason the
    dialog says to give one and nothing changes; with one he becomes covered, the next member
    is the 2nd again, and the audit log keeps the reason, the staff member, before and after."""
    earlier_visit(db, ctx, MOTHER, FATHER)
    page, _ = register_page(qtbot, config, db, ctx)
    page.household.lookup.setText(FATHER.personal_id)
    page.household.find_button.click()
    qtbot.waitUntil(lambda: page.household.table.rowCount() == 2, timeout=10_000)
    page.household.table.selectRow(1)
    page.household.correct_button.click()
    dialog = page.household.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.status.setCurrentIndex(dialog.status.findData("covered"))
    dialog.covered_reason.setCurrentIndex(dialog.covered_reason.findData("pensioner"))
    dialog.save.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert dialog.error.text() == "Hãy ghi lý do sửa thông tin hộ gia đình."
    assert household_rows(page)[1][0] == "2"  # unchanged
    dialog.reason.setText("Ông Đức đã hưởng lương hưu từ tháng 01/2026")
    dialog.save.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert household_rows(page)[1] == (
        "—",
        "Trần Văn Đức",
        "Đã có thẻ BHYT nơi khác (Người hưởng lương hưu, trợ cấp BHXH (quỹ BHXH đóng))",
        "Tại ki-ốt",
    )
    assert page.household.summary.text().endswith("Người đóng tiếp theo là người thứ 2.")
    with db.read() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "household_year.corrected")
        ).one()
        assert entry.staff_id == page.state.staff_id
        assert entry.detail["reason"] == "Ông Đức đã hưởng lương hưu từ tháng 01/2026"
        assert entry.detail["before"] == {"position": 2, "status": "paying", "reason": None}
        assert entry.detail["after"] == {
            "position": None,
            "status": "covered",
            "reason": "pensioner",
        }


def test_members_known_from_vss_records_are_stored_with_that_source(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """Beside the count of members already paid, staff chooses where that is known from: the
    attendee's word ("Người dân khai", the default) or the VSS records ("Dữ liệu BHXH"). Two
    members from the VSS records: the mother is quoted 3rd (819.720 đ) and, registered with
    the page's own button, the record lists both as known from the VSS records."""
    page, _ = register_page(qtbot, config, db, ctx)
    panel = page.household
    assert [panel.source.itemText(i) for i in range(panel.source.count())] == [
        "Người dân khai",
        "Dữ liệu BHXH",
    ]
    assert panel.declared_source() == "declared" and panel.source.isEnabled()
    panel.declared.setValue(2)
    panel.source.setCurrentIndex(panel.source.findData("vss_record"))
    assert panel.declared_source() == "vss_record"
    fill_person(page, MOTHER.personal_id, "Nguyễn Thị Huyền", "14/03/1985")
    page.add_member()
    settle(qtbot, page)
    assert visit_rows(page)[0][1:] == ("BHYT hộ gia đình, người thứ 3, 12 tháng", "819.720 đ")
    page.submit_button.click()
    qtbot.waitUntil(lambda: not page.members, timeout=10_000)
    with db.read() as s:
        assert s.scalars(select(Visit.total)).one() == 819_720
        view = household_year_view(s, s.scalars(select(HouseholdYear.id)).one())
        assert [(m.position, m.paid_source) for m in view.members] == [
            (1, "vss_record"),
            (2, "vss_record"),
            (3, "visit"),
        ]
