"""WizardController without a window: steps, household edits, the single write, reset."""

from __future__ import annotations

import pytest

from kiosk.domain.enums import Scheme, Sex
from tests.ui.selfservice.fakes import Recorder, cccd
from ui.selfservice.controller import Choice, Step, WizardController

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
    assert c.step == Step.REVIEW
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
