"""A shared PostgreSQL server behind a password: a wrong password stops start-up with
db.unreachable, a dropped connection is db.connection_lost, and neither shows the password."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import replace

import psycopg
import pytest
from sqlalchemy import text

from kiosk.bootstrap import open_database
from kiosk.config import Config
from kiosk.errors import KioskError
from tests.kiosk.test_bootstrap import assert_unreachable
from tests.support.pgserver import PgServer, create_database

PASSWORD = "s3cr3t-pw"
WRONG = "wr0ng-pw-77"
pytestmark = pytest.mark.postgres


def _as_server_user(*cmd: str) -> None:
    """Run a server binary as PgServer does (PostgreSQL refuses to run as root)."""
    args = ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)
    subprocess.run(args, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def password_server() -> Iterator[tuple[str, int]]:
    """A throwaway server (tests/support/pgserver.py starts its clusters with trust
    authentication) switched to scram-sha-256 for TCP connections, with role kiosk's password
    set: (database URL without a password, port). Local socket connections stay trusted."""
    server = PgServer()
    server.start()
    try:
        plain = server.admin_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"ALTER ROLE kiosk PASSWORD '{PASSWORD}'")
        hba = server.datadir / "pg_hba.conf"
        rules = [
            line.replace(" trust", " scram-sha-256") if line.startswith("host") else line
            for line in hba.read_text().splitlines()
        ]
        hba.write_text("\n".join(rules) + "\n")
        # A restart (not a reload signal) so the new rules are in force when it returns; its
        # log goes to the file, else the server would hold this process's output pipe open.
        _as_server_user(
            str(server.bindir / "pg_ctl"),
            "-D",
            str(server.datadir),
            "-l",
            str(server.root / "log.txt"),
            "-w",
            "restart",
        )
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(plain, connect_timeout=10).close()
        with_password = plain.replace("kiosk@", f"kiosk:{PASSWORD}@")
        url = create_database(with_password.replace("postgresql://", "postgresql+psycopg://"))
        yield url.replace(f"kiosk:{PASSWORD}@", "kiosk@"), server.port
    finally:
        server.stop()


def _never_shows(err: KioskError, secret: str) -> None:
    for shown in (err.message("vi"), err.message("en"), str(err), repr(err.params)):
        assert secret not in shown


def test_wrong_password_at_start_up_is_unreachable_without_the_password(
    config: Config, password_server: tuple[str, int]
) -> None:
    """The booth's URL has a wrong password: start-up gives db.unreachable naming the server
    ("127.0.0.1:PORT/DB") in both languages with the server's reason (password authentication
    failed), and neither the wrong password nor anything of the URL's user part."""
    url, port = password_server
    database = url.rsplit("/", 1)[1]
    wrong = url.replace("kiosk@", f"kiosk:{WRONG}@")
    with pytest.raises(KioskError) as caught:
        open_database(replace(config, database_url=wrong))
    err = caught.value
    assert_unreachable(err, f"127.0.0.1:{port}/{database}")
    assert 'password authentication failed for user "kiosk"' in err.message("en")
    _never_shows(err, WRONG)
    _never_shows(err, f"kiosk:{WRONG}")


def test_dropped_connection_never_shows_the_password(
    config: Config, password_server: tuple[str, int]
) -> None:
    """With the right password the kiosk starts; when the server drops its connection in the
    middle of a unit of work the error is db.connection_lost in both languages, and
    "s3cr3t-pw" is in neither message, nor in the error's text or parameters."""
    url, _ = password_server
    db = open_database(replace(config, database_url=url.replace("kiosk@", f"kiosk:{PASSWORD}@")))
    plain = url.replace("postgresql+psycopg://", "postgresql://").replace(
        "kiosk@", f"kiosk:{PASSWORD}@"
    )
    try:
        with pytest.raises(KioskError) as caught, db.unit_of_work() as session:
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with psycopg.connect(plain, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            session.execute(text("SELECT 1"))
        err = caught.value
        assert err.code == "db.connection_lost"
        assert err.message("vi").startswith("Mất kết nối với cơ sở dữ liệu dùng chung")
        assert err.message("en").startswith("The connection to the shared database")
        _never_shows(err, PASSWORD)
    finally:
        db.dispose()
