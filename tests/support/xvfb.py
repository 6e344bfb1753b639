"""An Xvfb screen of a given size with no window manager, as a kiosk session has (tests, tools)."""

from __future__ import annotations

import os
import random
import select
import subprocess

START_TIMEOUT_S = 120  # generous: two busy cores in CI


def start_xvfb(width: int, height: int) -> tuple[subprocess.Popen[bytes], str]:
    """An X server with one `width`×`height` screen and no window manager, as in the kiosk
    session. The display number is drawn at random far above :0 (other X servers on the
    machine may share the abstract socket names) and tried again if taken; Xvfb writes it to
    a pipe once it accepts clients (-displayfd), so nothing waits on a clock."""
    for _attempt in range(5):
        number = random.randrange(200, 5000)
        read_end, write_end = os.pipe()
        proc = subprocess.Popen(
            [
                "Xvfb",
                f":{number}",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                f"{width}x{height}x24",
                "-nolisten",
                "tcp",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(write_end,),
        )
        os.close(write_end)
        said = _read_line(read_end, START_TIMEOUT_S)
        if said == str(number):
            return proc, f":{number}"
        stop(proc)  # taken (or too slow): another number
    raise RuntimeError("Xvfb did not start")


def _read_line(fd: int, timeout_s: float) -> str:
    """One line from the pipe (Xvfb writes the number and the newline separately: closing the
    pipe after the first part would kill it), or what came before the timeout."""
    data = b""
    try:
        while not data.endswith(b"\n"):
            ready, _, _ = select.select([fd], [], [], timeout_s)
            chunk = os.read(fd, 16) if ready else b""
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    return data.decode().strip()


def stop(proc: subprocess.Popen[bytes] | subprocess.Popen[str]) -> None:
    """Terminate, then kill, each with a bounded wait."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(30)
