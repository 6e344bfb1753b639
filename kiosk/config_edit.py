"""Changing the configuration file from the settings screen, keeping its comments.

Every change is checked by parsing the edited text with the same validation as at start-up
before the file is replaced (atomically, so a power cut leaves the old or the new file).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import tomlkit

from kiosk.config import Config, parse_config


def update_config(path: Path, changes: dict[str, Any]) -> Config:
    """Set each dotted key ("bank.account", "printers.booklet.offset_x_mm") and save.

    Raises the configuration's own error (naming the key) if the result is invalid; the file
    is then left as it was.
    """
    document = tomlkit.parse(path.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        *tables, key = dotted.split(".")
        node: Any = document
        for name in tables:
            if name not in node:
                node[name] = tomlkit.table()
            node = node[name]
        node[key] = value
    text = tomlkit.dumps(document)
    config = parse_config(text, source=path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kiosk-", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return config
