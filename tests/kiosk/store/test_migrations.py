"""Migrations build exactly the models, back up SQLite first, and downgrade cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from kiosk.store import migrate
from kiosk.store.db import Database, sqlite_url
from kiosk.store.models import Base


def _diff(db: Database) -> list[object]:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(ctx, Base.metadata))


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_upgrade_matches_models_and_downgrade_empties(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """An empty database upgraded to head equals the models (autogenerate finds nothing), and
    downgrading to base leaves only Alembic's own table."""
    url = (
        request.getfixturevalue("pg_url")
        if backend == "postgres"
        else sqlite_url(tmp_path / "m.db")
    )
    db = Database(url)
    assert migrate.current_revision(db) is None
    migrate.upgrade(db)
    assert migrate.current_revision(db) == migrate.head_revision(db)
    assert _diff(db) == []
    migrate.downgrade(db, "base")
    assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
    db.dispose()


def test_upgrade_backs_up_existing_sqlite_file(tmp_path: Path) -> None:
    """Migrating a database that already has data copies the file first, data included."""
    db = Database(sqlite_url(tmp_path / "k.db"))
    migrate.upgrade(db)
    with db.unit_of_work() as s:
        s.execute(
            text(
                "INSERT INTO kiosks (id, name, receipt_series, created_at) VALUES ('K9', 'x', 'K9', '2026-01-01')"
            )
        )
    migrate.downgrade(db, "base")  # pretend an old build: now an upgrade is pending
    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE keepme (v INTEGER)"))
        conn.execute(text("INSERT INTO keepme VALUES (42)"))
    backup = migrate.upgrade(db, backup_dir=tmp_path / "bk")
    assert backup is not None and backup.exists()
    assert backup.stat().st_mode & 0o777 == 0o600
    copy = Database(sqlite_url(backup))
    with copy.engine.connect() as conn:
        assert conn.execute(text("SELECT v FROM keepme")).scalar_one() == 42
    copy.dispose()
    db.dispose()


def test_upgrade_is_a_no_op_at_head(db: Database) -> None:
    """Starting the kiosk again does not migrate or back up anything."""
    assert migrate.upgrade(db) is None


def test_sqlite_runs_in_wal_with_foreign_keys(db: Database) -> None:
    """The embedded database uses WAL, enforces foreign keys and waits on locks."""
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_start_up_knows_the_head_without_alembic(tmp_path: Path) -> None:
    """The head read from the version files is Alembic's own head; an up-to-date database
    starts without importing Alembic at all (it costs a tenth of a second at every start)."""
    import subprocess
    import sys

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(migrate.MIGRATIONS_DIR))
    assert migrate.head_revision() == ScriptDirectory.from_config(cfg).get_current_head()
    path = tmp_path / "kiosk.sqlite3"
    db = Database(sqlite_url(path))
    migrate.upgrade(db)
    assert migrate.current_revision(db) == migrate.head_revision()
    db.dispose()
    code = (
        "import sys\n"
        "from kiosk.store.db import Database, sqlite_url\n"
        "from kiosk.store.migrate import upgrade\n"
        f"assert upgrade(Database(sqlite_url({str(path)!r}))) is None\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
