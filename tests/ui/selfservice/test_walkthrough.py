"""The two reference tasks walked through real widgets, counting taps and screens.

Measured before issue 22 (same script, the wizard of that day): the household of three took
14 taps, 3 scans and 18 screens; voluntary insurance at 3,000,000 đ for 6 months took 39 taps
(30 of them on "+") and 10 screens. Targets set then: 10 taps and 14 screens for the
household, 10 taps and 10 screens for voluntary insurance.

Issue 15 adds the questions that change money, each asked only where it does: the household's
10-year-old is asked once whether she has a school card (+1 tap "Không", +1 screen); the
voluntary attendee answers the poor-household and ethnicity questions on one screen (+2 taps,
+1 screen). Targets then: 11 taps and 15 screens, 12 taps and 11 screens.

Everyone's ethnicity (3 Dec 2026): the declaration sent to VSS records each person's group, so
those the support screen did not ask answer once for the whole list after the periods (+1 tap,
+1 screen for the household; none for the voluntary attendee, asked on the support screen).
Now: 12 taps and 16 screens, 12 taps and 11 screens.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.selfservice.fakes import CoreRecorder
from tests.ui.selfservice.test_wizard_flow import AN, BINH, HUYEN, scan, text_of
from ui.selfservice.controller import Step
from ui.selfservice.wizard import SelfServiceWizard

# The household's ethnicity question (one tap for the three: VSS's declaration records each
# person's group and it must not be guessed) added a tap and a screen: was 11 and 15.
HOUSEHOLD_TAPS, HOUSEHOLD_SCREENS = 12, 16  # before issue 22: 14, 18; before issue 15: 10, 14
VOLUNTARY_TAPS, VOLUNTARY_SCREENS = 12, 11  # before issue 22: 39, 10; before issue 15: 10, 10


class Walk:
    """Taps buttons on the screen on show as a person would, and counts taps, scans, screens."""

    def __init__(self, qtbot: QtBot, wizard: SelfServiceWizard) -> None:
        self.qtbot, self.wizard = qtbot, wizard
        self.taps = self.scans = 0
        self.screens = [wizard.controller.step]
        wizard.stack.currentChanged.connect(lambda _i: self.screens.append(wizard.controller.step))

    def tap(self, name: str) -> None:
        button = self.wizard.current_screen().findChild(QPushButton, name)
        assert button is not None, name
        assert button.isVisible() and button.isEnabled(), name
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.taps += 1
        # a write runs on the worker thread; the person waits for the next screen
        self.qtbot.waitUntil(lambda: not self.wizard.controller.busy, timeout=10_000)

    def scan(self, text: str) -> None:
        scan(self.qtbot, self.wizard, text)
        self.scans += 1


def test_household_of_three_by_cccd_scans_vietqr(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder
) -> None:
    """Three CCCD scans, household health insurance for 12 months for all, VietQR: within the
    target taps and screens, and the amounts are the household ladder's."""
    walk = Walk(qtbot, wizard)
    walk.tap("start")
    for person in (AN, BINH, HUYEN):
        walk.scan(person)  # on the household list a scan adds the next person
        walk.tap("next")  # the details look right
    walk.tap("next")  # the household is complete
    walk.tap("choice_bhyt_all")
    walk.tap("cover_none")  # Huyền (10) has no school card: the only member asked
    walk.tap("next")  # 12 months is the default period
    walk.tap("eth_01")  # everyone is Kinh: one answer for the three (for the declaration)
    assert text_of(wizard, "total") == "2.906.280 đ"  # 1,263,600 + 884,520 + 758,160
    walk.tap("confirm")
    walk.tap("payVietqr")
    assert text_of(wizard, "vietqrAmount") == "2.906.280 đ"
    walk.tap("vietqrDone")
    assert wizard.controller.step == Step.THANKS
    assert [m.bhyt_months for m in recorder.registered[0]] == [12, 12, 12]
    assert (walk.taps, walk.scans, len(walk.screens)) == (HOUSEHOLD_TAPS, 3, HOUSEHOLD_SCREENS)
    print(f"household of three: {walk.taps} taps, {walk.scans} scans, {len(walk.screens)} screens")


def test_voluntary_insurance_3_million_for_6_months(
    qtbot: QtBot, wizard: SelfServiceWizard, recorder: CoreRecorder
) -> None:
    """Voluntary social insurance on 3,000,000 đ a month for 6 months: the amount is one big
    button, the monthly contribution shows beside it; within the target taps and screens."""
    walk = Walk(qtbot, wizard)
    walk.tap("start")
    walk.scan(AN)
    walk.tap("next")
    walk.tap("next")  # nobody else
    walk.tap("choice_bhxh")
    walk.tap("group_other")  # not a poor or near-poor household
    walk.tap("eth_01")  # Kinh
    walk.tap("vol_months_6")
    walk.tap("income_3000000")
    assert text_of(wizard, "monthlyAmount") == "Số tiền đóng: 594.000 đ mỗi tháng"
    walk.tap("next")
    assert text_of(wizard, "total") == "3.564.000 đ"  # 6 × 594,000
    walk.tap("confirm")
    walk.tap("payVietqr")
    walk.tap("vietqrDone")
    assert wizard.controller.step == Step.THANKS
    stored = recorder.registered[0][0]
    assert (stored.income, stored.voluntary_months) == (3_000_000, 6)
    assert (walk.taps, walk.scans, len(walk.screens)) == (VOLUNTARY_TAPS, 1, VOLUNTARY_SCREENS)
    print(f"voluntary insurance: {walk.taps} taps, {walk.scans} scans, {len(walk.screens)} screens")
