"""Issue 15 on the attendee's screens, through real widgets and the real core: the poor-household
and ethnicity questions move the monthly amount and the review total to the đồng, and members
insured elsewhere are listed at 0 đ with their reason, not counted in the household's ladder."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.domain.enums import Scheme, SupportGroup
from kiosk.policy.engine import quote_voluntary
from kiosk.services.household_year import household_year_view
from kiosk.store.models import Enrollment, HouseholdYear, Person
from tests.ui.selfservice.conftest import click, settle
from tests.ui.selfservice.fakes import CoreRecorder, cccd
from tests.ui.selfservice.test_wizard_flow import AN, HUYEN, details, scan, text_of
from ui.selfservice.controller import Step
from ui.selfservice.support import SupportScreen
from ui.selfservice.wizard import SelfServiceWizard

TODAY = date(2026, 3, 2)  # the recorder's clock: after 2025-07-01 (Decree 159/2025 shares)
CHILD = cccd("066222000789", "Trần Gia Bảo", "01062022", "Nam")  # 3 years old


def support(wizard: SelfServiceWizard) -> SupportScreen:
    screen = wizard.screens[Step.SUPPORT]
    assert isinstance(screen, SupportScreen)
    return screen


def voluntary_for_an(qtbot: QtBot, wizard: SelfServiceWizard) -> SupportScreen:
    """An alone, voluntary social insurance: the support screen."""
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, AN)
    click(qtbot, details(wizard), "next")
    click(qtbot, wizard.screens[Step.HOUSEHOLD], "next")
    click(qtbot, wizard.screens[Step.SCHEME], "choice_bhxh")
    assert wizard.controller.step == Step.SUPPORT
    return support(wizard)


def six_months_at_3_million(qtbot: QtBot, wizard: SelfServiceWizard) -> str:
    """On the period screen: 6 months, 3,000,000 đ; returns the monthly amount shown."""
    period = wizard.screens[Step.PERIOD]
    click(qtbot, period, "vol_months_6")
    click(qtbot, period, "income_3000000")
    return text_of(period, "monthlyAmount")


def to_review(qtbot: QtBot, wizard: SelfServiceWizard, ethnicity: str = "") -> str:
    """From the period screen to the review's total; `ethnicity` taps that button on the
    everyone's-ethnicity screen (asked of those the support screen did not ask)."""
    click(qtbot, wizard.screens[Step.PERIOD], "next")
    if ethnicity:
        assert wizard.controller.step == Step.ETHNICITY
        click(qtbot, wizard.screens[Step.ETHNICITY], ethnicity)
    qtbot.waitUntil(lambda: wizard.controller.step == Step.REVIEW, timeout=10_000)
    return text_of(wizard.screens[Step.REVIEW], "total")


def test_engine_figures_for_6_months_at_3_million() -> None:
    """The figures the screens must show, from the engine on 02/03/2026: 22 % × 3,000,000 × 6
    = 3,960,000 less the state's share of 22 % of the 1,500,000 đ poverty line a month:
    other 20 % → 3,564,000; ethnic minority 30 % → 3,366,000 (198,000 less); poor 50 % →
    2,970,000."""
    totals = [
        quote_voluntary(3_000_000, group, 6, TODAY).total
        for group in (SupportGroup.OTHER, SupportGroup.ETHNIC_MINORITY, SupportGroup.POOR)
    ]
    assert totals == [3_564_000, 3_366_000, 2_970_000]


