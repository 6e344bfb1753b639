"""ui/startup.py: the database stand-in that waits for the real one, and the start-up thread."""

from __future__ import annotations

import sys
import threading

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.store.db import Database
from ui.startup import CoreStart, PendingDatabase

WAIT_S = 30  # generous: two busy cores in CI


def test_a_read_waits_for_the_database_then_goes_to_it(db: Database) -> None:
    """A worker's read started before the database is open finishes only after `set`, and
    reads the real database; before that, `get(timeout=0)` says the database is not ready."""
    pending = PendingDatabase()
    with pytest.raises(KioskError) as caught:
        pending.get(timeout=0)
    assert caught.value.code == "app.not_ready"
    answers: list[int] = []
    done = threading.Event()

    def worker() -> None:
        with pending.read() as session:
            answers.append(int(session.execute(text("select 41 + 1")).scalar_one()))
        done.set()

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    assert not done.is_set() and not pending.ready  # it cannot finish before the database
    pending.set(db)
    thread.join(WAIT_S)
    assert done.is_set() and answers == [42]
    assert pending.ready and pending.is_sqlite is db.is_sqlite  # other names forwarded


def test_a_failed_open_reaches_every_waiting_call() -> None:
    """When the database cannot open, the waiting write gets the opening's own error."""
    pending = PendingDatabase()
    damaged = KioskError("db.damaged", vi="Tệp hỏng.", en="The file is damaged.")
    pending.fail(damaged)
    with pytest.raises(KioskError) as caught, pending.unit_of_work():
        pass
    assert caught.value is damaged
    pending.dispose()  # nothing was opened: nothing to close, no error


def test_core_start_opens_on_its_thread_then_loads_the_rest(
    qtbot: QtBot, config: Config, db: Database
) -> None:
    """`ready` brings the opened database to the GUI thread after the preload modules are
    imported; the opener ran on the start-up thread, not the GUI's."""
    threads: list[str] = []

    def opener(_config: Config) -> Database:
        threads.append(threading.current_thread().name)
        return db

    module = "tests.ui.startup_preload_probe"
    sys.modules.pop(module, None)
    core = CoreStart(config, [module], opener=opener)
    with qtbot.waitSignal(core.ready, timeout=WAIT_S * 1000) as ready:
        core.begin()
    core.join(WAIT_S)
    assert ready.args == [db]
    assert threads == ["core-start"]
    assert module in sys.modules
    assert core.pending.get(timeout=0) is db


def test_core_start_reports_a_database_that_cannot_open(qtbot: QtBot, config: Config) -> None:
    """An opener's KioskError (a damaged file, a receipt series taken) comes out as `failed`
    with that error, and the stand-in raises it to anyone still waiting."""
    taken = KioskError("config.series_taken", vi="Sê-ri đã dùng.", en="Series taken.")

    def opener(_config: Config) -> Database:
        raise taken

    core = CoreStart(config, opener=opener)
    with qtbot.waitSignal(core.failed, timeout=WAIT_S * 1000) as failed:
        core.begin()
    core.join(WAIT_S)
    assert failed.args == [taken]
    with pytest.raises(KioskError) as caught:
        core.pending.get(timeout=0)
    assert caught.value is taken


def test_core_start_reports_a_missing_module(qtbot: QtBot, config: Config, db: Database) -> None:
    """An installation missing one of the screens' modules fails the start with the import
    error instead of a half-built window."""
    core = CoreStart(config, ["ui.no_such_module"], opener=lambda _c: db)
    with qtbot.waitSignal(core.failed, timeout=WAIT_S * 1000) as failed:
        core.begin()
    core.join(WAIT_S)
    assert isinstance(failed.args[0], ModuleNotFoundError)
