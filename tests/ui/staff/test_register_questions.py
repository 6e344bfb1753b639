"""The desk asks ethnicity, support group, residence and cover in plain words, and every
answer moves the figures at once, through the real widgets (figures from the policy engine)."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.config import Config
from kiosk.domain.enums import Scheme, SupportGroup
from kiosk.policy.engine import quote_voluntary
from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from kiosk.store.models import Enrollment, Visit
from tests.ui.staff.registerkit import fill_person, register_page, settle, shot, visit_rows
from tests.ui.widgets.test_scanner_keys import TYPIST, scanner_events, send_keys
from ui.staff.register_page import RegisterPage

DAY = date(2026, 11, 25)


def six_months_at_3_million(page: RegisterPage) -> None:
    """Voluntary SI only, 6 months, income 3,000,000 đ."""
    page.bhyt.setChecked(False)
    page.voluntary.setChecked(True)
    page.voluntary_months.setCurrentIndex(page.voluntary_months.findData(6))
    page.income.setText("3000000")


def test_engine_gives_198000_less_to_an_ethnic_minority() -> None:
    """The figures the desk must show, from the engine on 25/11/2026 (after 2025-07-01):
    22% × 3,000,000 × 6 = 3,960,000 less the support on the rural poverty line 1,500,000:
    "other" 10% → 3,564,000; ethnic minority 30% → 3,366,000; 198,000 apart."""
    other = quote_voluntary(3_000_000, SupportGroup.OTHER, 6, DAY).total
    minority = quote_voluntary(3_000_000, SupportGroup.ETHNIC_MINORITY, 6, DAY).total
    assert (other, minority, other - minority) == (3_564_000, 3_366_000, 198_000)


# The completer's popup asks the offscreen platform to raise it and grab the keyboard.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_ethnicity_typed_without_accents_lowers_the_quote_live(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """No ethnicity chosen yet, 3,000,000 đ for 6 months shows 3.564.000 đ; typing "ede" in the
    ethnicity box
    picks Ê Đê, the applied group becomes ethnic minority and the figure 3.366.000 đ without
    any other action; added and registered, the visit is stored at 3,366,000 đ."""
    page, scroll = register_page(qtbot, config, db, ctx)
    six_months_at_3_million(page)
    settle(qtbot, page)
    assert page.person_quote.text().startswith("Người đang nhập sẽ đóng 3.564.000 đ")
    line = page.questions.ethnicity.lineEdit()
    assert line is not None
    line.selectAll()
    send_keys(line, scanner_events("ede", TYPIST))  # a person typing, then Enter
    assert page.questions.ethnicity.filter.rowCount() == 1  # the list offered Ê Đê only
    assert page.questions.ethnicity.currentText() == "Ê Đê"
    assert page.questions.applied.text().endswith("Người dân tộc thiểu số")
    assert page.person_quote.text().startswith("Người đang nhập sẽ đóng 3.366.000 đ")
    fill_person(page, "066190000021", "Y Hoa Niê", "05/06/1990")
    page.add_member()
    settle(qtbot, page)
    assert page.error.text() == ""
    assert page.total.text() == "Tổng cộng: 3.366.000 đ"
    shot(scroll, "register-ethnicity.png")
    page.submit_button.click()
    qtbot.waitUntil(lambda: not page.members, timeout=10_000)
    with db.read() as s:
        assert s.scalars(select(Visit.total)).one() == 3_366_000
        enrollment = s.scalars(select(Enrollment)).one()
        assert (enrollment.scheme, enrollment.support_group) == (
            Scheme.BHXH_VOLUNTARY,
            SupportGroup.ETHNIC_MINORITY,
        )


def test_declared_group_and_other_names_follow(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """A poor household (papers shown) pays 2.970.000 đ for the same plan; "Hmông" is found
    as Mông by another name; an unknown ethnicity says to choose from the list and is refused
    with the service's sentence when added."""
    page, _ = register_page(qtbot, config, db, ctx)
    six_months_at_3_million(page)
    page.questions.group.setCurrentIndex(page.questions.group.findData(SupportGroup.POOR))
    settle(qtbot, page)
    assert page.questions.applied.text().endswith("Hộ nghèo")
    assert page.person_quote.text().startswith("Người đang nhập sẽ đóng 2.970.000 đ")
    page.questions.ethnicity.set_ethnicity("Hmông")
    assert page.questions.ethnicity.currentText() == "Mông"
    page.questions.ethnicity.setEditText("Người sao Hỏa")
    assert "Chưa rõ dân tộc" in page.questions.applied.text()
    fill_person(page, "066190000021", "Lò Thị Xa", "05/06/1990")
    page.add_member()
    assert "không có trong danh mục 54 dân tộc" in page.error.text()
    assert page.members == []


