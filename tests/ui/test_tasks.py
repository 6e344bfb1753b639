"""Background tasks: results come back on the GUI thread, and a failure leaves a trace in the log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.errors import KioskError
from kiosk.logs import setup_logging
from ui.tasks import TaskRunner


def _checkout_bug() -> int:
    raise ValueError("no receipt series for 066185000001")  # a bug, with an identity number


def test_a_failing_task_is_logged_with_its_traceback_masked(qtbot: QtBot, tmp_path: Path) -> None:
    """A bug in a staff background task reaches the page's on_error AND the log file, with the
    traceback and the task's name, identity numbers masked (a field bug leaves a trace)."""
    path = setup_logging(tmp_path / "logs")
    runner = TaskRunner()
    errors: list[BaseException] = []
    try:
        runner.run(_checkout_bug, on_error=errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    finally:
        for handler in [h for h in logging.getLogger().handlers if getattr(h, "_kiosk", False)]:
            handler.flush()
            logging.getLogger().removeHandler(handler)
            handler.close()
    assert isinstance(errors[0], ValueError)
    text = path.read_text(encoding="utf-8")
    assert "ERROR ui.tasks: task tests.ui.test_tasks._checkout_bug failed" in text
    assert "Traceback (most recent call last)" in text
    assert 'raise ValueError("no receipt series for' in text
    assert "066185000001" not in text
    assert "06********01" in text


def test_an_expected_refusal_is_one_line_and_results_arrive(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    """A KioskError (a refusal the user can act on) is logged as one line with its code, no
    traceback; a successful task hands its value to on_done."""
    runner = TaskRunner()
    seen: list[object] = []

    def refuse() -> None:
        raise KioskError("shift.not_open", vi="Chưa mở ca.", en="No shift is open.")

    caplog.set_level(logging.INFO, logger="ui.tasks")
    runner.run(refuse, on_error=seen.append)
    runner.run(lambda: 42, on_done=seen.append)
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    assert 42 in seen
    assert any(isinstance(x, KioskError) and x.code == "shift.not_open" for x in seen)
    assert runner.wait_idle(10_000)
    (record,) = [r for r in caplog.records if r.name == "ui.tasks"]
    assert record.levelno == logging.INFO and record.exc_info is None
    assert "shift.not_open" in record.getMessage()
