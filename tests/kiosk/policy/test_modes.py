"""Back payment, advance payment and payment windows: eligibility first, then the rate."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.domain.enums import Sex, SupportGroup, VoluntaryMode
from kiosk.errors import KioskError
from kiosk.policy.engine import BackFacts, quote_voluntary
from kiosk.policy.tables import policy_on
from kiosk.policy.voluntary import reached_retirement_age

G = SupportGroup
BACK = VoluntaryMode.BACK
ADVANCE = VoluntaryMode.ADVANCE


def _back(facts: BackFacts | None, months: int, on: date) -> str:
    with pytest.raises(KioskError) as err:
        quote_voluntary(1_500_000, G.OTHER, months, on, mode=BACK, facts=facts)
    return err.value.code


@pytest.mark.parametrize(
    ("facts", "months", "on", "code"),
    [
        # born 1975: 51 in 2026, far from retirement age
        (BackFacts(date(1975, 5, 1), Sex.MALE, 170), 10, date(2026, 11, 25), "policy.back_not_retirement_age"),
        # at retirement age but 180 − 119 = 61 months missing, more than 60 (Decree 159 Art 7)
        (BackFacts(date(1960, 1, 15), Sex.MALE, 119), 61, date(2026, 11, 25), "policy.back_too_many_missing"),
        # 15 years already paid
        (BackFacts(date(1960, 1, 15), Sex.MALE, 180), 1, date(2026, 11, 25), "policy.back_nothing_missing"),
        # 10 months missing: paying 12 is refused
        (BackFacts(date(1960, 1, 15), Sex.MALE, 170), 12, date(2026, 11, 25), "policy.back_months_mismatch"),
        (None, 10, date(2026, 11, 25), "policy.back_needs_facts"),
        # eligible: then the missing return rate of 2025 is what stops it
        (BackFacts(date(1960, 1, 15), Sex.MALE, 170), 10, date(2026, 11, 25), "policy.no_return_rate"),
        # before 2025-07-01 (Decree 134/2015): up to 120 months to complete 20 years
        (BackFacts(date(1960, 1, 15), Sex.MALE, 140), 100, date(2025, 6, 30), "policy.no_return_rate"),
        (BackFacts(date(1960, 1, 15), Sex.MALE, 119), 121, date(2025, 6, 30), "policy.back_too_many_missing"),
    ],
)  # fmt: skip
def test_back_payment_is_refused_clearly(
    facts: BackFacts | None, months: int, on: date, code: str
) -> None:
    """Back payment only at retirement age, for exactly the months missing (at most 60 to
    reach 15 years from 2025-07-01); eligibility is checked before the return rate."""
    assert _back(facts, months, on) == code


@pytest.mark.parametrize(
    ("birth", "sex", "before", "on"),
    [
        # 2026: men 61 years 6 months (Labour Code 2019 Art 169(2): 60y3m in 2021, +3 a year)
        (date(1965, 3, 10), Sex.MALE, date(2026, 9, 9), date(2026, 9, 10)),
        # 2026: women 57 years (55y4m in 2021, +4 months a year)
        (date(1969, 5, 10), Sex.FEMALE, date(2026, 5, 9), date(2026, 5, 10)),
        # 2028: men reach the 62-year maximum
        (date(1966, 6, 1), Sex.MALE, date(2028, 5, 31), date(2028, 6, 1)),
    ],
)
def test_retirement_age_schedule(birth: date, sex: Sex, before: date, on: date) -> None:
    """The day the person reaches that year's retirement age, and not the day before."""
    assert not reached_retirement_age(policy_on(before), birth, sex)
    assert reached_retirement_age(policy_on(on), birth, sex)


@pytest.mark.parametrize("months", [12, 30, 72])
def test_advance_payment_is_whole_years_up_to_five(months: int) -> None:
    """Advance payment is for 2 to 5 whole years (Decree 159/2025 Art 6): 12, 30 and 72
    months are refused with the allowed lengths, before any rate is needed."""
    with pytest.raises(KioskError) as err:
        quote_voluntary(1_500_000, G.OTHER, months, date(2026, 1, 1), mode=ADVANCE)
    assert err.value.code == "policy.period_not_allowed"
    assert err.value.params["allowed"] == [24, 36, 48, 60] and "24, 36, 48, 60" in err.value.vi


def test_payment_windows_are_recorded_and_enforced() -> None:
    """A 6-month period from 01/01/2026 must be paid within its first 4 months (by
    30/04/2026), a 12-month one within 7 (by 31/07/2026); late payment is refused."""
    start = date(2026, 1, 1)
    six = quote_voluntary(1_500_000, G.OTHER, 6, date(2026, 4, 30), period_start=start).lines[0]
    assert (six.period_start, six.pay_by) == (start, date(2026, 4, 30))
    with pytest.raises(KioskError) as err:
        quote_voluntary(1_500_000, G.OTHER, 6, date(2026, 5, 1), period_start=start)
    assert err.value.code == "policy.payment_window_closed" and "30/04/2026" in err.value.vi
    twelve = quote_voluntary(1_500_000, G.OTHER, 12, date(2026, 7, 31), period_start=start)
    assert twelve.lines[0].pay_by == date(2026, 7, 31)


def test_window_defaults_to_this_month_and_starts_with_law_41() -> None:
    """Without a period start the period begins this month (paid in time); before
    2025-07-01 and for 1- and 3-month modes no window is recorded."""
    line = quote_voluntary(1_500_000, G.OTHER, 6, date(2026, 11, 25)).lines[0]
    assert (line.period_start, line.pay_by) == (date(2026, 11, 1), date(2027, 2, 28))
    assert quote_voluntary(1_500_000, G.OTHER, 6, date(2025, 6, 30)).lines[0].pay_by is None
    assert quote_voluntary(1_500_000, G.OTHER, 3, date(2026, 11, 25)).lines[0].pay_by is None
