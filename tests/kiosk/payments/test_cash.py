"""Cash at the desk: change to the đồng, quick-tender buttons, change in notes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.errors import KioskError
from kiosk.payments.cash import break_down, change_due, quick_tenders


def test_change_due_is_exact() -> None:
    """1,366,200 paid with 1,500,000 gives 133,800 back; exact cash gives 0."""
    assert change_due(1_366_200, 1_500_000) == 133_800
    assert change_due(1_366_200, 1_366_200) == 0


def test_too_little_cash_is_refused_in_both_languages() -> None:
    """Handing over less than due is payment.not_enough_cash with dotted VND in Vietnamese."""
    with pytest.raises(KioskError) as err:
        change_due(1_366_200, 1_000_000)
    assert err.value.code == "payment.not_enough_cash"
    assert "1.000.000 đ" in err.value.vi and "1,366,200 VND" in err.value.en


def test_quick_tenders_round_up_to_what_people_hand_over() -> None:
    """Exact amount first, then round-ups to 10k, 50k, 100k (500k dropped by the limit)."""
    assert quick_tenders(1_366_200) == [1_366_200, 1_370_000, 1_400_000, 1_500_000]
    assert quick_tenders(500_000) == [500_000]
    assert quick_tenders(0) == []


def test_change_breakdown_in_notes() -> None:
    """133,800 = 100k + 20k + 10k + 2k + 1k + 500, and 300 that notes cannot make."""
    result = break_down(133_800)
    assert result.notes == (
        (100_000, 1),
        (20_000, 1),
        (10_000, 1),
        (2_000, 1),
        (1_000, 1),
        (500, 1),
    )
    assert result.remainder == 300 and result.total == 133_800


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_change_and_breakdown_account_for_every_dong(amount: int, extra: int) -> None:
    """For any sale, change + amount = tendered, and the breakdown sums to the change."""
    change = change_due(amount, amount + extra)
    assert change == extra and break_down(change).total == change
    assert 0 <= break_down(change).remainder < 500
