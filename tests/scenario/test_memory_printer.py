"""The in-memory printer's status: the state it is failing with, in Vietnamese and English."""

from __future__ import annotations

from scenario.memory_printer import MemoryPrinter


def test_status_follows_the_failure_in_both_languages() -> None:
    """Ready by default; offline while failing with printer.offline; paper out while failing
    with printer.paper_out; each detail in Vietnamese and English."""
    printer = MemoryPrinter()
    seen = []
    for failure in (None, "printer.offline", "printer.paper_out"):
        printer.fail_with = failure
        state = printer.status()
        seen.append((state.online, state.paper, state.text("vi"), state.text("en")))
    assert seen == [
        (True, "ok", "Sẵn sàng", "Ready"),
        (False, "unknown", "Mất kết nối", "Connection lost"),
        (True, "out", "Hết giấy", "Out of paper"),
    ]
