"""Support groups: ethnicity, island communes and the residence province change the quote."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

import kiosk.policy.tables as tables
from kiosk.domain.enums import SupportGroup
from kiosk.policy.engine import quote_voluntary, support_group_for
from kiosk.policy.tables import ProvinceSupport

G = SupportGroup


def test_ethnic_minority_pays_198000_less_for_six_months_at_3m() -> None:
    """6 months at 3,000,000 đ on 2025-07-01 (Decree 159/2025 Art 5): 22 % = 660,000 a month.
    Support = share × 22 % × rural poverty line 1,500,000 (= 330,000): ethnic minority 30 % =
    99,000, other 20 % = 66,000. So 6 × (660,000 − 99,000) = 3,366,000 against
    6 × (660,000 − 66,000) = 3,564,000: 6 × 33,000 = 198,000 đ less."""
    on = date(2025, 7, 1)
    minority = quote_voluntary(3_000_000, G.ETHNIC_MINORITY, 6, on).total
    other = quote_voluntary(3_000_000, G.OTHER, 6, on).total
    assert (minority, other, other - minority) == (3_366_000, 3_564_000, 198_000)


def test_before_decree_159_an_ethnic_minority_paid_as_other() -> None:
    """On 2025-06-30 (Decree 134/2015) both had 10 %: 6 × (660,000 − 33,000) = 3,762,000."""
    on = date(2025, 6, 30)
    assert quote_voluntary(3_000_000, G.ETHNIC_MINORITY, 6, on).total == 3_762_000
    assert quote_voluntary(3_000_000, G.OTHER, 6, on).total == 3_762_000


@pytest.mark.parametrize(
    ("declared", "ethnicity", "on", "group"),
    [
        (None, "Kinh", date(2026, 1, 1), G.OTHER),
        (G.OTHER, "Ê-đê", date(2026, 1, 1), G.ETHNIC_MINORITY),  # 30 % beats 20 %
        (None, "H'Mông", date(2026, 1, 1), G.ETHNIC_MINORITY),
        (G.POOR, "Ê Đê", date(2026, 1, 1), G.POOR),  # 50 % beats 30 %
        (G.NEAR_POOR, "Thái", date(2026, 1, 1), G.NEAR_POOR),  # 40 % beats 30 %
        (G.OTHER, "Ê Đê", date(2025, 6, 30), G.OTHER),  # equal 10 %: the declared group stays
        (G.OTHER, "not a group", date(2026, 1, 1), G.OTHER),
    ],
)
def test_the_highest_applicable_group_wins(
    declared: SupportGroup | None, ethnicity: str, on: date, group: SupportGroup
) -> None:
    """A minority ethnicity lifts the group to ethnic minority only when that share is higher."""
    assert support_group_for(on, declared, ethnicity) == group


def test_island_commune_gets_the_poor_share_from_2025_07_01() -> None:
    """Living in an island commune or special zone: 50 % (Decree 159 Art 5), so at the floor
    330,000 − 165,000 = 165,000; Decree 134 had no such group (297,000 on 2025-06-30)."""
    assert quote_voluntary(1_500_000, G.OTHER, 1, date(2025, 7, 1), island=True).total == 165_000
    line = quote_voluntary(1_500_000, G.OTHER, 1, date(2025, 6, 30), island=True).lines[0]
    assert line.amount == 297_000 and line.island


def test_province_top_up_follows_the_residence_province(monkeypatch: pytest.MonkeyPatch) -> None:
    """A province paying 33,000 đ a month more to "other" people from 2026-01-01 lowers the
    quote of its residents only, and only from that day: 264,000 − 33,000 = 231,000."""
    book = tables.load_book()
    row = ProvinceSupport("066", date(2026, 1, 1), {G.OTHER: 33_000}, "Nghị quyết (mẫu)")
    monkeypatch.setattr(
        "kiosk.policy.tables.load_book",
        lambda path=None: replace(book, province_support=(row,)),
    )
    line = quote_voluntary(1_500_000, G.OTHER, 1, date(2026, 1, 1), province="066").lines[0]
    assert (line.amount, line.province_support, line.support_amount) == (231_000, 33_000, 99_000)
    assert quote_voluntary(1_500_000, G.OTHER, 1, date(2026, 1, 1), province="010").total == 264_000
    assert (
        quote_voluntary(1_500_000, G.OTHER, 1, date(2025, 12, 31), province="066").total == 264_000
    )
