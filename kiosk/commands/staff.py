"""`kiosk staff list | add NAME [--supervisor]`, and the supervisor check other commands share.

PINs are read from the terminal (hidden) or, when piped, one per line of stdin: first the
authorising supervisor's PIN (once the kiosk has accounts), then the new PIN. A PIN is never an
argument (arguments show in `ps` and the shell history).
"""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli_lang import current_lang, say, text
from kiosk.commands._common import add_supervisor_argument, authorize, open_kiosk, read_pin
from kiosk.domain.labels import label


def register(sub: Any) -> None:
    parser = sub.add_parser("staff", help="list staff or add a staff member")
    verbs = parser.add_subparsers(dest="verb", required=True)
    verbs.add_parser("list", help="active staff and their roles")
    add = verbs.add_parser(
        "add", help="add a staff member; the PIN is asked for, never an argument"
    )
    add.add_argument("name")
    add.add_argument("--supervisor", action="store_true", help="may void, reprint cards, close")
    add_supervisor_argument(add)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from kiosk.domain.enums import Role
    from kiosk.services.staff_auth import MERGED_PIN_HASH, create_staff
    from kiosk.store.models import Staff

    db, ctx = open_kiosk()
    try:
        if args.verb == "list":
            with db.read() as session:
                rows = session.execute(
                    select(Staff.name, Staff.role)
                    .where(Staff.active.is_(True), Staff.pin_hash != MERGED_PIN_HASH)
                    .order_by(Staff.name)
                ).all()
            for name, role in rows:
                print(f"{name}\t{label(role, current_lang())}")
            if not rows:
                say(
                    "Chưa có nhân viên nào. Thêm người giám sát đầu tiên: "
                    'python -m kiosk staff add "Họ tên" --supervisor',
                    'There is no staff member yet. Add the first supervisor: python -m kiosk staff add "Full Name" --supervisor',
                )
            return 0
        by = authorize(db, ctx, args.by, "staff add")
        pin = read_pin(text("Mã PIN mới: ", "New PIN: "))
        role = Role.SUPERVISOR if args.supervisor else Role.STAFF
        with db.unit_of_work() as session:
            create_staff(session, ctx, args.name, role, pin, by=by)
        say(f"Đã thêm: {args.name} ({label(role)})", f"Added: {args.name} ({label(role, 'en')})")
        return 0
    finally:
        db.dispose()
