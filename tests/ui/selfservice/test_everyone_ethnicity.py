"""Everyone's ethnicity on the touchscreen: the declaration VSS receives records each person's
group, so those the support screen did not ask are asked once after the periods (one answer
for the list, or one by one), it is stored for each, and it changes no amount."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.domain.enums import SupportGroup
from kiosk.store.models import Person
from tests.ui.selfservice.conftest import click, settle
from tests.ui.selfservice.fakes import CoreRecorder, Recorder
from tests.ui.selfservice.test_controller import AN, BINH
from tests.ui.selfservice.test_wizard_flow import HUYEN, details, scan, text_of
from ui.selfservice.controller import Choice, Step, WizardController
from ui.selfservice.ethnicity import EthnicityScreen
from ui.selfservice.wizard import SelfServiceWizard


def _household(c: WizardController, *people: str) -> None:
    c.start()
    for person in people:
        c.scan(person)
        c.submit_details()
    c.household_done()


def test_only_those_not_asked_are_asked_and_one_answer_is_for_all() -> None:
    """An answers on the support screen (voluntary insurance, not poor); Bình and Huyền join
    health insurance and were asked nothing: the step lists the two of them, one answer
    fills both, An's own answer stays."""
    c = WizardController(Recorder().backend())
    _household(c, AN, BINH, HUYEN)
    c.choose(Choice.BHXH)
    c.answer_group(SupportGroup.OTHER)
    assert c.answer_ethnicity("Ê Đê") and c.step == Step.PERIOD
    c.period_done()
    for _member in (1, 2):
        c.choose(Choice.BHYT)
        if c.step == Step.COVER:
            c.answer_cover(None)
        c.period_done()
    assert c.step == Step.ETHNICITY and c.ethnicity_targets() == [1, 2]
    assert not c.answer_listed_ethnicity("Người sao Hỏa")
    assert c.error is not None and c.error.code == "selfservice.unknown_ethnicity"
    assert c.step == Step.ETHNICITY and [m.ethnicity for m in c.members] == ["Ê Đê", "", ""]
    assert c.answer_listed_ethnicity("tay")  # typed without accents
    assert c.step == Step.REVIEW and c.error is None
    assert [m.ethnicity for m in c.members] == ["Ê Đê", "Tày", "Tày"]


def test_one_by_one_goes_forward_and_back_and_review_returns_to_the_last() -> None:
    """ "Mỗi người một dân tộc": one question per person in list order; back walks the
    persons, then the question for all, then the last period; back from the review shows the
    last person's question again, with the answers kept."""
    c = WizardController(Recorder().backend())
    _household(c, AN, BINH)
    c.choose(Choice.BHYT, everyone=True)
    c.period_done()
    assert c.ethnicity_targets() == [0, 1] and not c.ethnicity_each
    c.ethnicity_one_by_one()
    assert c.ethnicity_targets() == [0]
    c.answer_listed_ethnicity("Kinh")
    assert (c.step, c.ethnicity_targets()) == (Step.ETHNICITY, [1])
    c.back()
    assert c.ethnicity_targets() == [0] and c.members[0].ethnicity == "Kinh"
    c.answer_listed_ethnicity("Kinh")
    c.answer_listed_ethnicity("Mường")
    assert c.step == Step.REVIEW and [m.ethnicity for m in c.members] == ["Kinh", "Mường"]
    c.back()
    assert (c.step, c.ethnicity_targets()) == (Step.ETHNICITY, [1])
    c.back()
    c.back()
    assert (c.step, c.ethnicity_each) == (Step.ETHNICITY, False)
    c.back()
    assert (c.step, c.plan_index) == (Step.PERIOD, 0)
    c.reset()
    assert not c.ethnicity_each and c.ethnicity_pos == 0


def test_nobody_left_to_ask_goes_straight_to_the_review() -> None:
    """A voluntary attendee who answered on the support screen is not asked twice."""
    c = WizardController(Recorder().backend())
    _household(c, AN)
    c.choose(Choice.BHXH)
    c.answer_group(SupportGroup.OTHER)
    c.answer_ethnicity("Kinh")
    c.period_done()
    assert c.step == Step.REVIEW and c.ethnicity_queue() == []


