"""main.py as a process: start-up report and exit, quiet console, clean stop on SIGINT/SIGTERM."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import select

from kiosk.bootstrap import database_url, kiosk_context, open_database, output_dir
from kiosk.config import load_config, write_default_config
from kiosk.domain.enums import PrinterRole, PrintStatus
from kiosk.paths import config_path
from kiosk.store.db import Database
from kiosk.store.migrate import current_revision, head_revision
from kiosk.store.models import Kiosk, PrintJob
from printing.issue import issue_test_page

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 120  # generous: two busy cores in CI
STOP_TIMEOUT_S = 30
KIOSK_EXIT_AFTER_SHOW = ("--mode", "selfservice", "--kiosk", "--exit-after-show")


def kiosk_env() -> dict[str, str]:
    """This test's private data and config folders (set by conftest), offscreen Qt."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}


class Output:
    """A child's stdout read by a thread (a blocking readline cannot time out), line by line;
    it drains until the child closes the pipe, so the child never blocks on a full pipe."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        assert proc.stdout is not None
        self.proc = proc
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, args=(proc.stdout,), daemon=True)
        self._thread.start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def until(self, marker: str, timeout: float) -> list[str]:
        """The lines up to the one containing `marker`; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break  # the child ended
            self.lines.append(line)
            if marker in line:
                return self.lines
        self.proc.kill()
        raise AssertionError(f"no {marker!r} within {timeout}s; stdout: {self.lines}")

    def rest(self, timeout: float) -> str:
        """All of stdout once the child closed it."""
        self._thread.join(timeout)
        while not self._queue.empty():
            line = self._queue.get()
            if line is not None:
                self.lines.append(line)
        return "\n".join(self.lines)


@pytest.fixture
def queued_test_pages() -> Iterator[int]:
    """A kiosk on the default configuration with one test page queued for each printer."""
    write_default_config(config_path())
    config = load_config(config_path())
    db = open_database(config)
    try:
        with db.unit_of_work() as session:
            for role in PrinterRole:
                issue_test_page(session, kiosk_context(config), role)
    finally:
        db.dispose()
    yield len(PrinterRole)


def jobs_by_status() -> dict[PrintStatus, int]:
    """How many print jobs are in each state now."""
    db = open_database(load_config(config_path()))
    try:
        with db.read() as session:
            statuses = list(session.scalars(select(PrintJob.status)))
    finally:
        db.dispose()
    return {s: statuses.count(s) for s in set(statuses)}


def printed_files() -> list[Path]:
    """The PDFs and ESC/POS files the folder printers wrote."""
    folder = output_dir(load_config(config_path()))
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def run_main(*args: str) -> subprocess.CompletedProcess[str]:
    """main.py run to its end in its own process, its output captured."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=kiosk_env(),
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT_S,
        check=False,
    )


@contextmanager
def running_kiosk(*args: str) -> Iterator[tuple[subprocess.Popen[str], Output]]:
    """main.py in its own process, stdout read line by line; killed if still running at the
    end, pipes closed."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=kiosk_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    output = Output(proc)
    try:
        yield proc, output
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        output.rest(STOP_TIMEOUT_S)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_kiosk_mode_exit_after_show_reports_and_exits_quietly() -> None:
    """`--mode selfservice --kiosk --exit-after-show` prints when the first window showed and
    when everything was loaded, then exits 0 (the full-screen window refuses to close, so the
    app must leave its loop regardless), with nothing else on the console: no Qt size-hint
    lines, no log lines."""
    done = run_main(*KIOSK_EXIT_AFTER_SHOW)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("=")[0] for line in lines] == ["startup_s", "ready_s"]
    first, ready = (float(line.split("=")[1]) for line in lines)
    assert 0 < first <= ready
    assert done.stderr == ""


def test_a_second_start_on_the_same_data_folder_is_refused() -> None:
    """While a kiosk runs, starting another on the same data folder (a double click too many)
    ends at once with status 2 and says why in both languages; the first keeps running."""
    with running_kiosk("--mode", "staff") as (proc, output):
        output.until("Kiosk running", START_TIMEOUT_S)
        second = run_main("--mode", "staff", "--exit-after-show")
        assert proc.poll() is None
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=STOP_TIMEOUT_S)
    assert second.returncode == 2 and second.stdout == ""
    assert "Ki-ốt đang chạy trong một cửa sổ khác" in second.stderr
    assert "The kiosk is already running in another window" in second.stderr


