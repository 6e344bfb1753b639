"""The README's "Files" promise on a real `init`: the data and keys folders are the kiosk
user's only (0700), the database, its key and the configuration 0600, and so are the copies."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kiosk.store.backup import snapshot_url
from kiosk.store.db import sqlite_url
from tests.kiosk.commands.test_bundle_cli import run, use


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_init_leaves_nothing_readable_by_others(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    config = use(monkeypatch, tmp_path)
    old = os.umask(0o022)  # an ordinary desktop session's umask
    try:
        assert run(capsys, "init")[0] == 0
        data = tmp_path / "data"
        database = data / "kiosk.sqlite3"
        copy = snapshot_url(sqlite_url(database), "z-close")
    finally:
        os.umask(old)
    assert copy is not None
    keys = [p for p in (data / "keys").iterdir() if p.is_file()]
    assert keys, "init made no key"
    modes = {
        "data": _mode(data),
        "keys": _mode(data / "keys"),
        "backups": _mode(data / "backups"),
        "database": _mode(database),
        "config": _mode(config),
        "copy": _mode(copy),
        **{f"key {p.name}": _mode(p) for p in keys if not p.name.endswith(".pub")},
    }
    expected = {name: 0o700 if name in ("data", "keys", "backups") else 0o600 for name in modes}
    assert modes == expected
