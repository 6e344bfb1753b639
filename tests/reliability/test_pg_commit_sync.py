"""Syscall trace of a PostgreSQL server: a checkout's COMMIT is answered after the WAL flush.

The kiosk asks for synchronous_commit=on on every connection (kiosk/store/db.py); the server
(run here with fsync on) then flushes the commit record before it answers COMMIT. strace
follows every server process: between the backend receiving the payment's COMMIT and sending
its answer, some server process fdatasyncs a pg_wal file. No timing: the answer waits for it.
"""

from __future__ import annotations

import re
import signal
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.domain.enums import PaymentMethod
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.store.db import Database
from tests.reliability.harness import Lines, prepare
from tests.reliability.pay_once import register_one
from tests.reliability.test_wal_fsync import STRACE
from tests.support.factories import kiosk_context
from tests.support.pgserver import PgServer, create_database

CALL = re.compile(r"^(?P<call>\w+)\((?P<fd>\d+)<(?P<path>[^>]*)>")
TIMEOUT_S = 120


@contextmanager
def traced(server: PgServer, out: Path) -> Iterator[None]:
    """strace attached to the postmaster and all its processes (new backends included)."""
    pids = [server.postmaster_pid]
    children = Path(f"/proc/{pids[0]}/task/{pids[0]}/children").read_text().split()
    pids += [int(pid) for pid in children]
    cmd = [STRACE, "-f", "-y", "-s", "256", "-o", str(out)]
    cmd += ["-e", "trace=recvfrom,sendto,fsync,fdatasync"]
    for pid in pids:
        cmd += ["-p", str(pid)]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    try:
        said = Lines(proc.stderr)
        # Every process attached (or gone: a backend that was just exiting) before the kiosk
        # connects; later backends are followed as the postmaster forks them.
        seen = [re.compile(rf"\b{pid}\b") for pid in pids]
        said.wait_until(lambda got: all(any(p.search(x) for x in got) for p in seen), TIMEOUT_S)
        assert any(f"Process {pids[0]} attached" in line for line in said.lines), said.lines
        yield
    finally:
        proc.send_signal(signal.SIGINT)  # detach, the server goes on
        proc.wait(TIMEOUT_S)
        proc.stderr.close()


def events(lines: list[str]) -> list[tuple[int, str, str, str]]:
    """(pid, call, file, rest of line) in completion order; joins <unfinished>/<resumed>."""
    pending: dict[int, tuple[str, str]] = {}
    out = []
    for line in lines:
        pid_text, _, rest = line.partition(" ")
        if not pid_text.isdigit():
            continue
        pid = int(pid_text)
        rest = rest.lstrip()
        if rest.startswith("<..."):
            if pid in pending:
                call, path = pending.pop(pid)
                out.append((pid, call, path, rest))
            continue
        found = CALL.match(rest)
        if not found:
            continue
        if rest.endswith("<unfinished ...>"):
            pending[pid] = (found.group("call"), found.group("path"))
        else:
            out.append((pid, found.group("call"), found.group("path"), rest))
    return out


def _pay_traced(tmp_path: Path, synchronous_commit: str) -> tuple[list[str], list[str]]:
    """Pay one visit while traced; the calls between COMMIT and its answer: (backend's own
    syncs of pg_wal, every process's syncs of pg_wal)."""
    server = PgServer(fsync=True)
    server.start()
    try:
        url = create_database(server.admin_url)
        prepare(url, tmp_path)
        db, ctx = Database(url), kiosk_context()
        try:
            visit, total = register_one(db, ctx, None)
            trace = tmp_path / "pg-trace.txt"
            with traced(server, trace), db.unit_of_work() as s:
                if synchronous_commit != "on":  # the control: this transaction only
                    s.execute(text(f"SET LOCAL synchronous_commit TO {synchronous_commit}"))
                part = PaymentRequest(PaymentMethod.CASH, total, tendered=total)
                assert checkout(s, ctx, visit, [part], uuid.uuid4().hex).paid
        finally:
            db.dispose()
    finally:
        server.stop()
    calls = events(trace.read_text().splitlines())
    insert = next(
        i for i, e in enumerate(calls) if e[1] == "recvfrom" and "INSERT INTO payments" in e[3]
    )
    backend = calls[insert][0]
    commit = next(
        i
        for i, e in enumerate(calls)
        if i > insert and e[0] == backend and e[1] == "recvfrom" and "COMMIT" in e[3]
    )
    answer = next(
        i for i, e in enumerate(calls) if i > commit and e[0] == backend and e[1] == "sendto"
    )
    window = calls[commit + 1 : answer]
    syncs = [e for e in window if e[1] in ("fsync", "fdatasync") and "pg_wal" in e[2]]
    return [str(e) for e in syncs if e[0] == backend], [str(e) for e in syncs]


@pytest.mark.postgres
@pytest.mark.timeout(300)
def test_postgres_answers_a_payments_commit_after_flushing_its_wal(tmp_path: Path) -> None:
    """With the kiosk's setting the WAL is flushed to disk between COMMIT and its answer."""
    _, syncs = _pay_traced(tmp_path, "on")
    assert syncs, "COMMIT was answered before any fdatasync of pg_wal"


@pytest.mark.postgres
@pytest.mark.timeout(300)
def test_the_trace_sees_an_asynchronous_commit_answer_without_flushing(tmp_path: Path) -> None:
    """The control: with synchronous_commit=off the backend answers COMMIT without flushing
    the WAL itself (a background writer does it later), so the check above has teeth."""
    backend_syncs, _ = _pay_traced(tmp_path, "off")
    assert backend_syncs == []
