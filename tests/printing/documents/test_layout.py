"""Tests for layout loading and validation (layouts are data; a bad one names its key)."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.errors import KioskError
from printing.documents.layout import load_layout, parse_layout
from printing.documents.pdfdraw import fill_text

GOOD: dict[str, Any] = {
    "width_mm": 85.6,
    "height_mm": 53.98,
    "pages": [{"name": "front", "items": [{"text": "{a}", "x_mm": 1, "y_mm": 2}]}],
}


def _with_item(**item: Any) -> dict[str, Any]:
    return {**GOOD, "pages": [{"name": "front", "items": [{"x_mm": 1, "y_mm": 2, **item}]}]}


@pytest.mark.parametrize("name", ["card", "booklet", "declaration"])
def test_shipped_layouts_load(name: str) -> None:
    """Every shipped layout passes validation."""
    assert load_layout(name).pages


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({**GOOD, "width_mm": "wide"}, "width_mm"),
        ({**GOOD, "pages": []}, "pages"),
        (_with_item(x_mm=True), "pages[0].items[0].x_mm"),
        (_with_item(size=-3), "pages[0].items[0].size"),
        (_with_item(font="Helvetica"), "pages[0].items[0].font"),
        (_with_item(kind="circle"), "pages[0].items[0].kind"),
        (_with_item(kind="qr", text="{q}"), "pages[0].items[0].w_mm"),
        (_with_item(colour="#000"), "pages[0].items[0].colour"),
    ],
)
def test_bad_layout_names_the_key(raw: dict[str, Any], key: str) -> None:
    """A wrong value is a layout.invalid KioskError whose params name the exact key."""
    with pytest.raises(KioskError) as err:
        parse_layout("test", raw)
    assert err.value.code == "layout.invalid"
    assert err.value.params["key"] == key


def test_missing_values_fill_blank() -> None:
    """Placeholders with no value become blank instead of failing."""
    assert fill_text("Mã số: {code} / {other}", {"other": "x"}, "t") == "Mã số:  / x"
