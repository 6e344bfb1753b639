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