def test_income_field_refuses_text_and_an_off_step_amount(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """ "abc" is not an amount (said under the field, nothing added); 3,012,345 đ is not on the
    collection rule's 50,000 đ steps: the message under the field and the page names the
    nearest allowed amounts 3.000.000 đ and 3.050.000 đ, nothing added; 3.050.000 is added."""
    page, scroll = register_page(qtbot, config, db, ctx)
    six_months_at_3_million(page)
    fill_person(page, "066190000021", "Y Hoa Niê", "05/06/1990")
    page.income.setText("")
    send_keys(page.income.edit, scanner_events("abc", TYPIST))
    assert page.income.text() == "abc"
    page.add_member()
    assert "không phải số tiền" in page.income.note.text()
    assert "không phải số tiền" in page.error.text() and page.members == []
    page.income.setText("3012345")
    assert "3.000.000 đ hoặc 3.050.000 đ" in page.income.note.text()  # live, before adding
    assert page.person_quote.text() == ""
    page.add_member()
    assert "3.000.000 đ hoặc 3.050.000 đ" in page.error.text() and page.members == []
    shot(scroll, "register-income-refused.png")
    page.income.setText("3.050.000")
    assert page.income.note.text() == "= 3.050.000 đ"
    page.add_member()
    settle(qtbot, page)
    assert page.error.text() == "" and len(page.members) == 1
    assert visit_rows(page)[0][2] == "3.630.000 đ"  # 22% × 3,050,000 × 6 − 6 × 33,000


def test_covered_child_is_shown_at_zero_with_its_reason_and_not_counted(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """A child insured as under 6 is added with no scheme: listed at 0 đ with the reason; the
    mother added after her is still the 1st member (1.366.200 đ), the total counts her only."""
    page, scroll = register_page(qtbot, config, db, ctx)
    fill_person(page, "066222000022", "Trần Gia Bảo", "01/06/2022", male=True)
    page.questions.covered.setChecked(True)
    assert not page.bhyt.isEnabled()
    page.questions.reason.setCurrentIndex(page.questions.reason.findData("child_under_6"))
    page.add_member()
    assert page.error.text() == ""
    fill_person(page, "066190000021", "Nguyễn Thị Huyền", "05/06/1990")
    assert not page.questions.covered.isChecked() and page.bhyt.isEnabled()  # reset for her
    page.add_member()
    settle(qtbot, page)
    rows = visit_rows(page)
    assert rows[0][0] == "Trần Gia Bảo" and rows[0][2] == "0 đ"
    assert rows[0][1].startswith("Đã có BHYT: Trẻ em dưới 6 tuổi")
    assert rows[1] == ("Nguyễn Thị Huyền", "BHYT hộ gia đình, người thứ 1, 12 tháng", "1.366.200 đ")
    assert page.total.text() == "Tổng cộng: 1.366.200 đ"
    shot(scroll, "register-covered.png")


def test_a_person_nobody_asked_is_stored_without_ethnicity(
    qtbot: QtBot, config: Config, db: Database, ctx: KioskContext
) -> None:
    """The desk form starts with no ethnicity chosen (never a preselected Kinh), says so beside
    the applied group, and a person registered without an answer is stored with none: the
    visit page then asks for it, and the dossier waits for it."""
    from kiosk.store.models import Person

    page, _ = register_page(qtbot, config, db, ctx)
    assert page.questions.ethnicity.currentText() == ""
    six_months_at_3_million(page)
    settle(qtbot, page)
    assert page.questions.applied.text() == (
        "Chưa hỏi dân tộc. Mức hỗ trợ BHXH tự nguyện áp dụng: Đối tượng khác"
    )
    fill_person(page, "066190000021", "Y Hoa Niê", "05/06/1990")
    page.add_member()
    settle(qtbot, page)
    page.submit_button.click()
    qtbot.waitUntil(lambda: not page.members, timeout=10_000)
    with db.read() as s:
        assert s.scalars(select(Person.ethnicity)).one() == ""
        assert s.scalars(select(Visit.total)).one() == 3_564_000
