"""Apply the shipped Alembic migrations at start-up, backing up the SQLite file first."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from kiosk.store.backup import snapshot, sqlite_path
from kiosk.store.db import Database

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(db: Database) -> Config:
    """An Alembic config pointing at the migrations shipped inside the package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def current_revision(db: Database) -> str | None:
    """The revision the database is at (None when empty)."""
    with db.engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:  # no alembic_version table: a new, empty database
            return None


_REVISION = re.compile(r"^revision: str = ['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision: str \| None = (?:['\"]([^'\"]+)['\"]|None)", re.M)


def head_revision(db: Database | None = None) -> str | None:
    """The newest revision shipped with this build, read from the version files themselves.

    Start-up asks this on every launch: reading a handful of small files costs a millisecond,
    importing Alembic a tenth of a second (tests/kiosk/store/test_migrations.py checks that it
    agrees with Alembic's own answer)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("[0-9]*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision:
            revisions.add(revision.group(1))
        if down and down.group(1):
            parents.add(down.group(1))
    heads = sorted(revisions - parents)
    return heads[0] if len(heads) == 1 else None


def upgrade(db: Database, backup_dir: Path | None = None) -> Path | None:
    """Bring the database to the newest revision; returns the backup made, if any."""
    current = current_revision(db)
    if current is not None and current == head_revision(db):
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
    from alembic import command  # only when the schema changes (start-up skips it otherwise)

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, verb)(cfg, revision)


def _backup_sqlite(db: Database, backup_dir: Path | None) -> Path | None:
    """A copy of the SQLite file before migrating (kiosk/store/backup.py; none for PostgreSQL)."""
    source = sqlite_path(db.url)
    return None if source is None else snapshot(source, "before-migration", backup_dir)
