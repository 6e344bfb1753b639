"""A pseudo-terminal standing in for a scanner in USB serial (CDC-ACM) mode."""

from __future__ import annotations

import contextlib
import os
import queue
import tty
from pathlib import Path


class FakeScanner:
    """The scanner end of a pty; `path` is a stable name like /dev/ttyACM0 (a symlink to the
    pty's slave). `unplug()` closes the pty and removes the name, as pulling the cable does;
    `plug()` makes a new pty under the same name."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "ttyACM-scanner"
        self.master = -1
        self.slave = -1
        self.plug()

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        temp = self.path.with_suffix(".new")
        os.symlink(os.ttyname(self.slave), temp)
        os.replace(temp, self.path)

    def unplug(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        for fd in (self.master, self.slave):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.master = self.slave = -1

    def send(self, data: bytes) -> None:
        os.write(self.master, data)

    def close(self) -> None:
        self.unplug()


def wait_for(q: queue.Queue[str], wanted: str, timeout: float = 10.0) -> list[str]:
    """Take items from `q` until `wanted` arrives (each get has a timeout); returns them."""
    seen: list[str] = []
    while wanted not in seen:
        seen.append(q.get(timeout=timeout))
    return seen


def opened_elsewhere(fake: FakeScanner) -> bool:
    """True once another file descriptor of this process (the reader's) has the pty open."""
    name = os.ttyname(fake.slave)
    fds = Path("/proc/self/fd")
    count = 0
    for fd in fds.iterdir():
        with contextlib.suppress(OSError):
            if os.readlink(fd) == name:
                count += 1
    return count > 1  # our own slave end is one