def test_ethnic_minority_pays_198000_less_and_the_total_follows_the_answer(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder
) -> None:
    """Not a poor household: the ethnicity is asked next, Kinh first and then the largest
    groups of the event's province (Đắk Lắk: Ê Đê first), then "Dân tộc khác…". Ê Đê: 561.000 đ
    a month, 3.366.000 đ for 6 months, the review says why. Back to the question, Kinh: the
    period screen and the review follow at once (594.000 đ, 3.564.000 đ). Ê Đê again and
    confirmed: stored at 3,366,000 đ as an ethnic-minority enrollment of an Ê Đê person."""
    screen = voluntary_for_an(qtbot, wizard)
    assert screen.group_question.text() == "Gia đình bạn có sổ hộ nghèo / cận nghèo không?"
    assert not screen.ethnicity_question.isVisible()  # asked only after the household answer
    click(qtbot, screen, "group_other")
    assert wizard.controller.step == Step.SUPPORT and screen.ethnicity_question.isVisible()
    assert screen.ethnicity_question.text() == "Bạn là người dân tộc nào?"
    offered = [b.text() for b in screen.choices.buttons.values()]
    assert offered == ["Kinh", "Ê Đê", "Nùng", "Tày", "Mnông", "Mông", "Dao", "Thái", "Gia Rai"]
    assert screen.choices.other.text() == "Dân tộc khác…" and screen.choices.other.isVisible()
    click(qtbot, screen, "eth_12")  # Ê Đê
    assert wizard.controller.step == Step.PERIOD
    assert six_months_at_3_million(qtbot, wizard) == "Số tiền đóng: 561.000 đ mỗi tháng"
    assert to_review(qtbot, wizard) == "3.366.000 đ"
    review = wizard.screens[Step.REVIEW]
    assert text_of(review, "note_0_bhxh_voluntary") == (
        "Nhà nước hỗ trợ theo nhóm: Người dân tộc thiểu số"
    )
    click(qtbot, review, "back")
    click(qtbot, wizard.screens[Step.PERIOD], "back")
    assert wizard.controller.step == Step.SUPPORT
    assert screen.groups[SupportGroup.OTHER].isChecked()
    assert screen.choices.buttons["Ê Đê"].isChecked()  # the answer given is shown
    click(qtbot, screen, "eth_01")  # Kinh after all
    assert text_of(wizard.screens[Step.PERIOD], "monthlyAmount") == (
        "Số tiền đóng: 594.000 đ mỗi tháng"
    )
    assert to_review(qtbot, wizard) == "3.564.000 đ"
    assert wizard.screens[Step.REVIEW].findChild(QLabel, "note_0_bhxh_voluntary") is None
    click(qtbot, wizard.screens[Step.REVIEW], "back")
    click(qtbot, wizard.screens[Step.PERIOD], "back")
    click(qtbot, screen, "eth_12")
    assert to_review(qtbot, wizard) == "3.366.000 đ"
    click(qtbot, wizard.screens[Step.REVIEW], "confirm")
    settle(qtbot, wizard)
    assert wizard.controller.step == Step.PAYMENT
    with recorder.db.read() as s:
        enrollment = s.scalars(select(Enrollment)).one()
        assert (enrollment.amount, enrollment.support_group, enrollment.months) == (
            3_366_000,
            SupportGroup.ETHNIC_MINORITY,
            6,
        )
        assert s.scalars(select(Person.ethnicity)).one() == "Ê Đê"


