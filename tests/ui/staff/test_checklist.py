"""The console's first-start checklist: findings from a worker thread, problems first, both languages."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.services.context import KioskContext
from kiosk.services.doctor import Finding, Level
from kiosk.store.db import Database
from tests.support.console import SUPERVISOR_PIN, desk, log_in
from ui.i18n import LanguageManager
from ui.staff.checklist import ChecklistPanel, console_checks

BANK = Finding(
    "bank.placeholder",
    Level.PROBLEM,
    "Tài khoản ngân hàng còn là giá trị mẫu.",
    "The bank account is still the placeholder.",
    "Điền mục [bank].",
    "Fill in [bank].",
)
CLOCK = Finding("clock.ok", Level.OK, "Ngày trên máy: 03/12/2026.", "Computer date: 03/12/2026.")
SCANNER = Finding(
    "scanner.not_seen",
    Level.WARNING,
    "Chưa thấy máy quét.",
    "No scanner.",
    "Cắm máy quét.",
    "Plug it in.",
)


def row_texts(panel: ChecklistPanel) -> list[str]:
    """The object names of the finding rows, top to bottom."""
    names = []
    for i in range(panel.rows.count()):
        item = panel.rows.itemAt(i)
        if item is not None and item.widget() is not None:
            names.append(item.widget().objectName())
    return names


def test_checks_run_off_the_gui_thread_and_list_problems_first(qtbot: QtBot) -> None:
    """`refresh` runs the checks on another thread; the rows come back problems first, then
    warnings, then what is fine, with the fix under each problem and the count in the summary."""
    threads: list[str] = []

    def collect() -> list[Finding]:
        threads.append(threading.current_thread().name)
        return [CLOCK, SCANNER, BANK]

    panel = ChecklistPanel(collect)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.checked, timeout=10_000):
        panel.refresh()
    assert threads == ["checklist"]
    assert row_texts(panel) == [
        "finding:bank.placeholder",
        "finding:scanner.not_seen",
        "finding:clock.ok",
    ]
    assert panel.summary.text() == "1 mục cần sửa trước khi đón người dân."
    bank_row = panel.findChild(type(panel.summary), "finding:bank.placeholder")
    assert bank_row is not None and "Điền mục [bank]." in bank_row.text()
    assert [f.code for f in panel.problems] == ["bank.placeholder"]


def test_english_on_language_switch_and_dismiss(qtbot: QtBot) -> None:
    """Switching the console to English redraws the findings in English; "Got it" emits dismissed."""
    panel = ChecklistPanel(lambda: [BANK])
    qtbot.addWidget(panel)
    panel.show_findings([BANK])
    manager = LanguageManager()
    try:
        manager.set_language("en")
        row = panel.findChild(type(panel.summary), "finding:bank.placeholder")
        assert row is not None and "Fill in [bank]." in row.text()
        assert panel.recheck.text() == "Check again"
    finally:
        manager.set_language("vi")
    with qtbot.waitSignal(panel.dismissed, timeout=2000):
        panel.close_button.click()


def test_a_failing_check_is_shown_not_raised(qtbot: QtBot) -> None:
    """A check that raises leaves the console running and says what went wrong."""

    def collect() -> list[Finding]:
        raise OSError("disk gone")

    panel = ChecklistPanel(collect)
    qtbot.addWidget(panel)
    panel.refresh()
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
    assert "disk gone" in panel.summary.text() and panel.recheck.isEnabled()


def test_console_checks_on_the_default_configuration(
    qtbot: QtBot, config: Config, db: Database, tmp_path: Path
) -> None:
    """The console's own check list on a new kiosk flags the placeholder account and the
    shared event id, reports the folder printers and a writable database, named."""
    shipped = replace(config, bank=replace(config.bank, account="0000000000000"))  # as shipped
    panel = ChecklistPanel(console_checks(shipped, db, tmp_path))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.checked, timeout=30_000) as signal:
        panel.refresh()
    codes = {f.code for f in signal.args[0]}
    assert {"bank.placeholder", "event.defaults", "database.ok", "printer.card.folder"} <= codes
    (database,) = [f for f in signal.args[0] if f.code == "database.ok"]
    assert database.vi == f"Cơ sở dữ liệu ghi được: {db.url}."  # named, not left blank


def test_console_shows_the_checklist_after_login_while_something_must_be_fixed(
    qtbot: QtBot, db: Database, config: Config, ctx: KioskContext
) -> None:
    """A kiosk still on the placeholder bank account opens on the "Kiểm tra" page after login
    (problems first, before the queue); "Đã hiểu" goes on to the queue."""
    panel = ChecklistPanel(lambda: [CLOCK, BANK])
    with desk(qtbot, db, config, ctx, checklist=panel) as d:
        qtbot.waitUntil(lambda: bool(panel.problems), timeout=10_000)
        log_in(qtbot, d.console, "Phạm Văn Giám", SUPERVISOR_PIN)
        qtbot.waitUntil(lambda: d.console.current_page() == "checks", timeout=10_000)
        panel.close_button.click()
        assert d.console.current_page() == "queue"
