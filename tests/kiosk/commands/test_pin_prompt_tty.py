"""A PIN typed at a real terminal is not shown: `staff add` in a pseudo-terminal (its
controlling terminal, as at a desk), the prompt answered as a person would type."""

from __future__ import annotations

import io
import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from kiosk.cli import main

ROOT = Path(__file__).resolve().parents[3]
PIN = "8642"


def _read_until(fd: int, wanted: bytes, seen: bytearray, deadline: float) -> None:
    while wanted not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"no {wanted!r} in {bytes(seen)!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            try:
                chunk = os.read(fd, 1024)
            except OSError:  # the child closed the terminal
                chunk = b""
            assert chunk, f"the command ended before {wanted!r}: {bytes(seen)!r}"
            seen += chunk


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pseudo-terminals")
def test_pin_typed_at_a_terminal_is_not_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    places = {
        "KIOSK_DATA_DIR": str(tmp_path / "data"),
        "KIOSK_KEYS_DIR": str(tmp_path / "data" / "keys"),
        "KIOSK_CONFIG": str(tmp_path / "kiosk.toml"),
    }
    for name, value in places.items():
        monkeypatch.setenv(name, value)
    assert main(["--lang", "en", "init"]) == 0
    env = {**os.environ, **places, "PYTHONPATH": str(ROOT)}
    argv = [
        sys.executable,
        "-m",
        "kiosk",
        "--lang",
        "en",
        "staff",
        "add",
        "Hà Văn Sơn",
        "--supervisor",
    ]
    pid, fd = pty.fork()
    if pid == 0:  # the child: a session leader whose controlling terminal is the pty
        os.chdir(ROOT)
        os.execve(sys.executable, argv, env)
    seen = bytearray()
    deadline = time.monotonic() + 120
    try:
        _read_until(fd, b"PIN", seen, deadline)
        os.write(fd, f"{PIN}\r".encode())
        while True:
            left = deadline - time.monotonic()
            assert left > 0, bytes(seen)
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, bytes(seen)
    assert PIN.encode() not in seen, bytes(seen)
    # the PIN typed is the account's: the supervisor authorises the next account with it
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n1357\n"))
    assert main(["--lang", "en", "staff", "add", "Lò Thị Xa", "--by", "Hà Văn Sơn"]) == 0
    assert main(["--lang", "en", "staff", "list"]) == 0
    listed = capsys.readouterr().out
    assert "Hà Văn Sơn" in listed and "Lò Thị Xa" in listed