def test_screen_answers_for_all_from_the_full_list_and_changes_no_amount(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder
) -> None:
    """Through the widgets and the real core: An and Bình, health insurance for both. The
    screen names them, says why it asks and that the amount does not change; "Dân tộc
    khác…", "xodang" on the screen keys, Xơ Đăng: both stored as Xơ Đăng, and the total is
    the ladder's 1.263.600 + 884.520 = 2.148.120 đ, as for Kinh. In English too."""
    click(qtbot, wizard, "start")
    for person in (AN, BINH):
        scan(qtbot, wizard, person)
        click(qtbot, details(wizard), "next")
    click(qtbot, wizard.screens[Step.HOUSEHOLD], "next")
    click(qtbot, wizard.screens[Step.SCHEME], "choice_bhyt_all")
    click(qtbot, wizard.screens[Step.PERIOD], "next")
    screen = wizard.screens[Step.ETHNICITY]
    assert isinstance(screen, EthnicityScreen) and wizard.controller.step == Step.ETHNICITY
    assert screen.title.text() == "Những người này là dân tộc nào?"
    assert text_of(screen, "ethnicityNames") == "Nguyễn Văn An, Trần Thị Bình"
    assert "không làm thay đổi số tiền" in text_of(screen, "ethnicityHint")
    assert screen.each.isVisible() and screen.choices.buttons["Kinh"].isVisible()
    click(qtbot, wizard, "switchLanguage")
    assert screen.title.text() == "Which ethnic group are these people?"
    assert screen.each.text() == "Not everyone is the same group"
    click(qtbot, wizard, "switchLanguage")
    click(qtbot, screen, "eth_other")
    picker = screen.choices.picker
    assert screen.pages.currentWidget() is picker
    for key in "xodang":
        qtbot.mouseClick(picker.keyboard.key_button(key), Qt.MouseButton.LeftButton)
    found = [b.text() for b in picker.buttons.values() if b.isVisible()]
    assert found == ["Xơ Đăng"]
    qtbot.mouseClick(picker.buttons["14"], Qt.MouseButton.LeftButton)  # Xơ Đăng's code
    settle(qtbot, wizard)
    assert wizard.controller.step == Step.REVIEW
    assert text_of(wizard.screens[Step.REVIEW], "total") == "2.148.120 đ"
    click(qtbot, wizard.screens[Step.REVIEW], "back")
    assert wizard.controller.step == Step.ETHNICITY
    assert screen.pages.currentIndex() == 0  # the full list closed when the person moved on
    assert screen.choices.other.text() == "Dân tộc khác: Xơ Đăng"  # the answer shows
    click(qtbot, screen, "eth_01")
    settle(qtbot, wizard)
    assert text_of(wizard.screens[Step.REVIEW], "total") == "2.148.120 đ"  # Kinh: the same
    click(qtbot, wizard.screens[Step.REVIEW], "confirm")
    settle(qtbot, wizard)
    assert wizard.controller.step == Step.PAYMENT
    with recorder.db.read() as s:
        stored = sorted((p.full_name, p.ethnicity) for p in s.scalars(select(Person)))
    assert stored == [("Nguyễn Văn An", "Kinh"), ("Trần Thị Bình", "Kinh")]


def test_one_person_is_asked_by_name_without_the_one_by_one_button(
    qtbot: QtBot, wizard: SelfServiceWizard
) -> None:
    """Huyền alone is left to ask: the title names her (the attendee would read "Bạn")."""
    c = wizard.controller
    _household(c, AN, HUYEN)
    c.choose(Choice.BHXH)
    c.answer_group(SupportGroup.OTHER)
    c.answer_ethnicity("Kinh")
    c.period_done()
    c.choose(Choice.BHYT)
    c.answer_cover(None)
    c.period_done()
    settle(qtbot, wizard)
    screen = wizard.screens[Step.ETHNICITY]
    assert isinstance(screen, EthnicityScreen)
    assert screen.title.text() == "Nguyễn Thị Huyền là người dân tộc nào?"
    assert not screen.each.isVisible() and not screen.names.isVisible()
    c.reset()
    _household(c, HUYEN)
    c.choose(Choice.BHYT)
    c.answer_cover(None)
    c.period_done()
    assert screen.title.text() == "Bạn là người dân tộc nào?"
