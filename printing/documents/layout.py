"""Document layouts as data: resources/layouts/<name>.toml loaded and validated once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from kiosk import toml_read
from kiosk.errors import KioskError
from resources import resource_path

KINDS = ("text", "qr", "rect", "line")
FONTS = ("regular", "bold")
ALIGNS = ("left", "center", "right")


@dataclass(frozen=True)
class Item:
    """One thing drawn on a page; positions in mm from the page's top-left corner.

    ``text`` may hold placeholders like "{full_name}" filled from the document's values; for
    a text item ``y`` is the baseline, for qr/rect/line it is the top edge.
    """

    key: str  # where it came from, for messages and logs
    kind: str
    x: float
    y: float
    text: str = ""
    font: str = "regular"
    size: float = 8.0
    min_size: float = 5.0
    max_width: float = 0.0  # mm; 0 = no limit
    align: str = "left"
    max_lines: int = 1  # >1 wraps on words, then shrinks
    leading: float = 1.2  # line height as a multiple of the size
    w: float = 0.0
    h: float = 0.0
    color: str = "#000000"
    fill: str = ""
    stroke: float = 0.0  # line width in points; 0 = none
    when: str = ""  # draw only when this value is truthy ("!name" = when falsy)
    unverified: bool = False  # the official label is not confirmed (RULES.md)
    source: str = ""  # where the field and its wording come from (law, decision, form)


@dataclass(frozen=True)
class Page:
    name: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Layout:
    name: str
    width_mm: float
    height_mm: float
    pages: tuple[Page, ...]
    options: dict[str, Any]  # renderer-specific numbers (table columns, margins...)

    def page(self, name: str) -> Page:
        """The page called `name` (a KeyError is a bug in the renderer, not the data)."""
        return next(p for p in self.pages if p.name == name)


def layout_error(name: str, key: str, reason: str) -> KioskError:
    """A bad layout names the file and the key that is wrong."""
    return KioskError(
        "layout.invalid",
        vi=f"Bố cục {name}.toml sai ở khóa “{key}”: {reason}.",
        en=f"Layout {name}.toml is wrong at key “{key}”: {reason}.",
        layout=name,
        key=key,
    )


@cache
def load_layout(name: str) -> Layout:
    """Read resources/layouts/<name>.toml (cached: layouts are shipped, not edited live)."""
    path = resource_path("layouts", f"{name}.toml")
    try:
        raw = toml_read.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise layout_error(name, "(file)", "file not found") from None
    except toml_read.TOMLDecodeError as exc:
        raise layout_error(name, "(file)", str(exc)) from None
    return parse_layout(name, raw)


def parse_layout(name: str, raw: dict[str, Any]) -> Layout:
    """Validate a layout table; every problem is a KioskError naming the key."""
    width = _number(name, raw, "width_mm", "width_mm", positive=True)
    height = _number(name, raw, "height_mm", "height_mm", positive=True)
    pages_raw = raw.get("pages")
    if not isinstance(pages_raw, list) or not pages_raw:
        raise layout_error(name, "pages", "at least one [[pages]] table is required")
    pages = []
    for p_index, page in enumerate(pages_raw):
        where = f"pages[{p_index}]"
        page_name = page.get("name")
        if not isinstance(page_name, str) or not page_name:
            raise layout_error(name, f"{where}.name", "a page name is required")
        items = tuple(
            _item(name, f"{where}.items[{i}]", item) for i, item in enumerate(page.get("items", []))
        )
        pages.append(Page(page_name, items))
    options = raw.get("options", {})
    if not isinstance(options, dict):
        raise layout_error(name, "options", "must be a table")
    return Layout(name, width, height, tuple(pages), options)


def _item(name: str, where: str, raw: Any) -> Item:
    if not isinstance(raw, dict):
        raise layout_error(name, where, "must be a table")
    allowed = set(Item.__dataclass_fields__) - {"key", "x", "y"} | {"x_mm", "y_mm", "w_mm", "h_mm"}
    allowed |= {"max_width_mm"}
    for extra in set(raw) - allowed:
        raise layout_error(name, f"{where}.{extra}", "unknown key")
    kind = raw.get("kind", "text")
    if kind not in KINDS:
        raise layout_error(name, f"{where}.kind", f"must be one of {', '.join(KINDS)}")
    font = raw.get("font", "regular")
    if font not in FONTS:
        raise layout_error(name, f"{where}.font", "must be regular or bold")
    align = raw.get("align", "left")
    if align not in ALIGNS:
        raise layout_error(name, f"{where}.align", "must be left, center or right")
    size = _number(name, raw, "size", f"{where}.size", default=8.0, positive=True)
    max_lines = raw.get("max_lines", 1)
    if not isinstance(max_lines, int) or max_lines < 1:
        raise layout_error(name, f"{where}.max_lines", "must be a whole number ≥ 1")
    for key in ("text", "color", "fill", "when", "source"):
        if not isinstance(raw.get(key, ""), str):
            raise layout_error(name, f"{where}.{key}", "must be a string")
    if kind in ("qr", "rect", "line") and "w_mm" not in raw:
        raise layout_error(name, f"{where}.w_mm", f"a {kind} needs a width")
    return Item(
        key=where,
        kind=kind,
        x=_number(name, raw, "x_mm", f"{where}.x_mm"),
        y=_number(name, raw, "y_mm", f"{where}.y_mm"),
        text=raw.get("text", ""),
        font=font,
        size=size,
        min_size=_number(name, raw, "min_size", f"{where}.min_size", default=min(5.0, size)),
        max_width=_number(name, raw, "max_width_mm", f"{where}.max_width_mm", default=0.0),
        align=align,
        max_lines=max_lines,
        leading=_number(name, raw, "leading", f"{where}.leading", default=1.2, positive=True),
        w=_number(name, raw, "w_mm", f"{where}.w_mm", default=0.0),
        h=_number(name, raw, "h_mm", f"{where}.h_mm", default=0.0),
        color=raw.get("color", "#000000"),
        fill=raw.get("fill", ""),
        stroke=_number(name, raw, "stroke", f"{where}.stroke", default=0.0),
        when=raw.get("when", ""),
        unverified=bool(raw.get("unverified", False)),
        source=raw.get("source", ""),
    )


def _number(
    name: str,
    raw: dict[str, Any],
    key: str,
    where: str,
    default: float | None = None,
    positive: bool = False,
) -> float:
    value = raw.get(key, default)
    # bool is an int subclass; a layout saying `x_mm = true` is a mistake, not 1 mm.
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        raise layout_error(name, where, "a number is required")
    if value < 0 or (positive and value == 0):
        raise layout_error(name, where, "must be positive")
    return float(value)
