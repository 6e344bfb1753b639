"""Apply the shipped Alembic migrations at start-up, backing up the SQLite file first."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from kiosk.store.db import Database

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(db: Database) -> Config:
    """An Alembic config pointing at the migrations shipped inside the package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def current_revision(db: Database) -> str | None:
    """The revision the database is at (None when empty)."""
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(db: Database) -> str | None:
    """The newest revision shipped with this build."""
    return ScriptDirectory.from_config(alembic_config(db)).get_current_head()


def upgrade(db: Database, backup_dir: Path | None = None) -> Path | None:
    """Bring the database to the newest revision; returns the backup made, if any."""
    current = current_revision(db)
    if current == head_revision(db):
        return None
    has_data = bool(inspect(db.engine).get_table_names())
    backup = _backup_sqlite(db, backup_dir) if has_data else None
    _run(db, "upgrade", "head")
    log.info("database migrated from %s to %s", current, head_revision(db))
    return backup


def downgrade(db: Database, revision: str = "base") -> None:
    """Undo migrations down to `revision` (used by tests and by `kiosk db downgrade`)."""
    _run(db, "downgrade", revision)


def _run(db: Database, verb: str, revision: str) -> None:
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, verb)(cfg, revision)


def _backup_sqlite(db: Database, backup_dir: Path | None) -> Path | None:
    """Copy the SQLite file with the online backup API (safe with WAL) before migrating."""
    url = make_url(db.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    source = Path(url.database)
    target_dir = backup_dir or source.parent / "backups"
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = target_dir / f"{source.stem}-{stamp}.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    target.chmod(0o600)
    log.info("database backed up to %s", target)
    return target
