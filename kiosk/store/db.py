"""Engine set-up (SQLite WAL or PostgreSQL) and the unit of work: one session per user action.

Durability: a commit that records money or a receipt number must be on disk before it returns,
because the receipt is printed right after it (a power cut must not roll back a payment whose
numbered receipt is already on paper, and then issue the number again). SQLite therefore runs
WAL with `synchronous=FULL` on every connection: each commit fsyncs the WAL before returning
(NORMAL only syncs at checkpoints, so the last commits can vanish with the power). PostgreSQL
connections set `synchronous_commit=on`: the commit returns after the server flushed its WAL.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.errors import KioskError

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Every setting is asked for on every new connection: they are per connection, not stored.
SQLITE_PRAGMAS: tuple[str, ...] = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    # FULL: the WAL is fsynced at every commit (see the module docstring).
    "PRAGMA synchronous=FULL",
)
SQLITE_SYNCHRONOUS_FULL = 2  # what `PRAGMA synchronous` reads back for FULL


def sqlite_url(path: Path) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{path}"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create the engine; SQLite gets WAL synced at each commit, foreign keys, a busy timeout
    and write-locking BEGINs; PostgreSQL gets synchronous_commit=on on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = create_engine(url, pool_pre_ping=True, **kwargs)
        if parsed.get_backend_name() == "postgresql":
            _configure_postgres(engine)
        return engine
    if parsed.database and parsed.database != ":memory:":
        _create_private_file(Path(parsed.database))
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)
    _configure_sqlite(engine)
    return engine


def _create_private_file(path: Path) -> None:
    """Create the database file readable by the kiosk user only (it holds personal data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's begin event issue BEGIN itself (pysqlite's own is deferred and late).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        for pragma in SQLITE_PRAGMAS:
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the lock at BEGIN, so two kiosk threads never deadlock upgrading a read
        # lock; read-only units ask for a deferred BEGIN.
        mode = "DEFERRED" if conn.get_execution_options().get("kiosk_readonly") else "IMMEDIATE"
        conn.exec_driver_sql(f"BEGIN {mode}")


def _configure_postgres(engine: Engine) -> None:
    warned: list[bool] = []

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # The server default is on, but a DBA's postgresql.conf or a role setting may have
        # turned it off for speed: ask for it per session so a commit waits for the WAL flush.
        cur = dbapi_conn.cursor()
        cur.execute("SET synchronous_commit TO on")
        cur.execute("SHOW fsync")
        row = cur.fetchone()
        cur.close()
        dbapi_conn.commit()  # a SET inside a transaction that is rolled back would be undone
        if row and row[0] != "on" and not warned:
            warned.append(True)  # once per engine, not once per pooled connection
            log.warning(
                "PostgreSQL runs with fsync=%s: payments may not survive a power cut", row[0]
            )


def durability(engine: Engine) -> dict[str, str]:
    """The settings that decide whether a commit is on disk when it returns, as the server or
    SQLite reports them on a connection of this engine (for tests and `kiosk` diagnostics)."""
    # A read-only connection: on SQLite a plain one would BEGIN IMMEDIATE and take the write lock.
    with engine.execution_options(kiosk_readonly=True).connect() as conn:
        if engine.dialect.name == "sqlite":
            return {
                "journal_mode": str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()),
                "synchronous": str(conn.exec_driver_sql("PRAGMA synchronous").scalar()),
            }
        if engine.dialect.name == "postgresql":
            return {
                name: str(conn.exec_driver_sql(f"SHOW {name}").scalar())
                for name in ("synchronous_commit", "fsync")
            }
    return {}


class Database:
    """The engine and its session factories; services get sessions from `unit_of_work()`."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            self.engine.execution_options(kiosk_readonly=True), expire_on_commit=False
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises.

        On PostgreSQL a lost connection to the shared server (network down, server stopped)
        raises db.connection_lost, one sentence staff can act on; nothing of the transaction
        was committed, and the services' idempotency keys make the retry safe.
        """
        with self._connection_kept(), self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (no write lock on SQLite); objects stay usable afterwards."""
        with self._connection_kept(), self._read_sessions() as session, session.begin():
            yield session

    @contextmanager
    def _connection_kept(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            if self.is_sqlite or not is_connection_failure(exc):
                raise  # SQLite's own errors (disk full, locked) and PostgreSQL's conflicts
            raise KioskError(
                "db.connection_lost",
                vi="Mất kết nối với cơ sở dữ liệu dùng chung (mạng tới máy chủ hoặc máy chủ "
                "bị ngắt). Việc vừa làm chưa được lưu; kiểm tra mạng rồi thử lại.",
                en="The connection to the shared database was lost (the network to the server, "
                "or the server, went down). What was just done was not saved; check the "
                "network and try again.",
            ) from exc

    def dispose(self) -> None:
        self.engine.dispose()


def is_connection_failure(exc: OperationalError) -> bool:
    """A lost or refused connection (SQLSTATE class 08, the server shutting down 57P, or no
    state at all: the client could not talk to it), not a conflict between transactions."""
    if exc.connection_invalidated:
        return True
    state = getattr(exc.orig, "sqlstate", None)
    return state is None or str(state).startswith(("08", "57P"))
