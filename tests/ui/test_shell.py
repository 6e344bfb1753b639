"""ui/shell.py: the first screen is on the display, and usable, before the database opens."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.config import Config, write_default_config
from kiosk.domain.enums import Role
from kiosk.paths import config_path
from kiosk.services.context import kiosk_context
from kiosk.services.staff_auth import create_staff
from kiosk.store.db import Database
from ui.selfservice.controller import Step
from ui.selfservice.wizard import SelfServiceWizard
from ui.shell import KioskStart
from ui.staff.console import StaffConsole

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 60  # generous: two busy cores in CI


class Gate:
    """An opener that hands over the test's database only when the test opens the gate."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.open = threading.Event()

    def __call__(self, _config: Config) -> Database:
        assert self.open.wait(WAIT_S), "the test never opened the gate"
        return self.db


@pytest.fixture
def gate(db: Database) -> Gate:
    return Gate(db)


@pytest.fixture
def started(request: pytest.FixtureRequest, config: Config, gate: Gate) -> Iterator[KioskStart]:
    """KioskStart in the mode the test names, its database held back by the gate; stopped
    and closed at the end (print threads, worker threads, window)."""
    start = KioskStart(config, mode=request.param, kiosk_mode=False, opener=gate)
    try:
        yield start
    finally:
        gate.open.set()
        start.core.join(WAIT_S)
        if start.printing is not None:
            start.printing.stop()
            if start.printing.thread is not None:
                start.printing.thread.join(WAIT_S)
        state = getattr(start, "state", None)
        if state is not None:
            state.tasks.wait_idle()
        start.window.close()


@pytest.mark.parametrize("started", ["staff"], indirect=True)
def test_staff_type_their_pin_before_the_database_is_open(
    qtbot: QtBot, started: KioskStart, gate: Gate, db: Database
) -> None:
    """The login page is on screen while the database is still opening; a name and PIN
    typed and submitted then are checked once it opens, and the desk follows, built around
    the same login page. Only the page shown is built."""
    with db.unit_of_work() as session:
        create_staff(session, kiosk_context(started.config), "Lê Thị Lan", Role.SUPERVISOR, "2468")
    login = started.login
    assert started.window.isVisible() and started.window.content is login
    assert not started.core.pending.ready and login.name.count() == 0
    assert login.hint.text() == "Đang mở dữ liệu của ki-ốt…"  # not a page that looks stuck
    login.name.setCurrentText("Lê Thị Lan")
    login.pin.setText("2468")
    login.button.click()
    assert started.state.staff is None and not login.button.isEnabled()
    with qtbot.waitSignal(started.ready, timeout=WAIT_S * 1000):
        gate.open.set()
    console = started.window.content
    assert isinstance(console, StaffConsole) and console.login is login
    assert started.window.stack.currentWidget() is console  # on screen, not the calm screen
    assert not started.window.broken
    qtbot.waitUntil(lambda: started.state.staff is not None, timeout=WAIT_S * 1000)
    assert started.state.staff.name == "Lê Thị Lan"
    qtbot.waitUntil(lambda: login.hint.text() == "", timeout=WAIT_S * 1000)  # names came
    assert console.stack.currentWidget() is console.desk
    built = [name for name in console.pages if console.pages.is_built(name)]
    # The queue, and the checklist when its findings (an unedited kiosk has some) come first
    # or arrive after login: nothing else was built.
    assert built and set(built) <= {"queue", "checks"}


@pytest.mark.parametrize("started", ["selfservice"], indirect=True)
def test_attendees_see_the_welcome_screen_before_the_database_is_open(
    qtbot: QtBot, started: KioskStart, gate: Gate
) -> None:
    """The welcome screen is up, and the only screen built, while the database opens; the
    next screen is built when an attendee taps "Bắt đầu", database open or not."""
    wizard = started.window.content
    assert isinstance(wizard, SelfServiceWizard) and started.window.isVisible()
    assert wizard.controller.step == Step.WELCOME
    assert wizard.screens.built() == [wizard.screens[Step.WELCOME]]
    assert not started.core.pending.ready
    wizard.screens[Step.WELCOME].start_button.click()  # type: ignore[attr-defined]
    assert wizard.controller.step == Step.IDENTIFY
    assert wizard.stack.currentWidget() is wizard.screens[Step.IDENTIFY]
    with qtbot.waitSignal(started.ready, timeout=WAIT_S * 1000):
        gate.open.set()
    assert started.printing is not None
    assert started.window.stack.currentWidget() is wizard and not started.window.broken


@pytest.mark.parametrize("mode", ["staff", "selfservice"])
def test_the_first_window_shows_before_the_store_and_printing_load(mode: str) -> None:
    """In a fresh process, when the first window is on screen none of SQLAlchemy, Alembic,
    the models, reportlab or python-escpos has been imported: they load behind it."""
    write_default_config(config_path())
    heavy = ("sqlalchemy", "alembic", "kiosk.store.models", "reportlab", "escpos")
    code = (
        "import sys\n"
        "from kiosk.config import load_config\n"
        "from kiosk.paths import config_path\n"
        "from ui.shell import KioskStart\n"
        f"start = KioskStart(load_config(config_path()), mode={mode!r}, kiosk_mode=False)\n"
        f"print(start.window.isVisible(), [m for m in {heavy!r} if m in sys.modules])\n"
        "start.core.begin(); start.core.join()\n"
        f"print([m for m in {heavy[:3]!r} if m in sys.modules])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=WAIT_S * 2,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    first, after = done.stdout.splitlines()[-2:]
    assert first == "True []"
    assert after == "['sqlalchemy', 'alembic', 'kiosk.store.models']"
