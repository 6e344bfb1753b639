"""Copies of the SQLite file the kiosk can be restored from (`kiosk init --restore-backup`).

Taken with SQLite's online backup API (consistent with WAL and with writers at work), written
to a hidden temporary name, fsynced and renamed, so a power cut never leaves a half copy that
looks whole. When: before a schema migration, at the first start of each day, and after each
shift close (Z) — the last is the point a restore most often wants (the cash was counted, the
receipts printed up to it). The newest KEEP copies stay; retention deletes older ones.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.errors import KioskError
from kiosk.private_files import fsync_dir

log = logging.getLogger(__name__)
KEEP = 20  # copies kept by prune(): a fortnight of daily starts and shift closes
SUFFIX = ".sqlite3"


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite database URL (None for PostgreSQL or an in-memory database)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database)


def backup_dir(source: Path) -> Path:
    return source.parent / "backups"


def write_copy(source: Path, target: Path) -> None:
    """SQLite's online backup of `source` into `target`, 0600 and fsynced; both connections
    are closed on return (an open handle would stop the rename on Windows)."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    target.chmod(0o600)
    with target.open("rb") as handle:
        os.fsync(handle.fileno())


def snapshot(source: Path, reason: str, folder: Path | None = None) -> Path:
    """Copy the database at `source` to `<folder>/<stem>-<time>-<reason>.sqlite3` (0600)."""
    target_dir = folder or backup_dir(source)
    target_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = target_dir / f"{source.stem}-{stamp}-{reason}{SUFFIX}"
    partial = target_dir / f".{target.name}.partial"
    partial.unlink(missing_ok=True)
    try:
        write_copy(source, partial)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    fsync_dir(target_dir)
    log.info("database backed up to %s", target)
    return target


def copies(folder: Path) -> list[Path]:
    """The finished copies in `folder`, newest first (by time written, then name)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith(".")]
    return sorted(found, key=lambda p: (p.stat().st_mtime, p.name), reverse=True)


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest `keep` copies; returns what was deleted."""
    gone = copies(folder)[keep:]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


def snapshot_url(url: str, reason: str) -> Path | None:
    """A copy of the database at `url` (None for PostgreSQL: its server's own backups apply),
    pruned to KEEP; a failure is one clear KioskError (disk full, folder not writable)."""
    source = sqlite_path(url)
    if source is None:
        return None
    try:
        made = snapshot(source, reason)
        prune(backup_dir(source))
    except (OSError, sqlite3.Error) as exc:
        raise backup_failed(source, exc) from None
    return made


def backup_failed(source: Path, exc: BaseException) -> KioskError:
    folder = backup_dir(source)
    return KioskError(
        "db.backup_failed",
        vi=f"Không sao lưu được cơ sở dữ liệu vào {folder} ({exc}). Dữ liệu vẫn an toàn trong "
        "tệp chính; kiểm tra chỗ trống trên ổ đĩa.",
        en=f"Could not back up the database to {folder} ({exc}). The data is still safe in the "
        "main file; check the free disk space.",
        path=str(folder),
    )


def daily_snapshot(source: Path, today: str | None = None) -> Path | None:
    """The first start of a day's copy (None when today's exists or there is no file yet)."""
    if not source.exists() or source.stat().st_size == 0:
        return None
    day = today or datetime.now().strftime("%Y%m%d")
    folder = backup_dir(source)
    if any(
        p.name.startswith(f"{source.stem}-{day}-") and "-start" in p.name for p in copies(folder)
    ):
        return None
    made = snapshot(source, "start", folder)
    prune(folder)
    return made
