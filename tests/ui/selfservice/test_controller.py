"""WizardController without a window: steps, household edits, the single write, reset."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from kiosk.domain.enums import Scheme, Sex, SupportGroup
from tests.ui.selfservice.fakes import Recorder, cccd
from ui.selfservice.controller import Choice, Step, WizardController
from ui.selfservice.model import Registration
from ui.selfservice.runner import InlineRunner

AN = cccd("066090123456", "Nguyễn Văn An", "01021990", "Nam")
BINH = cccd("066192654321", "Trần Thị Bình", "15081992", "Nữ")


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def c(recorder: Recorder) -> WizardController:
    return WizardController(recorder.backend())


def test_scan_on_welcome_starts_and_fills(c: WizardController) -> None:
    """A scan on the attract screen starts the visit with that person prefilled and checked."""
    assert c.scan(AN)
    assert c.step == Step.DETAILS
    assert c.person.full_name == "Nguyễn Văn An"
    assert c.person.sex == Sex.MALE
    assert c.field_errors == {}


def test_scan_ignored_after_household(c: WizardController) -> None:
    """Once schemes are being chosen a stray scan changes nothing."""
    c.scan(AN)
    c.submit_details()
    c.household_done()
    assert c.scan(BINH) is False
    assert [m.person.full_name for m in c.members] == ["Nguyễn Văn An"]


def test_set_field_checks_only_when_asked(c: WizardController) -> None:
    """While typing, a wrong value is not flagged; on leaving it is; a fix clears it at once."""
    c.start()
    c.type_manually()
    c.set_field("birth_date", "31/02", check=False)
    assert "birth_date" not in c.field_errors
    c.set_field("birth_date", "31/02/1990", check=True)
    assert c.field_errors["birth_date"].code == "date.invalid"
    c.set_field("birth_date", "28/02/1990", check=False)
    assert "birth_date" not in c.field_errors


def test_household_remove_and_back(c: WizardController) -> None:
    """People can be added and removed (not the first); going back from an empty add drops it."""
    c.scan(AN)
    c.submit_details()
    c.add_member()
    assert c.step == Step.IDENTIFY and len(c.members) == 2
    c.back()
    assert c.step == Step.HOUSEHOLD and len(c.members) == 1
    c.scan(BINH)
    c.submit_details()
    c.remove_member(1)
    assert [m.person.full_name for m in c.members] == ["Nguyễn Văn An"]
    c.remove_member(0)  # the last person stays: starting over is "Quay lại" to the welcome
    assert [m.person.full_name for m in c.members] == ["Nguyễn Văn An"]


def test_income_starts_at_minimum_and_is_clamped(c: WizardController) -> None:
    """Choosing voluntary SI starts the income at the floor; set_income stays within the bounds."""
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHXH)
    assert c.plan.income == 1_500_000
    assert c.monthly_amount() == 264_000
    c.set_income(100)
    assert c.plan.income == 1_500_000
    c.set_income(99_000_000)
    assert c.plan.income == 46_800_000


def test_only_confirm_writes_and_reset_forgets(c: WizardController, recorder: Recorder) -> None:
    """The quote is computed without storing; confirm stores once; reset forgets everything."""
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BOTH)
    c.set_voluntary_months(3)
    c.period_done()
    assert c.step == Step.ETHNICITY  # the support screen's questions were not answered here
    c.answer_listed_ethnicity("Kinh")
    assert c.step == Step.REVIEW
    assert c.quote is not None and c.quote.total == 1_263_600 + 3 * 264_000
    assert recorder.registered == []
    assert c.confirm()
    assert recorder.registered[0][0].schemes == {Scheme.BHYT_HOUSEHOLD, Scheme.BHXH_VOLUNTARY}
    c.pay_at_desk()
    assert c.step == Step.THANKS and len(recorder.tickets) == 1
    c.reset()
    assert c.step == Step.WELCOME and c.members == [] and c.registration is None


def test_back_walks_the_steps(c: WizardController) -> None:
    """Back goes one screen back through schemes and periods, and from review to the last period."""
    c.scan(AN)
    c.submit_details()
    c.scan(BINH)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT)
    c.period_done()
    c.choose(Choice.BHYT)
    c.period_done()
    assert c.step == Step.ETHNICITY and c.ethnicity_targets() == [0, 1]
    c.answer_listed_ethnicity("Kinh")
    assert c.step == Step.REVIEW
    c.back()
    assert c.step == Step.ETHNICITY and c.ethnicity_targets() == [0, 1]  # asked here again
    c.back()
    assert (c.step, c.plan_index) == (Step.PERIOD, 1)
    c.back()
    c.back()
    assert (c.step, c.plan_index) == (Step.PERIOD, 0)
    c.back()
    c.back()
    assert c.step == Step.HOUSEHOLD


def test_rejects_periods_not_allowed(c: WizardController) -> None:
    """Only the backend's allowed periods can be chosen."""
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT)
    with pytest.raises(ValueError):
        c.set_bhyt_months(5)


