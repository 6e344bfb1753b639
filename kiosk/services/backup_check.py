"""The checklist's look at the database copies (kiosk/store/backup.py): is there one to
restore from, and is it recent? (`kiosk doctor` and the console's first-start checklist.)"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from kiosk.domain.localtime import UTC, format_local
from kiosk.services.findings import Finding, Level, finding
from kiosk.store.backup import backup_dir, copies

STALE_AFTER = timedelta(days=2)  # a copy is made every day the kiosk starts and at each Z


def check_backups(db_file: Path | None, now: datetime) -> Finding:
    """OK with the newest copy's time; a warning when there is none yet, or when the newest is
    more than two days older than the data it should hold."""
    if db_file is None:
        return finding(
            "backup.server",
            Level.OK,
            "Cơ sở dữ liệu dùng chung PostgreSQL: sao lưu theo máy chủ.",
            "Shared PostgreSQL database: backed up by its server.",
        )
    if not db_file.exists() or db_file.stat().st_size == 0:
        return finding(
            "backup.no_data", Level.OK, "Chưa có dữ liệu để sao lưu.", "No data to back up yet."
        )
    found = copies(backup_dir(db_file))
    fix_vi = (
        f"Khởi động lại ki-ốt (bản sao được tạo khi mở ki-ốt mỗi ngày và khi chốt ca) và kiểm "
        f"tra thư mục {backup_dir(db_file)} ghi được, ổ đĩa còn chỗ."
    )
    fix_en = (
        f"Restart the kiosk (a copy is made at each day's first start and at each shift close) "
        f"and check that {backup_dir(db_file)} is writable and the disk has room."
    )
    if not found:
        return finding(
            "backup.none",
            Level.WARNING,
            "Chưa có bản sao lưu nào của cơ sở dữ liệu.",
            "There is no copy of the database yet.",
            fix_vi,
            fix_en,
        )
    newest = found[0]
    made = datetime.fromtimestamp(newest.stat().st_mtime, UTC)
    changed = datetime.fromtimestamp(db_file.stat().st_mtime, UTC)
    shown = format_local(made)
    if changed - made > STALE_AFTER and now - made > STALE_AFTER:
        return finding(
            "backup.stale",
            Level.WARNING,
            f"Bản sao lưu mới nhất từ {shown}, cũ hơn dữ liệu hơn hai ngày.",
            f"The newest copy is from {shown}, more than two days older than the data.",
            fix_vi,
            fix_en,
        )
    return finding(
        "backup.ok",
        Level.OK,
        f"Bản sao lưu mới nhất: {shown} ({len(found)} bản).",
        f"Newest copy of the database: {shown} ({len(found)} kept).",
    )
