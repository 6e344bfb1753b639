"""The checklist's line about the database copies: none yet, stale, fine, or PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.localtime import UTC
from kiosk.services import doctor
from kiosk.services.backup_check import check_backups
from kiosk.services.findings import Level
from kiosk.store.backup import snapshot

NOW = datetime(2026, 12, 3, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam


def _database(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE t (n INTEGER)")
        connection.commit()
    return path


def _at(path: Path, moment: datetime) -> None:
    os.utime(path, (moment.timestamp(), moment.timestamp()))


def test_no_data_no_copy_a_copy_and_a_stale_copy(tmp_path: Path) -> None:
    db_file = tmp_path / "kiosk.sqlite3"
    assert check_backups(db_file, NOW).code == "backup.no_data"
    _database(db_file)
    none = check_backups(db_file, NOW)
    assert (none.code, none.level) == ("backup.none", Level.WARNING)
    assert str(tmp_path / "backups") in none.fix_vi and "shift close" in none.fix_en
    copy = snapshot(db_file, "z-close")
    _at(copy, NOW - timedelta(hours=20))
    _at(db_file, NOW - timedelta(hours=1))
    fine = check_backups(db_file, NOW)
    assert (fine.code, fine.level) == ("backup.ok", Level.OK)
    assert fine.vi == "Bản sao lưu mới nhất: 02/12/2026 14:00 (1 bản)."
    _at(copy, NOW - timedelta(days=3))
    stale = check_backups(db_file, NOW)
    assert (stale.code, stale.level) == ("backup.stale", Level.WARNING)
    assert (
        stale.en
        == "The newest copy is from 30/11/2026 10:00, more than two days older than the data."
    )
    _at(db_file, NOW - timedelta(days=3))  # nothing written since the copy: nothing to lose
    assert check_backups(db_file, NOW).code == "backup.ok"


def test_shared_database_and_the_checklist_includes_it(tmp_path: Path) -> None:
    """On PostgreSQL the server's backups apply; `run_checks` lists the line either way."""
    assert check_backups(None, NOW).code == "backup.server"
    config = parse_config(DEFAULT_CONFIG)
    findings = doctor.run_checks(config, tmp_path, now=NOW, free_bytes=lambda _p: 10 * 1024**3)
    assert findings[-1].code == "backup.no_data"
    shared = replace(config, database_url="postgresql+psycopg://k@db.local/event")
    findings = doctor.run_checks(shared, tmp_path, now=NOW, free_bytes=lambda _p: 10 * 1024**3)
    assert findings[-1].code == "backup.server"
