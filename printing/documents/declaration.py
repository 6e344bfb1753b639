"""Declaration form TK1-TS: Part I, the household appendix table and the signature block."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kiosk.domain.inputs import display_upper
from printing.documents.layout import Item, Layout, layout_error, load_layout
from printing.documents.models import DeclarationDocument
from printing.documents.pdfdoc import new_canvas
from printing.documents.pdfdraw import draw_item, draw_page

SIGNATURE_HEIGHT_MM = 45


def declaration_values(doc: DeclarationDocument) -> dict[str, object]:
    """Values for the Part I placeholders ([01] in capitals)."""
    values: dict[str, object] = dict(doc.__dict__)
    values["full_name"] = display_upper(doc.full_name)
    values["signer"] = doc.full_name
    return values


def render_declaration_pdf(doc: DeclarationDocument) -> bytes:
    """A4 pages: Part I, the appendix (continued on more pages if long), then the signature."""
    layout = load_layout("declaration")
    opts = _table_options(layout)
    values = declaration_values(doc)
    title = ("MẪU — " if doc.sample else "") + "Tờ khai TK1-TS"
    canvas, finish = new_canvas(layout.width_mm, layout.height_mm, title)
    draw_page(canvas, layout.page("part1"), values, layout.height_mm)
    rows: list[dict[str, str]] = [
        {"index": str(n), **{k: str(v) for k, v in m.__dict__.items()}}
        for n, m in enumerate(doc.members, start=1)
    ]
    rows += [{} for _ in range(max(0, int(opts["min_rows"]) - len(rows)))]
    top = float(opts["table_top_mm"])
    while True:
        fit = int((float(opts["table_bottom_mm"]) - top) // float(opts["row_mm"])) - 1
        bottom = _table(canvas, layout, opts, top, rows[:fit])
        rows = rows[fit:]
        if not rows:
            break
        canvas.showPage()
        draw_page(canvas, layout.page("continued"), values, layout.height_mm)
        top = float(opts["table_top_next_mm"])
    sign_at = bottom + 12
    draw_page(canvas, layout.page("signature"), values, layout.height_mm, (0.0, sign_at))
    canvas.showPage()
    return finish()


def _table_options(layout: Layout) -> dict[str, Any]:
    opts = layout.options
    for key in ("table_top_mm", "table_top_next_mm", "table_bottom_mm", "row_mm", "min_rows"):
        if not isinstance(opts.get(key), int | float):
            raise layout_error(layout.name, f"options.{key}", "a number is required")
    columns = opts.get("columns")
    if not isinstance(columns, list) or not columns:
        raise layout_error(layout.name, "options.columns", "a list of columns is required")
    for i, col in enumerate(columns):
        for key in ("title", "key", "x_mm", "w_mm"):
            if key not in col:
                raise layout_error(layout.name, f"options.columns[{i}].{key}", "missing")
    return opts


def _table(
    canvas: Canvas, layout: Layout, opts: dict[str, Any], top: float, rows: list[dict[str, str]]
) -> float:
    """Draw the header and `rows`; return the bottom edge in mm from the page top."""
    row_h = float(opts["row_mm"])
    columns = opts["columns"]
    left = float(columns[0]["x_mm"])
    right = float(columns[-1]["x_mm"]) + float(columns[-1]["w_mm"])
    height = layout.height_mm
    canvas.setLineWidth(0.5)
    n_lines = len(rows) + 1
    for r in range(n_lines + 1):
        y = (height - top - r * row_h) * mm
        canvas.line(left * mm, y, right * mm, y)
    bottom = top + n_lines * row_h
    for col in [*columns, {"x_mm": right, "w_mm": 0}]:
        x = float(col["x_mm"]) * mm
        canvas.line(x, (height - top) * mm, x, (height - bottom) * mm)
    for r, row in enumerate([None, *rows]):
        # A header title may take two lines ("Số CCCD/ĐDCN/Hộ chiếu" in a narrow column).
        baseline = top + r * row_h + row_h * 0.42
        for c, col in enumerate(columns):
            text = col["title"] if row is None else row.get(col["key"], "")
            item = Item(
                key=f"options.columns[{c}]",
                kind="text",
                x=float(col["x_mm"]) + float(col["w_mm"]) / 2,
                y=baseline,
                text=text.replace("{", "{{").replace("}", "}}"),
                font="bold" if row is None else "regular",
                size=7 if row is None else 8,
                min_size=5.5,
                max_lines=2,
                leading=1.05,
                max_width=float(col["w_mm"]) - 2,
                align="center",
            )
            draw_item(canvas, item, {}, height, (0.0, 0.0))
    return bottom
