"""`kiosk trust KIOSK_ID KEY` and `kiosk office-key`: the keys an office merges bundles with."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk import paths
from kiosk.cli_lang import say
from kiosk.commands._common import add_supervisor_argument, authorize


def register(sub: Any) -> None:
    trust = sub.add_parser(
        "trust", help="register a kiosk's signing key at the office (printed by `kiosk init`)"
    )
    trust.add_argument("kiosk_id")
    trust.add_argument("public_key", help="the 44-character key the kiosk printed")
    trust.add_argument(
        "--replace", action="store_true", help="the kiosk was reinstalled: its key changed"
    )
    add_supervisor_argument(trust)
    trust.set_defaults(func=run_trust)
    office = sub.add_parser(
        "office-key",
        help="make (once) and print the office's public key, for the kiosks' configuration",
    )
    office.set_defaults(func=run_office_key)


def run_trust(args: argparse.Namespace) -> int:
    from kiosk.commands._common import open_kiosk
    from kiosk.services.bundle_trust import trust_kiosk

    db, ctx = open_kiosk()
    try:
        by = authorize(db, ctx, args.by, "trust")
        with db.unit_of_work() as session:
            trusted = trust_kiosk(
                session, ctx, args.kiosk_id, args.public_key, replace=args.replace, staff_id=by
            )
            key = trusted.public_key
    finally:
        db.dispose()
    say(f"Đã đăng ký khóa: {args.kiosk_id} {key}", f"Key registered: {args.kiosk_id} {key}")
    return 0


def run_office_key(args: argparse.Namespace) -> int:
    from kiosk.domain.keys import load_or_create_office_key, office_public_text

    key = load_or_create_office_key(paths.keys_dir())
    say(
        "Khóa công khai của văn phòng (ghi vào [office] public_key trong cấu hình mỗi ki-ốt):",
        "The office's public key (put it in each kiosk's configuration as [office] public_key):",
    )
    print(office_public_text(key))
    return 0
