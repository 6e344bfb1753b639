"""The crash harness's power-cut disk: the child's database on `powerfs`, cut at every kill.

Each life mounts the image folder through `powerfs`; after the child is SIGKILLed the mount
is taken away, which leaves in the image only what had been fsynced: the power went at the
instant of the kill. The books are then checked on the image, as the kiosk finds them when
the power comes back. The paper log and the screen's attempt file stay on the real disk
(paper that came out of the printer, and a cashier who remembers what she was doing).

Needs root, /dev/fuse and libfuse2 (Debian package libfuse2, Python package fusepy).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from kiosk.store.db import sqlite_url
from tests.reliability.harness import ROOT, Lines

MOUNT_TIMEOUT_S = 60


class PowerCutDisk:
    """A `harness.Disk` whose every kill is a power cut (use it as a context manager)."""

    def __init__(self, workdir: Path, name: str = "crash.sqlite3") -> None:
        self.image, self.mount = workdir / "disk", workdir / "mnt"
        self.image.mkdir(exist_ok=True)
        self.mount.mkdir(exist_ok=True)
        self.child_url = sqlite_url(self.mount / name)
        self.books_url = sqlite_url(self.image / name)
        self.daemon: subprocess.Popen[bytes] | None = None
        self.cuts = 0
        self.writes = self.fsyncs = 0  # what reached the layer, over all lives

    def before_life(self) -> None:
        """Power on: serve the image through the layer."""
        self.daemon = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.powerfs", str(self.image), str(self.mount)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
        )
        assert self.daemon.stdout is not None
        lines = Lines(self.daemon.stdout)
        lines.wait_for("mounted", MOUNT_TIMEOUT_S)
        self._lines = lines

    def after_kill(self) -> None:
        """Power off: unmount, and the layer keeps only what was synced."""
        daemon = self.daemon
        assert daemon is not None
        subprocess.run(["umount", str(self.mount)], check=True, timeout=MOUNT_TIMEOUT_S)
        daemon.wait(MOUNT_TIMEOUT_S)
        for line in self._lines.drain(MOUNT_TIMEOUT_S):
            if line.startswith("unmounted"):
                counts = dict(part.split("=") for part in line.split()[1:])
                self.writes += int(counts["writes"])
                self.fsyncs += int(counts["fsyncs"])
        assert daemon.stdout is not None
        daemon.stdout.close()
        self.daemon = None
        self.cuts += 1

    def __enter__(self) -> PowerCutDisk:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        if self.daemon is not None:  # a failure mid-life: never leave a mount behind
            subprocess.run(["umount", "-l", str(self.mount)], timeout=MOUNT_TIMEOUT_S)
            self.daemon.kill()
            self.daemon.wait(MOUNT_TIMEOUT_S)
            if self.daemon.stdout:
                self.daemon.stdout.close()
            self.daemon = None
