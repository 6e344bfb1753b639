"""A throwaway PostgreSQL server for the tests (Debian's postgresql package, no system service)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError(
        "PostgreSQL server binaries not found: install Debian's 'postgresql' package "
        "(the README's test command does) or set KIOSK_TEST_PG_URL to a server you run."
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One initdb'd cluster in a temporary directory, listening on 127.0.0.1 only."""

    def __init__(self, fsync: bool = False) -> None:
        self.fsync = fsync  # off by default: the tests kill clients, never the server's disk
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.datadir = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0  # PostgreSQL refuses to run as root: use 'postgres'

    def _run(self, *args: str) -> None:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.datadir),
            "-U",
            "kiosk",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        opts = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        if not self.fsync:
            opts += " -c fsync=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-o",
            opts,
            "-l",
            str(self.root / "log.txt"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        try:
            self._run(
                str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "stop"
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    @property
    def postmaster_pid(self) -> int:
        """The server's main process (its first line of postmaster.pid)."""
        return int((self.datadir / "postmaster.pid").read_text().split()[0])

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://kiosk@127.0.0.1:{self.port}/postgres"


@contextmanager
def running_server() -> Iterator[str]:
    """Yield the admin URL of a server: KIOSK_TEST_PG_URL if given, else a throwaway one."""
    given = os.environ.get("KIOSK_TEST_PG_URL")
    if given:
        yield given
        return
    server = PgServer()
    server.start()
    try:
        yield server.admin_url
    finally:
        server.stop()


def create_database(admin_url: str) -> str:
    """Create a fresh database on the server and return its SQLAlchemy URL."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"
