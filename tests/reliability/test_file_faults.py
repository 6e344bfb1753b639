"""Files under faults: a full disk (a real 1 MB tmpfs), damaged and emptied databases, and a
second kiosk process on the same data folder."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from kiosk.bootstrap import acquire_instance_lock, open_database
from kiosk.config import Config, write_default_config
from kiosk.config_edit import update_config
from kiosk.domain.keys import PRIVATE_FILE, load_or_create_private_key
from kiosk.errors import KioskError
from kiosk.private_files import Writer, write_all
from kiosk.store.db import Database, sqlite_url
from kiosk.store.health import damage, marker_path
from kiosk.store.migrate import upgrade
from kiosk.store.models import AuditEntry

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Disk:
    """A small file system: `folder` on it; `fill()` takes every free byte. When mounting is
    not allowed (not root), `writer` fails with ENOSPC instead, as a full disk would."""

    folder: Path
    mounted: bool

    def fill(self) -> None:
        if not self.mounted:
            return
        with (self.folder / "filler").open("wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 4096)
                    handle.flush()
            except OSError as exc:
                assert exc.errno == errno.ENOSPC

    def free(self) -> None:
        (self.folder / "filler").unlink(missing_ok=True)

    @property
    def writer(self) -> Writer:
        return write_all if self.mounted else _enospc


def _enospc(handle: BinaryIO, data: bytes) -> object:
    handle.write(data[: len(data) // 2])
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    """A 1 MB tmpfs mounted for the test (CI runs as root), unmounted afterwards."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    yield Disk(folder, done.returncode == 0)
    if done.returncode == 0:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_full_disk_while_making_the_key_leaves_no_empty_key(disk: Disk) -> None:
    """The first write of the signing key on a full disk: one clear error, no 0-byte or partial
    file; with space again, the key is made and loads the same next time."""
    assert disk.mounted, "CI runs as root: the real small file system must be used"
    keys = disk.folder / "keys"
    keys.mkdir()
    disk.fill()
    with pytest.raises(KioskError) as err:
        load_or_create_private_key(keys, disk.writer)
    assert err.value.code == "files.write_failed"
    assert "the disk is full" in err.value.en and "ổ đĩa đã đầy" in err.value.vi
    assert list(keys.iterdir()) == []
    disk.free()
    key = load_or_create_private_key(keys)
    assert (keys / PRIVATE_FILE).stat().st_mode & 0o777 == 0o600
    assert load_or_create_private_key(keys).public_key() == key.public_key()


def test_an_empty_key_left_by_an_old_version_is_replaced(tmp_path: Path) -> None:
    """A 0-byte key file (what the old non-atomic write left) never stops the kiosk: it never
    held a key, so a new one is made."""
    (tmp_path / PRIVATE_FILE).write_bytes(b"")
    load_or_create_private_key(tmp_path)
    assert (tmp_path / PRIVATE_FILE).stat().st_size > 100


def test_full_disk_while_saving_settings_keeps_the_old_file(disk: Disk) -> None:
    """Saving settings, or rewriting the defaults, on a full disk: one clear error, the old
    file byte for byte, no partial file left."""
    path = disk.folder / "kiosk.toml"
    write_default_config(path)
    update_config(path, {"kiosk.name": "Bàn thu số 2"})
    before = path.read_bytes()
    disk.fill()
    attempts: list[Callable[[], object]] = [
        lambda: update_config(path, {"event.venue": "Sân vận động xã"}, disk.writer)
    ]
    if disk.mounted:
        attempts.append(lambda: write_default_config(path, force=True))
    for attempt in attempts:
        with pytest.raises(KioskError) as err:
            attempt()
        assert err.value.code == "files.write_failed" and "disk is full" in err.value.en
        assert path.read_bytes() == before
        assert not [p for p in disk.folder.iterdir() if p.name.startswith(".")]


