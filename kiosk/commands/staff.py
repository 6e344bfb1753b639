"""`kiosk staff list | add NAME [--supervisor]`: staff accounts (the PIN is read from stdin)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("staff", help="list staff or add a staff member")
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("list", help="active staff and their roles")
    add = verbs.add_parser(
        "add", help="add a staff member; the PIN is asked for, never an argument"
    )
    add.add_argument("name")
    add.add_argument("--supervisor", action="store_true", help="may void, reprint cards, close")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from kiosk.commands.merge import _open
    from kiosk.domain.enums import Role
    from kiosk.services.staff_auth import create_staff
    from kiosk.store.models import Staff

    db, ctx = _open()
    try:
        if args.verb == "list":
            with db.read() as session:
                for name, role in session.execute(
                    select(Staff.name, Staff.role)
                    .where(Staff.active.is_(True))
                    .order_by(Staff.name)
                ):
                    print(f"{name}\t{role.value}")
            return 0
        pin = _read_pin()
        role = Role.SUPERVISOR if args.supervisor else Role.STAFF
        with db.unit_of_work() as session:
            create_staff(session, ctx, args.name, role, pin)
        print(f"Đã thêm / added: {args.name} ({role.value})")
        return 0
    finally:
        db.dispose()


def _read_pin() -> str:
    """The PIN from the terminal (hidden), or one line of stdin when piped."""
    if sys.stdin.isatty():
        return getpass.getpass("Mã PIN / PIN: ")
    return sys.stdin.readline().strip()
