"""The printer status bar: each chip's tooltip gives the printer's detail in the UI's language."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.domain.enums import PrinterRole
from printing.events import StatusEvent
from scenario.memory_printer import MemoryPrinter
from ui.i18n import LanguageManager
from ui.print_worker import PrintSignals
from ui.widgets.printer_status import PrinterStatusBar


def test_detail_follows_the_language_switch(qtbot: QtBot) -> None:
    """An offline receipt printer's chip is red with "Mất kết nối" in its tooltip; switching
    the kiosk to English redraws it as "Connection lost", and back again; a printer out of
    paper says so in the language on screen when its status arrives."""
    manager = LanguageManager()
    signals = PrintSignals()
    bar = PrinterStatusBar(signals, [PrinterRole.RECEIPT, PrinterRole.CARD])
    qtbot.addWidget(bar)
    receipts, cards = MemoryPrinter("biên lai"), MemoryPrinter("thẻ")
    receipts.fail_with, cards.fail_with = "printer.offline", "printer.paper_out"
    signals.emit_event(StatusEvent(PrinterRole.RECEIPT, receipts.status()))
    assert bar.tooltip(PrinterRole.RECEIPT) == "Mất kết nối"
    assert "mất kết nối" in bar.text(PrinterRole.RECEIPT)
    try:
        manager.set_language("en")
        assert bar.tooltip(PrinterRole.RECEIPT) == "Connection lost"
        signals.emit_event(StatusEvent(PrinterRole.CARD, cards.status()))
        assert bar.tooltip(PrinterRole.CARD) == "Out of paper"
    finally:
        manager.set_language("vi")
    assert bar.tooltip(PrinterRole.RECEIPT) == "Mất kết nối"
    assert bar.tooltip(PrinterRole.CARD) == "Hết giấy"
