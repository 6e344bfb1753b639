"""The chosen income follows the collection procedure in force: floor + m × 50,000 đ."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import kiosk.policy.tables as tables
from kiosk.domain.enums import SupportGroup
from kiosk.errors import KioskError
from kiosk.policy.engine import income_step, nearest_allowed_incomes, quote_voluntary
from kiosk.policy.tables import IncomeRule

G = SupportGroup


def test_off_rule_income_is_refused_naming_the_nearest_amounts() -> None:
    """3,020,000 = 1,500,000 + 30.4 × 50,000 is not allowed (Decision 595/QĐ-BHXH Art 10);
    the message names 3,000,000 and 3,050,000, which are accepted."""
    on = date(2026, 11, 25)
    with pytest.raises(KioskError) as err:
        quote_voluntary(3_020_000, G.OTHER, 1, on)
    assert err.value.code == "policy.income_off_step"
    assert err.value.params == {"lower": 3_000_000, "upper": 3_050_000, "step": 50_000}
    assert "3.000.000 đ" in err.value.vi and "3.050.000 đ" in err.value.vi
    assert "3,000,000" in err.value.en and "3,050,000" in err.value.en
    assert quote_voluntary(3_000_000, G.OTHER, 1, on).total == 660_000 - 66_000
    assert quote_voluntary(3_050_000, G.OTHER, 1, on).total == 671_000 - 66_000
    assert income_step(on) == 50_000 and nearest_allowed_incomes(3_020_000, on) == (
        3_000_000,
        3_050_000,
    )


def test_the_step_counts_from_the_floor_of_the_day() -> None:
    """From 2027-01-01 the floor is 2,200,000: 2,250,000 is allowed on both sides of the
    change, 2,230,000 on neither (nearest 2,200,000 / 2,250,000 in 2027)."""
    for on in (date(2026, 12, 31), date(2027, 1, 1)):
        assert quote_voluntary(2_250_000, G.OTHER, 1, on).lines[0].chosen_income == 2_250_000
        with pytest.raises(KioskError) as err:
            quote_voluntary(2_230_000, G.OTHER, 1, on)
        assert err.value.code == "policy.income_off_step"
    assert nearest_allowed_incomes(2_230_000, date(2027, 1, 1)) == (2_200_000, 2_250_000)


def test_the_ceiling_is_always_allowed_and_no_rule_means_any_amount(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With a 70,000 step the ceiling 46,800,000 is off the steps but still allowed; without
    an income rule any whole đồng between floor and ceiling is accepted."""
    book = tables.load_book()
    seventy = IncomeRule(date(2017, 5, 1), 70_000, "mẫu")
    monkeypatch.setattr(
        "kiosk.policy.tables.load_book", lambda path=None: replace(book, income_rule=(seventy,))
    )
    on = date(2026, 6, 30)
    assert quote_voluntary(46_800_000, G.OTHER, 1, on).total == 10_296_000 - 66_000
    assert nearest_allowed_incomes(46_780_000, on) == (46_720_000, 46_790_000)  # 646, 647 steps
    assert nearest_allowed_incomes(46_795_000, on) == (46_790_000, 46_800_000)  # then the ceiling
    monkeypatch.setattr(
        "kiosk.policy.tables.load_book", lambda path=None: replace(book, income_rule=())
    )
    assert quote_voluntary(1_500_001, G.OTHER, 1, on).total == 264_000  # 330,000.22 − 66,000
    assert income_step(on) is None
