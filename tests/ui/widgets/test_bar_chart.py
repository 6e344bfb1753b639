"""The bar chart draws bars in proportion to their values, with the formatted values."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.domain.money import format_vnd
from tests.ui.widgets.helpers import show_top
from ui.theme import PRIMARY, load_fonts
from ui.widgets.bar_chart import BarChart


def _blue_runs(image: QImage) -> list[int]:
    """The length of the longest run of bar colour on each pixel row that has one."""
    blue = QColor(PRIMARY).rgb()
    runs = []
    for y in range(image.height()):
        best = run = 0
        for x in range(image.width()):
            run = run + 1 if image.pixel(x, y) == blue else 0
            best = max(best, run)
        runs.append(best)
    return runs


def test_bars_are_proportional_and_values_formatted(qtbot: QtBot) -> None:
    """2.000.000 đ draws twice as long as 1.000.000 đ, zero draws no bar; the values read as
    money and the rows come back as given."""
    load_fonts()
    chart = BarChart()
    rows = [("Tiền mặt", 2_000_000), ("Chuyển khoản VietQR", 1_000_000), ("Thẻ ngân hàng", 0)]
    chart.set_data("Số tiền theo hình thức thanh toán", rows, format_vnd)
    chart.resize(800, 260)
    show_top(qtbot, chart)
    assert chart.bars() == rows
    assert chart.value_texts() == ["2.000.000 đ", "1.000.000 đ", "0 đ"]
    assert chart.title() == "Số tiền theo hình thức thanh toán"
    runs = [r for r in _blue_runs(chart.grab().toImage()) if r > 0]
    lengths = sorted(set(runs))
    longest, half = lengths[-1], [n for n in lengths if n < lengths[-1]][-1]
    assert abs(longest - 2 * half) <= 2
    assert "Chuyển khoản VietQR: 1.000.000 đ" in chart.toolTip()


def test_empty_and_negative_values_do_not_break_painting(qtbot: QtBot) -> None:
    """No rows paints only the title; a negative hour (refunds) paints no bar but keeps its
    value text."""
    chart = BarChart()
    chart.set_data("Trống", [])
    chart.resize(400, 120)
    show_top(qtbot, chart)
    assert _blue_runs(chart.grab().toImage()) == [0] * 120
    chart.set_data("Hoàn trả", [("09 giờ", -50_000)], format_vnd)
    assert max(_blue_runs(chart.grab().toImage())) == 0
    assert chart.value_texts() == ["-50.000 đ"]
