"""Files holding personal data or secrets: written whole or not at all, owner-only (0600)."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from kiosk.errors import KioskError

# How one chunk reaches the disk; tests inject a writer that fails with ENOSPC where no small
# file system can be mounted.
Writer = Callable[[BinaryIO, bytes], object]


def write_all(handle: BinaryIO, data: bytes) -> object:
    """The ordinary writer: the whole of `data` into `handle`."""
    return handle.write(data)


@contextmanager
def private_file(path: Path) -> Iterator[BinaryIO]:
    """Write `path` through a hidden partial file (mode 0600) renamed into place on success.

    The data is fsynced before the rename and the folder after it, so a crash or power cut
    leaves the previous file (or none), never half of one or an empty one. Errors are the OSError
    of the failing call; the partial file is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX: fsync the directory itself)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_private(path: Path, data: bytes, writer: Writer = write_all) -> None:
    """`data` into `path` through private_file (OSError on failure, old file intact)."""
    with private_file(path) as handle:
        writer(handle, data)


def save_private(
    path: Path, data: bytes, what: tuple[str, str], writer: Writer = write_all
) -> None:
    """Like write_private, but a failure is one clear KioskError naming the file (disk full...).

    `what` names the file for people in Vietnamese and English: ("khóa ký", "signing key").
    """
    try:
        write_private(path, data, writer)
    except OSError as exc:
        raise write_failed(path, what, exc) from None


def write_failed(path: Path, what: tuple[str, str], exc: OSError) -> KioskError:
    """The message for a file that could not be written; the old file is still there."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        vi_reason, en_reason = "ổ đĩa đã đầy", "the disk is full"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        vi_reason, en_reason = "không có quyền ghi", "no permission to write"
    else:
        vi_reason = en_reason = exc.strerror or type(exc).__name__
    return KioskError(
        "files.write_failed",
        vi=f"Không ghi được {what[0]} vào {path}: {vi_reason}. Tệp cũ vẫn giữ nguyên; giải phóng "
        "chỗ trống rồi thử lại.",
        en=f"Could not write the {what[1]} to {path}: {en_reason}. The previous file is unchanged; "
        "free some space and try again.",
        path=str(path),
        errno=exc.errno,
    )
