"""Sizes from the screen: 10 mm touch targets from its physical DPI with a sane fallback, and
text scaled by the window's short side (same look in portrait and landscape)."""

from __future__ import annotations

from unittest.mock import MagicMock

import pytest

from ui.theme import MIN_TARGET_PX, Theme, scale_for, screen_dpi, touch_target_px


def screen(physical: float, logical: float = 96.0) -> MagicMock:
    fake = MagicMock()
    fake.physicalDotsPerInch.return_value = physical
    fake.logicalDotsPerInch.return_value = logical
    return fake


@pytest.mark.parametrize(
    ("physical", "logical", "dpi"),
    [
        (170.0, 96.0, 170.0),  # a 7" 1024×600 tablet reporting its size
        (0.0, 96.0, 96.0),  # no EDID: size 0
        (float("nan"), 120.0, 120.0),
        (float("inf"), 120.0, 120.0),
        (1.0, 96.0, 96.0),  # a 1 mm "screen"
        (10_000.0, 2.0, 96.0),  # both nonsense: the 96 of last resort
    ],
)
def test_dpi_falls_back_when_the_screen_talks_nonsense(
    physical: float, logical: float, dpi: float
) -> None:
    """A believable physical DPI is used; otherwise the logical one; otherwise 96."""
    assert screen_dpi(screen(physical, logical)) == dpi


def test_touch_target_is_ten_millimetres_on_the_screen() -> None:
    """10 mm: 67 px on a 170 DPI tablet, 48 px (the floor) on a 96 DPI monitor or a broken one."""
    assert touch_target_px(screen(170.0)) == 67
    assert touch_target_px(screen(0.0, 0.0)) == MIN_TARGET_PX
    theme = Theme(screen=screen(170.0))
    assert theme.touch_px() == 67 and theme.target_px() >= 67


def test_text_scales_with_the_window() -> None:
    """1280×800 is the reference; a 1024×600 tablet is 0.8 (never smaller), Full HD in either
    orientation 1.35, 4K without desktop scaling 2.0 (the cap); large text adds 35 %."""
    assert scale_for(1280, 800) == 1.0
    assert scale_for(1024, 600) == 0.8 and scale_for(800, 480) == 0.8
    assert scale_for(1920, 1080) == scale_for(1080, 1920) == 1.35
    assert scale_for(3840, 2160) == 2.0
    assert Theme(scale=1.35).font_px == 30 and Theme(large_text=True, scale=0.8).font_px == 24
