"""One kiosk process per data folder: an OS file lock that a crash or power cut releases."""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from kiosk import paths
from kiosk.errors import KioskError


class InstanceLock:
    """An exclusive lock on <data folder>/kiosk.lock held while the application runs.

    The OS releases it when the process ends, even after a crash or a power cut (no stale lock
    to clean up). `release()` for tests and orderly shutdown.
    """

    def __init__(self, handle: IO[str], path: Path) -> None:
        self._handle = handle
        self.path = path

    def release(self) -> None:
        self._handle.close()


def acquire_instance_lock(data_dir: Path | None = None) -> InstanceLock:
    """Take the data folder's lock, or app.already_running when another kiosk process has it."""
    folder = data_dir or paths.data_dir()
    path = folder / "kiosk.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    handle = os.fdopen(fd, "r+", encoding="ascii")
    try:
        _lock(handle)
    except OSError:
        handle.close()
        raise KioskError(
            "app.already_running",
            vi=f"Ki-ốt đang chạy trong một cửa sổ khác trên thư mục dữ liệu {folder}. Dùng "
            "cửa sổ đó, hoặc đóng nó trước khi mở lại.",
            en=f"The kiosk is already running in another window on the data folder {folder}. "
            "Use that window, or close it before starting again.",
            path=str(folder),
        ) from None
    try:  # which process holds it, for a person looking; the lock alone is what counts
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
    except OSError:  # (Windows' byte-range lock is not tried here: never stop the start for it)
        pass
    return InstanceLock(handle, path)


def _lock(handle: IO[str]) -> None:
    if os.name == "posix":
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows kiosks
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
