"""Household health insurance: the published yearly amounts, to the đồng, around every change."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.policy.engine import coverage_end, household_coverage_start, quote_household

# (payment day, yearly amounts of members 1..6) — RULES.md check figures and their base salaries.
YEARLY = [
    (date(2023, 6, 30), [804_600, 563_220, 482_760, 402_300, 321_840, 321_840]),
    (date(2023, 7, 1), [972_000, 680_400, 583_200, 486_000, 388_800, 388_800]),
    (date(2024, 6, 30), [972_000, 680_400, 583_200, 486_000, 388_800, 388_800]),
    (date(2024, 7, 1), [1_263_600, 884_520, 758_160, 631_800, 505_440, 505_440]),
    (date(2025, 7, 1), [1_263_600, 884_520, 758_160, 631_800, 505_440, 505_440]),
    (date(2026, 6, 30), [1_263_600, 884_520, 758_160, 631_800, 505_440, 505_440]),
    (date(2026, 7, 1), [1_366_200, 956_340, 819_720, 683_100, 546_480, 546_480]),
    (date(2027, 1, 1), [1_366_200, 956_340, 819_720, 683_100, 546_480, 546_480]),
]


@pytest.mark.parametrize(("on", "amounts"), YEARLY, ids=[d.isoformat() for d, _ in YEARLY])
def test_yearly_amounts_per_member(on: date, amounts: list[int]) -> None:
    """Twelve months for six members give the ladder 100/70/60/50/40/40 % of 4.5 % × base × 12."""
    quote = quote_household(6, 12, on)
    assert [line.amount for line in quote.lines] == amounts
    assert [line.position for line in quote.lines] == [1, 2, 3, 4, 5, 6]
    assert quote.total == sum(amounts)


def test_shorter_periods_are_exact() -> None:
    """Three and six months at 2,340,000: 315,900 / 631,800 for the first member; 2nd 70 %."""
    assert [x.amount for x in quote_household(2, 3, date(2025, 1, 1)).lines] == [315_900, 221_130]
    assert [x.amount for x in quote_household(2, 6, date(2025, 1, 1)).lines] == [631_800, 442_260]


def test_policy_version_records_the_tables_used() -> None:
    """The quote names the base salary row it used: the day before and the day of a change differ."""
    assert quote_household(1, 12, date(2026, 6, 30)).policy_version.startswith("bs2024-07-01/")
    assert quote_household(1, 12, date(2026, 7, 1)).policy_version.startswith("bs2026-07-01/")


@pytest.mark.parametrize(
    ("members", "months", "on", "code"),
    [
        (0, 12, date(2026, 7, 1), "policy.no_members"),
        (2, 4, date(2026, 7, 1), "policy.period_not_allowed"),
        (2, 12, date(2019, 6, 30), "policy.no_policy"),
    ],
)
def test_invalid_requests_are_refused(members: int, months: int, on: date, code: str) -> None:
    """Zero members, a period not allowed and a date before the first policy give their codes."""
    with pytest.raises(KioskError) as err:
        quote_household(members, months, on)
    assert err.value.code == code and err.value.vi and err.value.en


def test_period_error_lists_what_is_allowed() -> None:
    """The refusal says which periods are allowed, in both languages."""
    with pytest.raises(KioskError) as err:
        quote_household(1, 4, date(2026, 7, 1))
    assert "3, 6, 12" in err.value.en and "3, 6, 12" in err.value.vi


@pytest.mark.parametrize(
    ("paid", "previous", "start"),
    [
        (date(2026, 11, 25), None, date(2026, 12, 25)),  # first time: 30 days after payment
        (date(2026, 11, 25), date(2026, 12, 31), date(2027, 1, 1)),  # renewal before expiry
        (date(2026, 11, 25), date(2026, 11, 24), date(2026, 11, 25)),  # expired yesterday
        (date(2026, 11, 25), date(2026, 9, 30), date(2026, 11, 25)),  # lapse under 3 months
        (date(2026, 11, 25), date(2026, 8, 24), date(2026, 12, 25)),  # lapse of 3 months
    ],
)
def test_coverage_start(paid: date, previous: date | None, start: date) -> None:
    """Cover starts per Art 16(3): 30 days after payment when new or lapsed ≥ 3 months."""
    assert household_coverage_start(paid, previous) == start


def test_coverage_end_of_a_year_and_month_ends() -> None:
    """Twelve months from 25/12/2026 end on 24/12/2027; from 31/01 one month ends on 27/02."""
    assert coverage_end(date(2026, 12, 25), 12) == date(2027, 12, 24)
    assert coverage_end(date(2027, 1, 31), 1) == date(2027, 2, 27)


@settings(max_examples=150)
@given(
    members=st.integers(1, 12),
    months=st.sampled_from([3, 6, 12]),
    on=st.dates(date(2019, 7, 1), date(2030, 12, 31)),
)
def test_properties(members: int, months: int, on: date) -> None:
    """Total = sum of lines; later members never pay more; no amount is negative."""
    quote = quote_household(members, months, on)
    amounts = [line.amount for line in quote.lines]
    assert quote.total == sum(amounts)
    assert all(a > 0 for a in amounts)
    assert amounts == sorted(amounts, reverse=True)