def test_a_poor_household_is_not_asked_the_ethnicity(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """A poor household's support (50 %) is above any ethnicity's: one tap moves on, and the
    same plan costs 495.000 đ a month, 2.970.000 đ for 6 months. The declaration still needs
    the ethnicity: asked after the period, and a minority answer changes nothing (Ê Đê)."""
    screen = voluntary_for_an(qtbot, wizard)
    click(qtbot, screen, "group_poor")
    assert wizard.controller.step == Step.PERIOD
    assert six_months_at_3_million(qtbot, wizard) == "Số tiền đóng: 495.000 đ mỗi tháng"
    assert to_review(qtbot, wizard, ethnicity="eth_12") == "2.970.000 đ"
    assert wizard.controller.members[0].ethnicity == "Ê Đê"
    assert text_of(wizard.screens[Step.REVIEW], "note_0_bhxh_voluntary") == (
        "Nhà nước hỗ trợ theo nhóm: Hộ nghèo"
    )


def test_other_groups_are_found_typed_without_accents(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """ "Dân tộc khác…" opens the list of all 54; "xyz" on the screen keys finds nothing and
    says so; "hmong" finds Mông by another name (H'Mông); "xodang" finds Xơ Đăng, not on the
    province's short list, whose tap answers the question and shows on the "other" button."""
    screen = voluntary_for_an(qtbot, wizard)
    click(qtbot, screen, "group_other")
    click(qtbot, screen, "eth_other")
    picker = screen.choices.picker
    assert screen.pages.currentWidget() is picker
    assert sum(b.isVisible() for b in picker.buttons.values()) == 54
    for key in "xyz":
        qtbot.mouseClick(picker.keyboard.key_button(key), Qt.MouseButton.LeftButton)
    assert picker.search.text() == "xyz" and picker.none_found.isVisible()
    qtbot.mouseClick(picker.keyboard.key_button("clear"), Qt.MouseButton.LeftButton)
    for key in "hmong":
        qtbot.mouseClick(picker.keyboard.key_button(key), Qt.MouseButton.LeftButton)
    shown = [b.text() for b in picker.buttons.values() if b.isVisible()]
    assert shown == ["Mông"]
    qtbot.mouseClick(picker.keyboard.key_button("clear"), Qt.MouseButton.LeftButton)
    for key in "xodang":
        qtbot.mouseClick(picker.keyboard.key_button(key), Qt.MouseButton.LeftButton)
    assert [b.text() for b in picker.buttons.values() if b.isVisible()] == ["Xơ Đăng"]
    click(qtbot, picker, "list_14")
    assert wizard.controller.step == Step.PERIOD
    assert wizard.controller.plan.ethnicity == "Xơ Đăng"
    click(qtbot, wizard.screens[Step.PERIOD], "back")
    assert (
        screen.pages.currentIndex() == 0 and screen.choices.other.text() == "Dân tộc khác: Xơ Đăng"
    )
    assert not any(b.isChecked() for b in screen.choices.buttons.values())


def test_covered_members_are_listed_at_zero_with_their_reason(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder
) -> None:
    """An, his 3-year-old son and Huyền (10) join household health insurance in one tap. The
    child under 6 is not asked (the state pays his card); Huyền is asked and has a school card.
    Both are listed at 0 đ with the reason and not counted: An is the 1st member and pays the
    whole 1.263.600 đ. Stored: one enrollment; the household's year lists both as covered."""
    click(qtbot, wizard, "start")
    for person in (AN, CHILD, HUYEN):
        scan(qtbot, wizard, person)
        click(qtbot, details(wizard), "next")
    click(qtbot, wizard.screens[Step.HOUSEHOLD], "next")
    click(qtbot, wizard.screens[Step.SCHEME], "choice_bhyt_all")
    cover = wizard.screens[Step.COVER]
    assert wizard.controller.step == Step.COVER
    assert cover.title.text() == "Nguyễn Thị Huyền có thẻ BHYT ở nơi khác không?"
    assert text_of(cover, "coverHint").startswith("Người đã có thẻ BHYT")
    click(qtbot, cover, "cover_pupil_student")
    assert wizard.controller.step == Step.PERIOD
    assert to_review(qtbot, wizard, ethnicity="eth_01") == "1.263.600 đ"
    review = wizard.screens[Step.REVIEW]
    assert text_of(review, "amount_0_bhyt_household") == "1.263.600 đ"
    assert text_of(review, "amount_1_bhyt_household") == "0 đ"
    assert text_of(review, "note_1_bhyt_household") == (
        "Đã có thẻ BHYT, không phải đóng: Trẻ em dưới 6 tuổi (ngân sách nhà nước đóng)"
    )
    assert text_of(review, "amount_2_bhyt_household") == "0 đ"
    assert text_of(review, "note_2_bhyt_household") == (
        "Đã có thẻ BHYT, không phải đóng: Học sinh, sinh viên (tham gia tại trường)"
    )
    click(qtbot, wizard, "switchLanguage")
    assert text_of(review, "note_2_bhyt_household") == (
        "Already insured, nothing to pay: Pupil or student (insured at school)"
    )
    click(qtbot, wizard, "switchLanguage")
    click(qtbot, review, "confirm")
    settle(qtbot, wizard)
    assert wizard.controller.step == Step.PAYMENT
    with recorder.db.read() as s:
        enrollment = s.scalars(select(Enrollment)).one()
        assert (enrollment.scheme, enrollment.position, enrollment.amount) == (
            Scheme.BHYT_HOUSEHOLD,
            1,
            1_263_600,
        )
        view = household_year_view(s, s.scalars(select(HouseholdYear.id)).one())
        assert [(m.full_name, m.status, m.position, m.covered_reason) for m in view.members] == [
            ("Nguyễn Văn An", "paying", 1, None),
            ("Trần Gia Bảo", "covered", None, "child_under_6"),
            ("Nguyễn Thị Huyền", "covered", None, "pupil_student"),
        ]


def test_the_cover_question_goes_back_and_is_not_asked_of_adults(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """An (36) alone is never asked about another card; back from Huyền's question returns to
    the scheme screen, and from the period screen to her question with her answer shown."""
    click(qtbot, wizard, "start")
    scan(qtbot, wizard, AN)
    click(qtbot, details(wizard), "next")
    scan(qtbot, wizard, HUYEN)
    click(qtbot, details(wizard), "next")
    click(qtbot, wizard.screens[Step.HOUSEHOLD], "next")
    click(qtbot, wizard.screens[Step.SCHEME], "choice_bhyt")  # An's own choice
    assert wizard.controller.step == Step.PERIOD  # nothing asked of An
    click(qtbot, wizard.screens[Step.PERIOD], "next")
    click(qtbot, wizard.screens[Step.SCHEME], "choice_bhyt")  # Huyền's
    cover = wizard.screens[Step.COVER]
    assert wizard.controller.step == Step.COVER
    click(qtbot, cover, "back")
    assert wizard.controller.step == Step.SCHEME
    click(qtbot, wizard.screens[Step.SCHEME], "choice_bhyt")
    click(qtbot, cover, "cover_none")
    click(qtbot, wizard.screens[Step.PERIOD], "back")
    assert wizard.controller.step == Step.COVER
    none = cover.findChild(type(cover.none), "cover_none")
    assert none is not None and none.isChecked()
    click(qtbot, cover, "cover_none")
    assert (
        to_review(qtbot, wizard, ethnicity="eth_01") == "2.148.120 đ"
    )  # 1,263,600 + 70 % = 884,520