def test_a_damaged_database_found_behind_the_first_screen_stops_the_start(
    queued_test_pages: int,
) -> None:
    """The database opens behind the first screen; when it turns out damaged the kiosk still
    stops with status 2 and the reason in both languages, and leaves the file as it was."""
    database = Path(os.environ["KIOSK_DATA_DIR"]) / "kiosk.sqlite3"
    for extra in ("-wal", "-shm"):
        Path(f"{database}{extra}").unlink(missing_ok=True)
    database.write_bytes(b"not a database at all" * 100)
    before = database.read_bytes()
    done = run_main("--mode", "staff", "--exit-after-show")
    assert done.returncode == 2
    assert done.stdout.startswith("startup_s=") and "ready_s" not in done.stdout
    assert "bị hỏng" in done.stderr and "is damaged" in done.stderr
    assert "Traceback" not in done.stderr
    assert database.read_bytes() == before


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_signal_stops_the_running_kiosk_with_nothing_lost(
    queued_test_pages: int, signum: int
) -> None:
    """Ctrl+C (or SIGTERM) on the idle kiosk, with four jobs queued at start: the process ends
    by itself with status 0 and says so; no job is left "printing", and every job marked done
    has its file (the rest wait in the queue for the next start)."""
    with running_kiosk("--mode", "staff") as (proc, output):
        ready = output.until("Kiosk running", START_TIMEOUT_S)
        assert any("Ki-ốt đang chạy" in line for line in ready)
        proc.send_signal(signum)
        proc.wait(timeout=STOP_TIMEOUT_S)
        out = output.rest(STOP_TIMEOUT_S)
        assert proc.stderr is not None
        err = proc.stderr.read()
    assert proc.returncode == 0, err
    assert "Đã dừng ki-ốt. / Kiosk stopped." in out
    assert "Đang dừng… / Stopping…" in err and "Traceback" not in err
    states = jobs_by_status()
    assert PrintStatus.PRINTING not in states
    assert sum(states.values()) == queued_test_pages
    assert states.get(PrintStatus.DONE, 0) == len(printed_files())


def test_jobs_print_after_the_window_then_sigterm_is_clean(queued_test_pages: int) -> None:
    """The print threads start after the first screen (deferred warm-up) and print every queued
    job; SIGTERM afterwards stops the process cleanly with all four marked done."""
    with running_kiosk("--mode", "staff") as (proc, output):
        output.until("Kiosk running", START_TIMEOUT_S)
        deadline = time.monotonic() + START_TIMEOUT_S
        pause = threading.Event()
        while len(printed_files()) < queued_test_pages and time.monotonic() < deadline:
            pause.wait(0.1)  # the files are written by another process: nothing to wait on
        assert len(printed_files()) == queued_test_pages
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=STOP_TIMEOUT_S)
        assert "Kiosk stopped." in output.rest(STOP_TIMEOUT_S)
    assert proc.returncode == 0
    assert jobs_by_status() == {PrintStatus.DONE: queued_test_pages}


def test_ctrl_c_while_the_database_opens_behind_the_first_window() -> None:
    """Ctrl+C as soon as the first window is up (the database is then usually still opening
    behind it): the kiosk waits for the opening to finish, ends with status 0 and says so,
    and the database it leaves opens cleanly at the next start, fully migrated."""
    write_default_config(config_path())
    with running_kiosk("--mode", "staff", "--exit-after-show") as (proc, output):
        output.until("startup_s=", START_TIMEOUT_S)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=STOP_TIMEOUT_S)
        out = output.rest(STOP_TIMEOUT_S)
        assert proc.stderr is not None
        err = proc.stderr.read()
    assert proc.returncode == 0, err
    assert "Kiosk stopped." in out and "Traceback" not in err
    # Read as it was left, before anything migrates it again: complete, and the kiosk's row.
    db = Database(database_url(load_config(config_path())))
    try:
        assert current_revision(db) == head_revision(db)
        with db.read() as session:
            assert session.scalars(select(Kiosk.id)).all() == [load_config(config_path()).kiosk.id]
    finally:
        db.dispose()
