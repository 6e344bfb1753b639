"""Start-up checks of the SQLite file: damaged, truncated or emptied files stop the kiosk with
one clear message and a way out, instead of a traceback or a silent fresh start.

A marker file beside the database records that this kiosk was set up with it: a missing or
0-byte database then means data was lost (receipt numbers must not restart at 1), not that the
kiosk is new.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.private_files import fsync_dir, save_private

SQLITE_HEADER = b"SQLite format 3\x00"
_WAYS_OUT_VI = (
    "Cách xử lý: “python -m kiosk init --restore-backup” khôi phục bản sao lưu gần nhất; "
    "“python -m kiosk init --start-fresh” cất tệp hiện tại sang bên rồi bắt đầu cơ sở dữ liệu "
    "mới (số biên lai bắt đầu lại từ 1: báo văn phòng)."
)
_WAYS_OUT_EN = (
    "Ways out: “python -m kiosk init --restore-backup” restores the newest backup; "
    "“python -m kiosk init --start-fresh” sets the current file aside and starts a new database "
    "(receipt numbers restart at 1: tell the office)."
)


def marker_path(db_path: Path) -> Path:
    """The "this kiosk was set up with this database" marker beside it."""
    return db_path.with_name(f".{db_path.name}.in-use")


def mark_in_use(db_path: Path, kiosk_id: str) -> None:
    """Record (once) that the kiosk runs on this database."""
    marker = marker_path(db_path)
    if not marker.exists():
        text = f"{kiosk_id} {datetime.now().isoformat(timespec='seconds')}\n"
        save_private(marker, text.encode("ascii"), ("tệp đánh dấu", "marker file"))


def check_sqlite(db_path: Path) -> None:
    """Refuse a database that is missing, empty or damaged once the kiosk was set up with it."""
    in_use = marker_path(db_path).exists()
    if not db_path.exists() or db_path.stat().st_size == 0:
        if in_use:
            raise _error(
                "db.empty",
                f"Tệp cơ sở dữ liệu {db_path} bị mất hoặc trống, dù ki-ốt này đã ghi dữ liệu vào "
                "đó. Ki-ốt không tự bắt đầu lại (số biên lai sẽ trùng).",
                f"The database file {db_path} is missing or empty although this kiosk has "
                "recorded data in it. The kiosk does not start afresh by itself (receipt numbers "
                "would repeat).",
                db_path,
            )
        return
    problem = damage(db_path)
    if problem:
        raise _error(
            "db.damaged",
            f"Tệp cơ sở dữ liệu {db_path} bị hỏng ({problem}).",
            f"The database file {db_path} is damaged ({problem}).",
            db_path,
        )


def damage(db_path: Path) -> str:
    """What is wrong with a SQLite file ("" when SQLite's quick_check finds nothing)."""
    with db_path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return "not a SQLite file"
    try:
        connection = sqlite3.connect(db_path)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return "" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])


def set_aside(db_path: Path) -> Path | None:
    """Rename the database (and its WAL files) to *.damaged-<time>; never deletes anything."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = None
    for suffix in ("", "-wal", "-shm"):
        part = Path(f"{db_path}{suffix}")
        if part.exists():
            target = part.with_name(f"{db_path.name}.damaged-{stamp}{suffix}")
            part.rename(target)
            moved = moved or target
    marker_path(db_path).unlink(missing_ok=True)
    fsync_dir(db_path.parent)
    return moved


def restore_latest_backup(db_path: Path, backup_dir: Path | None = None) -> Path:
    """Set the current file aside and copy the newest sound backup in its place."""
    folder = backup_dir or db_path.parent / "backups"
    candidates = sorted(folder.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    sound = next((p for p in candidates if p.stat().st_size and not damage(p)), None)
    if sound is None:
        raise KioskError(
            "db.no_backup",
            vi=f"Không có bản sao lưu dùng được trong {folder}. Dùng “python -m kiosk init "
            "--start-fresh” để bắt đầu cơ sở dữ liệu mới.",
            en=f"No usable backup in {folder}. Use “python -m kiosk init --start-fresh” to "
            "start a new database.",
        )
    set_aside(db_path)
    partial = db_path.with_name(f".{db_path.name}.restoring")
    shutil.copyfile(sound, partial)
    partial.chmod(0o600)
    partial.replace(db_path)
    fsync_dir(db_path.parent)
    return sound


def _error(code: str, vi: str, en: str, db_path: Path) -> KioskError:
    return KioskError(code, vi=f"{vi} {_WAYS_OUT_VI}", en=f"{en} {_WAYS_OUT_EN}", path=str(db_path))
