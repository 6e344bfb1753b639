"""kiosk/bootstrap.py: opening the configured database, and saying why when it cannot."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest

from kiosk.bootstrap import open_database
from kiosk.config import Config
from kiosk.errors import KioskError


def _refused_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def assert_unreachable(err: KioskError, server: str) -> None:
    """db.unreachable naming `server` ("host:port/database") first, in both languages."""
    assert err.code == "db.unreachable"
    assert err.message("vi").startswith(f"Không kết nối được cơ sở dữ liệu dùng chung {server}")
    assert err.message("en").startswith(f"Cannot reach the shared database {server}")


def test_an_unreachable_shared_database_says_so_in_both_languages(config: Config) -> None:
    """Several kiosks on one PostgreSQL server: when it cannot be reached (server off, the
    booth's network down) start-up gives db.unreachable naming the server in Vietnamese and
    English, with the driver's reason, and never the password."""
    port = _refused_port()
    url = f"postgresql+psycopg://kiosk:s3cret-pw@127.0.0.1:{port}/event"
    with pytest.raises(KioskError) as caught:
        open_database(replace(config, database_url=url))
    err = caught.value
    assert_unreachable(err, f"127.0.0.1:{port}/event")
    assert "Connection refused" in err.message("en")
    assert all("s3cret-pw" not in err.message(lang) for lang in ("vi", "en"))


@pytest.mark.postgres
def test_a_server_that_refuses_the_kiosk_says_so_too(config: Config, pg_server: str) -> None:
    """A running server that refuses the connection (a role or database it does not have: the
    booth's URL mistyped) gives the same db.unreachable, not the driver's exception."""
    base = pg_server.rsplit("/", 1)[0]
    for url in (base + "/no_such_event", pg_server.replace("kiosk@", "nobody@")):
        with pytest.raises(KioskError) as caught:
            open_database(replace(config, database_url=url))
        assert caught.value.code == "db.unreachable"
