"""Copies of the SQLite file: whole even with writes still in the WAL, never half-written,
pruned to the newest KEEP, once a day at start, refused clearly when they cannot be made."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kiosk.bootstrap import day_backup
from kiosk.config import Config
from kiosk.errors import KioskError
from kiosk.store.backup import (
    KEEP,
    copies,
    daily_snapshot,
    prune,
    snapshot,
    snapshot_url,
    sqlite_path,
)
from kiosk.store.db import sqlite_url
from kiosk.store.health import restore_latest_backup


def _wal_database(path: Path, rows: int) -> sqlite3.Connection:
    """A WAL database with `rows` committed rows still in the WAL (no checkpoint yet); the
    connection stays open, as the kiosk's does."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE t (n INTEGER)")
    connection.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(rows)])
    connection.commit()
    return connection


def _count(path: Path) -> int:
    with closing(sqlite3.connect(path)) as connection:
        return int(connection.execute("SELECT count(*) FROM t").fetchone()[0])


def test_copy_holds_what_is_still_in_the_wal(tmp_path: Path) -> None:
    """1,000 rows committed but not checkpointed: the copy has all of them, is 0600, sits in
    backups/ beside the file, and no temporary file is left."""
    source = tmp_path / "kiosk.sqlite3"
    with closing(_wal_database(source, 1000)):
        assert Path(f"{source}-wal").stat().st_size > 0
        made = snapshot(source, "z-close")
    assert made.parent == tmp_path / "backups" and made.name.endswith("-z-close.sqlite3")
    assert _count(made) == 1000
    assert made.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]


def test_prune_keeps_the_newest_and_restore_ignores_a_half_copy(tmp_path: Path) -> None:
    """KEEP + 3 copies with known times: prune deletes the 3 oldest. A `.partial` left by a
    power cut is neither a copy nor restored; the newest whole copy is."""
    source = tmp_path / "kiosk.sqlite3"
    with closing(_wal_database(source, 5)):
        made = [snapshot(source, f"n{i:02d}") for i in range(KEEP + 3)]
    for i, path in enumerate(made):
        os.utime(path, (1_700_000_000 + i, 1_700_000_000 + i))
    gone = prune(tmp_path / "backups")
    assert gone == list(reversed(made[:3]))
    assert copies(tmp_path / "backups") == list(reversed(made[3:]))
    half = tmp_path / "backups" / f".{made[-1].name}.partial"
    half.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)
    assert half not in copies(tmp_path / "backups")
    source.write_bytes(b"damaged")
    assert restore_latest_backup(source) == made[-1]
    assert _count(source) == 5


def test_one_start_copy_a_day(tmp_path: Path) -> None:
    """The first start of a day copies the file; later starts that day do not; the next day
    does. No file yet (a new kiosk): nothing to copy."""
    source = tmp_path / "kiosk.sqlite3"
    assert daily_snapshot(source, "20261203") is None
    with closing(_wal_database(source, 3)):
        first = daily_snapshot(source, "20261203")
        assert first is not None and first.name.endswith("-start.sqlite3")
        assert daily_snapshot(source, "20261203") is None
        second = daily_snapshot(source, "20261204")
    assert second is not None and copies(tmp_path / "backups") == [second, first]


def test_the_kiosks_start_copy_never_stops_the_start(
    tmp_path: Path, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    """day_backup (called on the start-up thread) copies data/kiosk.sqlite3 once; when the
    copy cannot be made it logs why and returns None instead of raising."""
    data = tmp_path / "data"
    data.mkdir()
    with closing(_wal_database(data / "kiosk.sqlite3", 1)):
        made = day_backup(config, data)
        assert made is not None and made.parent == data / "backups"
        assert day_backup(config, data) is None  # once a day
        for path in copies(data / "backups"):
            path.unlink()
        (data / "backups").rmdir()
        (data / "backups").write_bytes(b"not a folder")
        assert day_backup(config, data) is None
    assert "the day's backup" in caplog.text and _count(data / "kiosk.sqlite3") == 1


def test_postgres_and_memory_have_no_file_copy() -> None:
    assert sqlite_path("postgresql+psycopg://k@db.local/event") is None
    assert sqlite_path("sqlite://") is None
    assert snapshot_url("postgresql+psycopg://k@db.local/event", "z-close") is None


def test_a_copy_that_cannot_be_made_says_where_and_leaves_the_file(tmp_path: Path) -> None:
    """backups/ is a file (or a full disk): db.backup_failed naming the folder in both
    languages; the database itself is untouched."""
    source = tmp_path / "kiosk.sqlite3"
    with closing(_wal_database(source, 2)):
        (tmp_path / "backups").write_bytes(b"not a folder")
        with pytest.raises(KioskError) as err:
            snapshot_url(sqlite_url(source), "z-close")
    assert err.value.code == "db.backup_failed"
    assert str(tmp_path / "backups") in err.value.vi and "free disk space" in err.value.en
    assert _count(source) == 2
