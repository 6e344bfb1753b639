"""Voluntary social insurance: floor, ceiling, support groups, cap, advance and back payment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kiosk.policy.tables as tables
from kiosk.domain.enums import Scheme, Sex, SupportGroup, VoluntaryMode
from kiosk.errors import KioskError
from kiosk.policy.engine import (
    BackFacts,
    VisitItem,
    income_bounds,
    quote_visit,
    quote_voluntary,
)

G = SupportGroup


@pytest.mark.parametrize(
    ("group", "on", "monthly"),
    [
        (G.POOR, date(2025, 7, 1), 165_000),
        (G.NEAR_POOR, date(2025, 7, 1), 198_000),
        (G.ETHNIC_MINORITY, date(2025, 7, 1), 231_000),
        (G.OTHER, date(2025, 7, 1), 264_000),
        (G.OTHER, date(2025, 6, 30), 297_000),
        (G.POOR, date(2025, 6, 30), 231_000),
        (G.NEAR_POOR, date(2025, 6, 30), 247_500),
        (G.ETHNIC_MINORITY, date(2025, 6, 30), 297_000),
    ],
)
def test_floor_amounts_by_group(group: SupportGroup, on: date, monthly: int) -> None:
    """At the 1,500,000 floor (22 % = 330,000) each group pays its published monthly amount."""
    assert quote_voluntary(1_500_000, group, 1, on).total == monthly


def test_poverty_line_change_on_2027_01_01() -> None:
    """From 2027 the floor is 2,200,000: the old floor is refused, the new one costs 387,200."""
    assert income_bounds(date(2026, 12, 31)) == (1_500_000, 50_600_000)
    assert income_bounds(date(2027, 1, 1)) == (2_200_000, 50_600_000)
    assert quote_voluntary(2_200_000, G.OTHER, 1, date(2027, 1, 1)).total == 387_200
    with pytest.raises(KioskError) as err:
        quote_voluntary(1_500_000, G.OTHER, 1, date(2027, 1, 1))
    assert err.value.code == "policy.income_below_floor" and "2.200.000" in err.value.vi


def test_ceiling_follows_base_salary() -> None:
    """20 × the reference level (equal to the base salary): 46,800,000 until 30/06/2026,
    50,600,000 from 01/07/2026."""
    assert quote_voluntary(46_800_000, G.OTHER, 1, date(2026, 6, 30)).total == 10_230_000
    with pytest.raises(KioskError) as err:
        quote_voluntary(46_800_001, G.OTHER, 1, date(2026, 6, 30))
    assert err.value.code == "policy.income_above_ceiling"
    assert quote_voluntary(50_600_000, G.OTHER, 1, date(2026, 7, 1)).total == 11_066_000


def test_support_stops_at_the_lifetime_cap() -> None:
    """With 115 of 120 months used, 12 months get support for 5: 3,960,000 − 5 × 66,000."""
    line = quote_voluntary(
        1_500_000, G.OTHER, 12, date(2026, 1, 1), supported_months_used=115
    ).lines[0]
    assert (line.amount, line.supported_months, line.support_amount) == (3_630_000, 5, 330_000)
    assert (
        quote_voluntary(1_500_000, G.OTHER, 1, date(2026, 1, 1), supported_months_used=120).total
        == 330_000
    )


def test_periodic_modes_only() -> None:
    """Periodic payment is for 1, 3, 6 or 12 months."""
    assert quote_voluntary(2_000_000, G.NEAR_POOR, 3, date(2026, 1, 1)).total == 3 * (
        440_000 - 132_000
    )
    with pytest.raises(KioskError) as err:
        quote_voluntary(2_000_000, G.NEAR_POOR, 2, date(2026, 1, 1))
    assert err.value.code == "policy.period_not_allowed"


# A man born 15/01/1960 reached retirement age (60 before 2021, Labour Code 2012 Art 187) on
# 15/01/2020: he may pay back in 2026. With 178 months paid he lacks 2 months of the 15 years
# (180 months) Law 41/2024 Art 98 requires.
OLD_MAN = BackFacts(date(1960, 1, 15), Sex.MALE, 178)


def test_advance_and_back_need_a_return_rate() -> None:
    """No verified fund return rate is shipped: an eligible back payment and a 2-year advance
    are refused clearly, naming the missing year (2025 for a payment in 2026)."""
    for mode, months in ((VoluntaryMode.ADVANCE, 24), (VoluntaryMode.BACK, 2)):
        with pytest.raises(KioskError) as err:
            quote_voluntary(1_500_000, G.OTHER, months, date(2026, 1, 1), mode=mode, facts=OLD_MAN)
        assert err.value.code == "policy.no_return_rate" and "2025" in err.value.en


def test_advance_and_back_formulas(monkeypatch: pytest.MonkeyPatch) -> None:
    """With r = 0.5 %/month: advance 24 months = 330,000 × Σ 1/1.005^(i-1) − 24 × 66,000
    = 7,482,974.58 − 1,584,000; back 2 months = 330,000 × (1.005 + 1.005²), no support.

    Changed from 3 advance months (Decree 159/2025 Art 6: advance payment is for whole years,
    at most 5) and from a back payment without eligibility facts (Art 7: only at retirement age,
    for exactly the missing months)."""
    book = tables.load_book()
    patched = replace(book, return_rate={2025: Decimal("0.005")})
    monkeypatch.setattr("kiosk.policy.tables.load_book", lambda path=None: patched)
    advance = quote_voluntary(1_500_000, G.OTHER, 24, date(2026, 1, 1), mode=VoluntaryMode.ADVANCE)
    exact = (
        sum((Decimal(330_000) / Decimal("1.005") ** (i - 1) for i in range(1, 25)), Decimal(0))
        - 24 * 66_000
    )
    assert advance.total == int(exact.quantize(Decimal(1))) == 5_898_975
    back = quote_voluntary(
        1_500_000, G.OTHER, 2, date(2026, 1, 1), mode=VoluntaryMode.BACK, facts=OLD_MAN
    )
    assert back.total == 664_958  # 330,000 × (1.005 + 1.005²) = 664,958.25
    with pytest.raises(KioskError):
        quote_voluntary(1_500_000, G.OTHER, 72, date(2026, 1, 1), mode=VoluntaryMode.ADVANCE)


def test_combined_visit_quote() -> None:
    """Two people, household cover for both and voluntary SI for one: a line each, and the total."""
    quote = quote_visit(
        [
            VisitItem("a", Scheme.BHYT_HOUSEHOLD, 12),
            VisitItem("a", Scheme.BHXH_VOLUNTARY, 1, income=1_500_000, group=G.ETHNIC_MINORITY),
            VisitItem("b", Scheme.BHYT_HOUSEHOLD, 12),
        ],
        date(2026, 11, 25),
    )
    assert [(x.person_ref, x.amount) for x in quote.lines] == [
        ("a", 1_366_200),
        ("a", 231_000),
        ("b", 956_340),
    ]
    assert quote.total == 2_553_540


@settings(max_examples=150)
@given(
    step=st.integers(0, 906),  # 1,500,000 + 906 × 50,000 = 46,800,000, the ceiling
    group=st.sampled_from(list(G)),
    months=st.sampled_from([1, 3, 6, 12]),
    used=st.integers(0, 120),
)
def test_properties(step: int, group: SupportGroup, months: int, used: int) -> None:
    """No amount is negative; support never exceeds the cap; more income never costs less
    (incomes on the collection procedure's 50,000 đ steps)."""
    on = date(2026, 3, 1)
    income = 1_500_000 + step * 50_000
    line = quote_voluntary(income, group, months, on, supported_months_used=used).lines[0]
    assert line.amount >= 0 and line.supported_months <= max(0, 120 - used)
    if income < 46_800_000:
        assert (
            quote_voluntary(income + 50_000, group, months, on, supported_months_used=used).total
            >= line.amount
        )


def test_line_descriptions_read_right_in_both_languages() -> None:
    """The quote line names the group and the months in words, in each language (the English
    once showed the raw enum value and "1 months")."""
    on = date(2025, 7, 1)
    policy = tables.policy_on(on)
    from kiosk.policy.voluntary import voluntary_line

    one = voluntary_line(policy, "0", 1_500_000, G.ETHNIC_MINORITY, 1)
    assert one.description_en == (
        "Voluntary social insurance (periodic), income 1.500.000 đ, ethnic minority, 1 month"
    )
    three = voluntary_line(policy, "0", 1_500_000, G.OTHER, 3)
    assert three.description_en.endswith(", 3 months")
    assert three.description_vi.endswith(", 3 tháng")