def test_full_disk_while_writing_the_database_loses_nothing(disk: Disk) -> None:
    """A transaction that no longer fits fails and rolls back; the rows written before are all
    there and SQLite's check finds the file sound."""
    assert disk.mounted
    db = Database(sqlite_url(disk.folder / "kiosk.sqlite3"))
    upgrade(db)
    with db.unit_of_work() as s:
        for i in range(20):
            s.add(AuditEntry(kiosk_id="K01", action="test.kept", detail={"i": i}))
    disk.fill()
    with pytest.raises(OperationalError, match="full"), db.unit_of_work() as s:
        for _ in range(400):
            s.add(AuditEntry(kiosk_id="K01", action="test.lost", detail={"pad": "x" * 2000}))
    disk.free()
    with db.read() as s:
        assert s.scalar(select(func.count()).where(AuditEntry.action == "test.kept")) == 20
        assert s.scalar(select(func.count()).where(AuditEntry.action == "test.lost")) == 0
    db.dispose()
    assert damage(disk.folder / "kiosk.sqlite3") == ""


@pytest.fixture
def set_up(config: Config, tmp_path: Path) -> Path:
    """A kiosk set up on its SQLite file (the in-use marker written); returns the file."""
    open_database(config, tmp_path / "data").dispose()
    path = tmp_path / "data" / "kiosk.sqlite3"
    assert marker_path(path).exists()
    return path


@pytest.mark.parametrize("harm", ["truncated", "garbage", "zeroed page", "empty", "deleted"])
def test_damaged_or_emptied_database_stops_with_one_clear_message(
    config: Config, tmp_path: Path, set_up: Path, harm: str
) -> None:
    """Each harm gives db.damaged or db.empty naming the file and both ways out; the file is
    not touched (no new kiosk silently started)."""
    data = set_up.read_bytes()
    for suffix in ("-wal", "-shm"):
        Path(f"{set_up}{suffix}").unlink(missing_ok=True)
    if harm == "truncated":
        set_up.write_bytes(data[: len(data) // 3])
    elif harm == "garbage":
        set_up.write_bytes(os.urandom(len(data)))
    elif harm == "zeroed page":
        set_up.write_bytes(data[:4096] + b"\0" * 4096 + data[8192:])
    elif harm == "empty":
        set_up.write_bytes(b"")
    else:
        set_up.unlink()
    before = set_up.read_bytes() if set_up.exists() else None
    with pytest.raises(KioskError) as err:
        open_database(config, tmp_path / "data")
    expected = "db.empty" if harm in ("empty", "deleted") else "db.damaged"
    assert err.value.code == expected
    assert str(set_up) in err.value.en and "--restore-backup" in err.value.vi
    assert "--start-fresh" in err.value.en
    assert (set_up.read_bytes() if set_up.exists() else None) == before


def test_new_kiosk_with_an_empty_file_starts(config: Config, tmp_path: Path) -> None:
    """No marker: a 0-byte file is a kiosk never set up, and it starts normally."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "kiosk.sqlite3").write_bytes(b"")
    open_database(config, folder).dispose()
    assert marker_path(folder / "kiosk.sqlite3").exists()


def test_second_process_on_the_data_folder_is_refused(tmp_path: Path) -> None:
    """While this process holds the lock, another kiosk process gets app.already_running; once
    released, it starts."""
    lock = acquire_instance_lock(tmp_path)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from kiosk.bootstrap import acquire_instance_lock\n"
        "from kiosk.errors import KioskError\n"
        "try:\n"
        f"    acquire_instance_lock(Path({str(tmp_path)!r}))\n"
        "except KioskError as err:\n"
        "    print(err.code, err.en)\n"
        "    sys.exit(2)\n"
    )
    child = [sys.executable, "-c", code]
    second = subprocess.run(child, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert second.returncode == 2 and second.stdout.startswith("app.already_running")
    assert str(tmp_path) in second.stdout
    lock.release()
    third = subprocess.run(child, capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert third.returncode == 0, third.stderr
