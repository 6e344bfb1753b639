"""What several commands share: opening this kiosk's database, and a supervisor's say-so.

Its name starts with "_" so the command line does not take it for a command (kiosk/cli.py).
"""

from __future__ import annotations

import argparse
import getpass
import sys
import uuid
from typing import Any

from kiosk import paths
from kiosk.cli_lang import text
from kiosk.errors import KioskError


def open_kiosk() -> tuple[Any, Any]:
    """The configured database (start-up checks included) and this kiosk's context."""
    from kiosk.bootstrap import kiosk_context, open_database
    from kiosk.config import load_config

    config = load_config(paths.config_path())
    db = open_database(config)
    ctx = kiosk_context(config)
    return db, ctx


def add_supervisor_argument(parser: argparse.ArgumentParser) -> None:
    """`--by NAME`: the supervisor authorising a command that changes staff, keys or settings."""
    parser.add_argument(
        "--by",
        metavar="NAME",
        default="",
        help="supervisor who authorises this (asked for their PIN); needed once staff exist",
    )


def authorize(db: Any, ctx: Any, by_name: str, what: str) -> uuid.UUID | None:
    """The supervisor's id after a PIN login (lockout and audit as on screen).

    None when the kiosk has no accounts yet (first set-up: nobody to ask). `what` is the
    command, for the message.
    """
    from kiosk.domain.enums import Role
    from kiosk.services.staff_auth import has_accounts, login
    from kiosk.services.staff_roles import require_supervisor

    with db.read() as session:
        if not has_accounts(session):
            return None
    if not by_name.strip():
        raise KioskError(
            "auth.supervisor_required",
            vi=f"“{what}” cần giám sát viên xác nhận: thêm “--by TÊN” rồi nhập mã PIN của "
            "người đó.",
            en=f"“{what}” needs a supervisor: add “--by NAME” and type that person's PIN.",
        )
    pin = read_pin(text(f"Mã PIN của {by_name}: ", f"{by_name}'s PIN: "))
    with db.unit_of_work() as session:
        staff = login(session, ctx, by_name, pin)
        if staff.role != Role.SUPERVISOR:
            require_supervisor(session, None)  # raises auth.supervisor_required
        return staff.id


def read_pin(prompt: str) -> str:
    """A PIN from the terminal (hidden), or one line of stdin when piped."""
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().strip()