class HeldRunner:
    """A runner that keeps each task until the test lets it run (a slow worker thread)."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None] | None, Any]] = []

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.jobs.append((fn, on_done, on_error))

    def finish(self) -> None:
        fn, on_done, on_error = self.jobs.pop(0)
        InlineRunner().run(fn, on_done, on_error)


def to_review(c: WizardController) -> None:
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT)
    c.period_done()
    c.answer_listed_ethnicity("Kinh")
    if isinstance(c.runner, HeldRunner):
        c.runner.finish()  # the quote's read


def test_writes_go_through_the_runner_and_a_double_tap_waits(recorder: Recorder) -> None:
    """confirm() hands the write to the injected runner and is busy until it reports; taps in
    between start nothing; the result arrives through the callback (GUI thread in the window)."""
    runner = HeldRunner()
    c = WizardController(recorder.backend(), runner)
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT)
    c.period_done()
    c.answer_listed_ethnicity("Kinh")  # the quote reads the household's year: on the runner too
    assert c.busy and not c.saving and c.step == Step.ETHNICITY and len(runner.jobs) == 1
    c.answer_listed_ethnicity("Kinh")
    assert len(runner.jobs) == 1  # a second tap on an answer starts nothing
    runner.finish()
    assert not c.busy and c.step == Step.REVIEW and c.quote is not None
    assert c.confirm() is False and c.busy and c.saving
    assert c.confirm() is False and len(runner.jobs) == 1  # the double tap
    assert recorder.registered == []  # nothing ran on the calling thread
    runner.finish()
    assert not c.busy and c.step == Step.PAYMENT and len(recorder.registered) == 1
    assert c.confirm() is True and runner.jobs == []
    c.pay_vietqr()
    assert c.busy and c.step == Step.PAYMENT
    runner.finish()
    assert c.step == Step.VIETQR and c.vietqr == "VIETQR|visit-1|1263600"


def test_a_write_that_returns_after_the_idle_wipe_is_ignored(recorder: Recorder) -> None:
    """The attendee walked away while the visit was stored: the late result shows nothing."""
    runner = HeldRunner()
    c = WizardController(recorder.backend(), runner)
    to_review(c)
    c.confirm()
    c.reset()
    runner.finish()
    assert c.step == Step.WELCOME and c.registration is None and not c.busy


def test_a_bug_in_a_write_is_logged_and_calmly_worded(
    recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    """A crash inside register (not a KioskError) leaves the review screen with a calm sentence
    and its traceback in the log."""

    def broken(_members: object) -> Registration:
        raise RuntimeError("disk I/O error")

    c = WizardController(dataclasses.replace(recorder.backend(), register=broken))
    to_review(c)
    caplog.set_level(logging.INFO)
    assert c.confirm() is False
    assert c.step == Step.REVIEW and c.error is not None
    assert c.error.code == "selfservice.failed" and not c.busy
    assert any(r.exc_info and "disk I/O error" in str(r.exc_info[1]) for r in caplog.records)


def test_one_choice_for_the_whole_household(c: WizardController) -> None:
    """ "Health insurance for all" sets every member's scheme and period in one go and goes
    straight to the review after the one period screen; back returns to that screen."""
    c.scan(AN)
    c.submit_details()
    c.scan(BINH)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT, everyone=True)
    c.set_bhyt_months(6)
    c.period_done()
    c.answer_listed_ethnicity("Tày")
    assert c.step == Step.REVIEW
    assert [(m.schemes, m.bhyt_months) for m in c.members] == [
        (frozenset({Scheme.BHYT_HOUSEHOLD}), 6),
        (frozenset({Scheme.BHYT_HOUSEHOLD}), 6),
    ]
    assert c.quote is not None and c.quote.total == 6 * (105_300 + 73_710)
    c.back()
    c.back()
    assert (c.step, c.plan_index) == (Step.PERIOD, 0)
    c.back()
    assert c.step == Step.SCHEME and c.shared_plan  # the screen shows what was chosen
    c.choose(Choice.BOTH)  # one person's own choice: the others are asked in turn again
    c.period_done()
    assert (c.step, c.plan_index, c.shared_plan) == (Step.SCHEME, 1, False)


def test_income_typed_is_checked_by_the_backend(c: WizardController) -> None:
    """A typed income is kept only within the bounds; a wrong one is reported and blocks the
    step (never silently changed); presets are the floor and allowed round amounts."""
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHXH)
    c.answer_group(SupportGroup.OTHER)
    c.answer_ethnicity("Kinh")
    assert c.income_presets() == (1_500_000, 2_000_000, 3_000_000, 5_000_000, 10_000_000)
    assert c.enter_income(3_000_000) and c.plan.income == 3_000_000
    assert c.monthly_amount() == 594_000
    assert not c.enter_income(90_000_000)
    assert c.plan.income == 3_000_000 and c.income_error is not None
    c.period_done()
    assert c.step == Step.PERIOD and c.error is c.income_error
    c.step_income(1)  # −/+ move by the backend's step from a valid amount
    assert c.plan.income == 3_050_000 and c.income_error is None


def test_household_address_offered_to_a_new_member(c: WizardController) -> None:
    """A typed member takes the household's address (the first member's, commune included) in
    one call; the first member is offered nothing."""
    c.scan(cccd("066090123456", "Nguyễn Văn An", "01021990", "Nam", "Thôn 1, xã Ea Kao, Đắk Lắk"))
    assert c.household_address() == ""
    c.submit_details()
    c.add_member()
    c.type_manually()
    assert c.household_address() == "Thôn 1, xã Ea Kao, Đắk Lắk"
    c.use_household_address()
    assert c.person.address == "Thôn 1, xã Ea Kao, Đắk Lắk"


def test_limit_is_announced(c: WizardController) -> None:
    """note_limit puts a message under the field; the next accepted edit clears it."""
    c.start()
    c.type_manually()
    c.note_limit("full_name", 80)
    assert c.field_errors["full_name"].code == "selfservice.too_long"
    assert c.field_errors["full_name"].params == {"limit": 80}
    c.set_field("full_name", "Nguyễn Văn A", check=False)
    assert "full_name" not in c.field_errors


def test_questions_are_asked_only_where_they_change_money(recorder: Recorder) -> None:
    """A child under 6 is covered without a question; a pupil is asked; an adult of 36 is not.
    The ethnicity follows a "Không" to the household question only while a minority gets more
    support than "other": from 2025-07-01 (30 % against 20 %), not before (both 10 %)."""
    c = WizardController(recorder.backend())
    c.scan(AN)
    c.submit_details()
    c.scan(cccd("066222000789", "Trần Gia Bảo", "01062022", "Nam"))  # 3 on 02/03/2026
    c.submit_details()
    c.scan(cccd("066315111222", "Nguyễn Thị Huyền", "03032015", "Nữ"))  # 10
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHYT, everyone=True)
    assert (c.step, c.asking) == (Step.COVER, 2)
    assert c.cover_offer(c.members[2]) == ("pupil_student", "other_scheme")
    assert c.cover_offer(c.members[0]) == ()
    assert (c.members[1].covered_reason, c.members[1].cover_answered) == ("child_under_6", True)
    with pytest.raises(ValueError):
        c.answer_cover("pensioner")  # not offered to a 10-year-old
    c.answer_cover(None)
    assert c.step == Step.PERIOD
    c.period_done()
    c.answer_listed_ethnicity("Kinh")
    assert c.quote is not None
    assert [(x.member, x.amount, x.covered_reason) for x in c.quote.lines] == [
        (0, 1_263_600, None),
        (1, 0, "child_under_6"),
        (2, 884_520, None),
    ]
    before = WizardController(
        dataclasses.replace(recorder.backend(), today=lambda: date(2025, 3, 1))
    )
    before.scan(AN)
    before.submit_details()
    before.household_done()
    before.choose(Choice.BHXH)
    assert before.step == Step.SUPPORT
    before.answer_group(SupportGroup.OTHER)
    assert before.step == Step.PERIOD  # no ethnicity question: it would change nothing
    c.reset()
    c.scan(AN)
    c.submit_details()
    c.household_done()
    c.choose(Choice.BHXH)
    c.answer_group(SupportGroup.OTHER)
    assert c.step == Step.SUPPORT and c.ethnicity_matters()
    assert not c.answer_ethnicity("Người sao Hỏa")
    assert c.error is not None and c.error.code == "selfservice.unknown_ethnicity"
    assert c.answer_ethnicity("ede") and c.plan.ethnicity == "Ê Đê"
    assert c.applied_group() == SupportGroup.ETHNIC_MINORITY
    assert c.monthly_amount() == 264_000 - 33_000  # the floor, 10 % more of 330,000 đ
