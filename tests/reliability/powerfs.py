"""A FUSE filesystem that keeps only what was fsynced when the power goes (unmount = power cut).

Model (a strict ext4 in data=ordered mode): every write goes to memory at once, as into the
page cache; `fsync`/`fdatasync` of a file makes its current bytes durable; any fsync (of a file
or a directory) also commits the names (create, rename, unlink), as ext4's journal commit does.
At unmount the durable state, and nothing else, is written to the image folder: a file created
since the last commit is gone, a file never synced comes back empty or with its older synced
bytes. The next mount starts from that image, as the machine does after the power comes back.

Writes are not cached by the kernel (libfuse 2 has no writeback cache), so a write() that
returned has reached this process: a SIGKILLed writer followed by an unmount is a power cut at
the instant of the kill. POSIX locks (SQLite's) are kept by the kernel, as for a local disk.

Run: `python -m tests.reliability.powerfs IMAGE_DIR MOUNTPOINT` (root, /dev/fuse, libfuse2);
it prints "mounted" when ready and exits after `umount MOUNTPOINT`.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuse import FUSE, FuseOSError, Operations  # type: ignore[import-untyped]


@dataclass(eq=False)
class Inode:
    """One file or directory: its live bytes and the bytes a power cut would leave."""

    mode: int
    data: bytearray = field(default_factory=bytearray)
    synced: bytes = b""
    mtime: float = field(default_factory=time.time)

    @property
    def is_dir(self) -> bool:
        return stat.S_ISDIR(self.mode)


class PowerCutFS(Operations):
    """The filesystem; paths are absolute inside the mount ("/crash.sqlite3")."""

    lock = None  # no lock operation: the kernel keeps POSIX locks itself
    bmap = ioctl = getxattr = listxattr = setxattr = removexattr = None

    def __init__(self, image: Path) -> None:
        self.image = image
        self.live: dict[str, Inode] = {"/": Inode(stat.S_IFDIR | 0o755)}
        for path in sorted(image.rglob("*")):
            name = "/" + path.relative_to(image).as_posix()
            if path.is_dir():
                self.live[name] = Inode(stat.S_IFDIR | 0o755)
            else:
                content = path.read_bytes()
                mode = stat.S_IFREG | stat.S_IMODE(path.stat().st_mode)
                self.live[name] = Inode(mode, bytearray(content), content)
        self.durable = dict(self.live)
        self.handles: dict[int, Inode] = {}
        self.next_fh = 1
        self.counts = {"write": 0, "fsync": 0}

    # -- power ----------------------------------------------------------------------------
    def write_image(self) -> None:
        """The power cut: only durable names with their synced bytes go back to the image."""
        for child in self.image.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
        for name, inode in sorted(self.durable.items()):
            target = self.image / name.lstrip("/")
            if name == "/":
                continue
            if inode.is_dir:
                target.mkdir(parents=True, exist_ok=True)
            else:
                target.write_bytes(inode.synced)
                target.chmod(stat.S_IMODE(inode.mode))

    def _commit_names(self) -> None:
        self.durable = dict(self.live)

    # -- helpers --------------------------------------------------------------------------
    def _get(self, path: str) -> Inode:
        inode = self.live.get(path)
        if inode is None:
            raise FuseOSError(errno.ENOENT)
        return inode

    def _inode(self, path: str, fh: int | None) -> Inode:
        if fh and fh in self.handles:
            return self.handles[fh]
        return self._get(path)

    def _handle(self, inode: Inode) -> int:
        fh, self.next_fh = self.next_fh, self.next_fh + 1
        self.handles[fh] = inode
        return fh

    def _parent_ok(self, path: str) -> None:
        parent = os.path.dirname(path) or "/"
        if not self._get(parent).is_dir:
            raise FuseOSError(errno.ENOTDIR)

    # -- FUSE operations ------------------------------------------------------------------
    def init(self, path: str) -> None:
        print("mounted", flush=True)

    def getattr(self, path: str, fh: int | None = None) -> dict[str, Any]:
        inode = self._inode(path, fh)
        size = len(inode.data)
        return {
            "st_mode": inode.mode,
            "st_nlink": 2 if inode.is_dir else 1,
            "st_size": size,
            "st_blocks": (size + 511) // 512,
            "st_uid": os.getuid(),
            "st_gid": os.getgid(),
            "st_atime": inode.mtime,
            "st_mtime": inode.mtime,
            "st_ctime": inode.mtime,
        }

    def readdir(self, path: str, fh: int) -> list[str]:
        prefix = path.rstrip("/") + "/"
        names = [
            p[len(prefix) :]
            for p in self.live
            if p != "/" and p.startswith(prefix) and "/" not in p[len(prefix) :]
        ]
        return [".", "..", *names]

    def access(self, path: str, amode: int) -> int:
        self._get(path)
        return 0

    def statfs(self, path: str) -> dict[str, int]:
        # Free space is irrelevant here: 4 GiB of 4 KiB blocks, half free.
        return {"f_bsize": 4096, "f_frsize": 4096, "f_blocks": 1 << 20, "f_bfree": 1 << 19}

    def mkdir(self, path: str, mode: int) -> None:
        self._parent_ok(path)
        if path in self.live:
            raise FuseOSError(errno.EEXIST)
        self.live[path] = Inode(stat.S_IFDIR | (mode & 0o7777))

    def rmdir(self, path: str) -> None:
        if self.readdir(path, 0)[2:]:
            raise FuseOSError(errno.ENOTEMPTY)
        del self.live[path]

    def create(self, path: str, mode: int, fi: Any = None) -> int:
        self._parent_ok(path)
        inode = self.live.get(path)
        if inode is None:
            inode = self.live[path] = Inode(stat.S_IFREG | (mode & 0o7777))
        return self._handle(inode)

    def open(self, path: str, flags: int) -> int:
        inode = self._get(path)
        if flags & os.O_TRUNC:
            del inode.data[:]
        return self._handle(inode)

    def opendir(self, path: str) -> int:
        self._get(path)
        return 0

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        return bytes(self._inode(path, fh).data[offset : offset + size])

    def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
        inode = self._inode(path, fh)
        if offset > len(inode.data):
            inode.data.extend(b"\0" * (offset - len(inode.data)))
        inode.data[offset : offset + len(data)] = data
        inode.mtime = time.time()
        self.counts["write"] += 1
        return len(data)

    def truncate(self, path: str, length: int, fh: int | None = None) -> None:
        inode = self._inode(path, fh)
        if length < len(inode.data):
            del inode.data[length:]
        else:
            inode.data.extend(b"\0" * (length - len(inode.data)))

    def fsync(self, path: str, datasync: int, fh: int) -> int:
        inode = self._inode(path, fh)
        inode.synced = bytes(inode.data)
        self._commit_names()
        self.counts["fsync"] += 1
        return 0

    def fsyncdir(self, path: str, datasync: int, fh: int) -> int:
        self._commit_names()
        return 0

    def flush(self, path: str, fh: int) -> int:
        return 0  # close() is not a sync: nothing becomes durable here

    def release(self, path: str, fh: int) -> int:
        self.handles.pop(fh, None)
        return 0

    def releasedir(self, path: str, fh: int) -> int:
        return 0

    def unlink(self, path: str) -> None:
        self._get(path)
        del self.live[path]

    def rename(self, old: str, new: str) -> None:
        inode = self._get(old)
        self._parent_ok(new)
        self.live[new] = self.live.pop(old)
        if inode.is_dir:  # move what lies below too
            for name in [p for p in self.live if p.startswith(old + "/")]:
                self.live[new + name[len(old) :]] = self.live.pop(name)

    def chmod(self, path: str, mode: int) -> int:
        inode = self._get(path)
        inode.mode = (inode.mode & ~0o7777) | (mode & 0o7777)
        return 0

    def chown(self, path: str, uid: int, gid: int) -> int:
        self._get(path)
        return 0

    def utimens(self, path: str, times: tuple[float, float] | None = None) -> int:
        self._get(path).mtime = times[1] if times else time.time()
        return 0


def main(image: Path, mountpoint: Path) -> None:
    """Serve until unmounted, then leave only the durable state in the image folder."""
    fs = PowerCutFS(image)
    # One thread: requests are served in the order they come, nothing races.
    FUSE(fs, str(mountpoint), foreground=True, nothreads=True, big_writes=True, fsname="powercut")
    fs.write_image()
    print(f"unmounted writes={fs.counts['write']} fsyncs={fs.counts['fsync']}", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
