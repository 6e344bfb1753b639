"""Household health insurance: the published yearly amounts, to the đồng, around every change."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.domain.enums import Scheme
from kiosk.errors import KioskError
from kiosk.policy.engine import (
    Quote,
    VisitItem,
    coverage_end,
    household_coverage_start,
    items_from_quote,
    quote_household,
    quote_visit,
)

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


def test_already_paid_members_continue_the_ladder() -> None:
    """One member paid earlier this fiscal year: the next pays 70 % (1,366,200 × 0.7 =
    956,340 for 12 months at 2,530,000); with 4 paid, new members pay 40 % (546,480)."""
    second = quote_household(1, 12, date(2026, 11, 25), already_paid=1)
    assert [(x.position, x.amount) for x in second.lines] == [(2, 956_340)]
    later = quote_household(2, 12, date(2026, 11, 25), already_paid=4)
    assert [(x.position, x.amount) for x in later.lines] == [(5, 546_480), (6, 546_480)]
    with pytest.raises(KioskError) as err:
        quote_household(1, 12, date(2026, 11, 25), already_paid=-1)
    assert err.value.code == "policy.bad_already_paid"


def test_covered_child_is_listed_not_charged_not_counted() -> None:
    """Mother, a child under 6 insured by the state, father: the father is the 2nd payer
    (956,340), the child's line is 0 đ with the reason, and the total is 1,366,200 + 956,340."""
    quote = quote_visit(
        [
            VisitItem("0", Scheme.BHYT_HOUSEHOLD, 12),
            VisitItem("1", Scheme.BHYT_HOUSEHOLD, 12, covered_reason="child_under_6"),
            VisitItem("2", Scheme.BHYT_HOUSEHOLD, 12),
        ],
        date(2026, 11, 25),
    )
    assert [(x.position, x.amount, x.covered_reason) for x in quote.lines] == [
        (1, 1_366_200, None),
        (None, 0, "child_under_6"),
        (2, 956_340, None),
    ]
    assert quote.total == 2_322_540
    child = quote.lines[1]
    assert child.covered and "Trẻ em dưới 6 tuổi" in child.description_vi
    assert "Child under 6" in child.description_en


def test_unknown_covered_reason_is_refused() -> None:
    """A reason code that is not in the policy data is refused, listing the known ones."""
    with pytest.raises(KioskError) as err:
        quote_visit(
            [VisitItem("0", Scheme.BHYT_HOUSEHOLD, 0, covered_reason="astronaut")],
            date(2026, 11, 25),
        )
    assert err.value.code == "policy.unknown_covered_reason" and "pupil_student" in err.value.en


def test_requote_keeps_positions_and_covered_members() -> None:
    """A quote of 30/06/2026 (3rd payer and a covered pupil) re-quoted on 01/07/2026 keeps
    position 3 at the new base salary: 758,160 then 819,720 (60 % of 1,366,200)."""
    items = [
        VisitItem("0", Scheme.BHYT_HOUSEHOLD, 12, position=3),
        VisitItem("1", Scheme.BHYT_HOUSEHOLD, 12, covered_reason="pupil_student"),
    ]
    old = quote_visit(items, date(2026, 6, 30))
    new = quote_visit(items_from_quote(Quote.from_dict(old.to_dict())), date(2026, 7, 1))
    assert [(x.position, x.amount) for x in old.lines] == [(3, 758_160), (None, 0)]
    assert [(x.position, x.amount, x.covered_reason) for x in new.lines] == [
        (3, 819_720, None),
        (None, 0, "pupil_student"),
    ]


def test_decree_188_row_starts_on_2025_08_15_with_the_same_ladder() -> None:
    """The household row of Decree 188/2025 applies from 2025-08-15; the figures do not move."""
    assert "/hh2019-07-01/" in quote_household(1, 12, date(2025, 8, 14)).policy_version
    after = quote_household(2, 12, date(2025, 8, 15))
    assert "/hh2025-08-15/" in after.policy_version
    assert [x.amount for x in after.lines] == [1_263_600, 884_520]
