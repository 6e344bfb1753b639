"""Start-up checks of the SQLite file: damaged, truncated or emptied files stop the kiosk with
one clear message and a way out, instead of a traceback or a silent fresh start.

A marker file beside the database records that this kiosk was set up with it: a missing or
0-byte database then means data was lost (receipt numbers must not restart at 1), not that the
kiosk is new.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.private_files import fsync_dir, save_private
from kiosk.store.backup import backup_dir, copies, write_copy

SQLITE_HEADER = b"SQLite format 3\x00"
_WAYS_OUT_VI = (
    "Cách xử lý: “python -m kiosk init --restore-backup” khôi phục bản sao lưu gần nhất (rồi "
    "giám sát viên nhập số biên lai cuối cùng trên giấy); "
    "“python -m kiosk init --start-fresh” cất tệp hiện tại sang bên rồi bắt đầu cơ sở dữ liệu "
    "mới (số biên lai bắt đầu lại từ 1: báo văn phòng)."
)
_WAYS_OUT_EN = (
    "Ways out: “python -m kiosk init --restore-backup” restores the newest backup (then a "
    "supervisor enters the last receipt number on paper); "
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


def restored_marker(db_path: Path) -> Path:
    """Beside a database restored from a copy until the receipt numbers on paper are entered."""
    return db_path.with_name(f".{db_path.name}.restored")


def check_sqlite(db_path: Path, *, restored_ok: bool = False) -> None:
    """Refuse a database that is missing, empty or damaged once the kiosk was set up with it,
    and one restored from a copy whose receipt numbers were not brought up to the paper's
    (`restored_ok`: the command that does that)."""
    restored = restored_marker(db_path)
    if restored.exists() and not restored_ok:
        source = restored.read_text(encoding="utf-8").strip()
        raise KioskError(
            "db.restored_unconfirmed",
            vi=f"Cơ sở dữ liệu vừa được khôi phục từ bản sao lưu {source}. Biên lai in sau "
            "bản sao lưu không có trong đó: trước khi thu tiền tiếp, giám sát viên nhập số biên "
            "lai cuối cùng trên giấy của từng quyển: “python -m kiosk init --confirm-receipts "
            "KÝ_HIỆU=SỐ … --by TÊN” (lệnh không có số sẽ liệt kê các quyển).",
            en=f"The database was just restored from the backup {source}. Receipts printed "
            "after that backup are not in it: before taking money again, a supervisor enters "
            "the last receipt number on paper of each book: “python -m kiosk init "
            "--confirm-receipts SYMBOL=NUMBER … --by NAME” (without numbers it lists the books).",
            path=str(db_path),
        )
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


def restore_latest_backup(db_path: Path, folder: Path | None = None) -> Path:
    """Set the current file aside and copy the newest sound backup in its place; the kiosk
    then refuses to start until the receipt numbers are confirmed (restored_marker)."""
    folder = folder or backup_dir(db_path)
    sound = next((p for p in copies(folder) if p.stat().st_size and not damage(p)), None)
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
    write_copy(sound, partial)
    save_private(restored_marker(db_path), sound.name.encode("utf-8"), ("tệp đánh dấu", "marker"))
    partial.replace(db_path)
    fsync_dir(db_path.parent)
    return sound


def confirmed_restore(db_path: Path) -> None:
    """The receipt numbers were brought up to the paper's: the kiosk may start again."""
    restored_marker(db_path).unlink(missing_ok=True)
    fsync_dir(db_path.parent)


def _error(code: str, vi: str, en: str, db_path: Path) -> KioskError:
    return KioskError(code, vi=f"{vi} {_WAYS_OUT_VI}", en=f"{en} {_WAYS_OUT_EN}", path=str(db_path))
