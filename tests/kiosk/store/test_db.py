"""Every database connection makes a commit durable before it returns (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from kiosk.store.db import SQLITE_SYNCHRONOUS_FULL, Database, durability, sqlite_url


def test_every_sqlite_connection_syncs_the_wal_at_commit(tmp_path: Path) -> None:
    """Three connections held at once (a fresh one each) all run WAL with synchronous=FULL:
    the setting is per connection, so one configured at start-up is not enough."""
    db = Database(sqlite_url(tmp_path / "k.sqlite3"))
    try:
        conns = [db.engine.raw_connection() for _ in range(3)]
        try:
            for conn in conns:
                cur = conn.cursor()
                assert cur.execute("PRAGMA journal_mode").fetchone() == ("wal",)
                assert cur.execute("PRAGMA synchronous").fetchone() == (SQLITE_SYNCHRONOUS_FULL,)
                cur.close()
        finally:
            for conn in conns:
                conn.close()
        assert durability(db.engine) == {"journal_mode": "wal", "synchronous": "2"}
    finally:
        db.dispose()


def test_durability_check_takes_no_write_lock(tmp_path: Path) -> None:
    """Reading the settings while another connection holds the write lock does not wait for
    it (a diagnostics screen must not stall behind a checkout; taking the lock would fail
    with "database is locked" after the busy timeout)."""
    db = Database(sqlite_url(tmp_path / "k.sqlite3"))
    try:
        with db.unit_of_work() as s:  # BEGIN IMMEDIATE: the write lock is held here
            s.connection()
            assert durability(db.engine)["synchronous"] == "2"
    finally:
        db.dispose()


@pytest.mark.postgres
def test_postgres_commits_wait_for_the_wal_flush_even_if_the_database_says_otherwise(
    pg_url: str,
) -> None:
    """A database whose default was turned to synchronous_commit=off (a DBA tuning for speed)
    still gets synchronous_commit=on on every kiosk connection."""
    name = pg_url.rsplit("/", 1)[1]
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        assert conn.execute("SHOW synchronous_commit").fetchone() == ("on",)  # set before
    with psycopg.connect(plain) as conn:  # a plain client now gets the database's default
        assert conn.execute("SHOW synchronous_commit").fetchone() == ("off",)
    db = Database(pg_url)
    try:
        assert durability(db.engine)["synchronous_commit"] == "on"
        with db.engine.connect() as conn:  # after a rollback of the first transaction too
            conn.exec_driver_sql("SELECT 1")
            conn.rollback()
            assert conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "on"
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_connection_the_server_drops_mid_transaction_is_said_plainly(pg_url: str) -> None:
    """The shared server drops the kiosk's connection in the middle of a unit of work (as when
    it is restarted, or its network goes): the kiosk gets db.connection_lost in both languages,
    nothing of that transaction is stored, and the next unit of work works again (the pool
    reconnects)."""
    from sqlalchemy import text

    from kiosk.errors import KioskError

    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as admin:
        admin.execute("CREATE TABLE notes (body text)")
    db = Database(pg_url)
    try:
        with pytest.raises(KioskError) as caught, db.unit_of_work() as session:
            session.execute(text("INSERT INTO notes VALUES ('lost')"))
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with psycopg.connect(plain, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            session.execute(text("INSERT INTO notes VALUES ('after')"))
        assert caught.value.code == "db.connection_lost"
        assert caught.value.message("vi").startswith("Mất kết nối với cơ sở dữ liệu dùng chung")
        assert caught.value.message("en").startswith("The connection to the shared database")
        with db.unit_of_work() as session:
            session.execute(text("INSERT INTO notes VALUES ('kept')"))
        with db.read() as session:
            assert session.execute(text("SELECT body FROM notes")).scalars().all() == ["kept"]
    finally:
        db.dispose()


def test_sqlite_errors_are_not_taken_for_a_lost_server(tmp_path: Path) -> None:
    """On SQLite an operational error is SQLite's own (here a missing table), passed on as it
    is: only a shared server can be "lost"."""
    from sqlalchemy import text
    from sqlalchemy.exc import OperationalError

    db = Database(sqlite_url(tmp_path / "k.sqlite3"))
    try:
        with pytest.raises(OperationalError, match="no such table"), db.unit_of_work() as s:
            s.execute(text("INSERT INTO missing VALUES (1)"))
    finally:
        db.dispose()
