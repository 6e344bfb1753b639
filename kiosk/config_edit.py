"""Changing the configuration file from the settings screen, keeping its comments.

Every change is checked by parsing the edited text with the same validation as at start-up
before the file is replaced (atomically and fsynced, so a power cut or a full disk leaves the old
or the new file). Only a supervisor may change it: `save_settings` checks that in the service.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import tomlkit
from sqlalchemy.orm import Session

from kiosk.config import Config, parse_config
from kiosk.private_files import Writer, save_private, write_all
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.staff_roles import require_supervisor


def save_settings(
    session: Session,
    ctx: KioskContext,
    path: Path,
    changes: dict[str, Any],
    supervisor_id: uuid.UUID | None,
) -> Config:
    """The settings screen's save: an active supervisor only, validated, written, audited."""
    require_supervisor(session, supervisor_id)
    config = update_config(path, changes)
    audit.record(
        session,
        ctx.kiosk_id,
        "settings.changed",
        staff_id=supervisor_id,
        keys=",".join(sorted(changes)),
    )
    return config


def update_config(path: Path, changes: dict[str, Any], writer: Writer = write_all) -> Config:
    """Set each dotted key ("bank.account", "printers.booklet.offset_x_mm") and save.

    The file-level step of `save_settings` (which checks the supervisor): raises the
    configuration's own error (naming the key) if the result is invalid, or files.write_failed
    if the disk refuses; the file is then left as it was.
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
    save_private(path, text.encode("utf-8"), ("tệp cấu hình", "configuration file"), writer)
    return config
