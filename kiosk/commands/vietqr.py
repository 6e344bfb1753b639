"""`kiosk vietqr`: build a VietQR payload, or check one and print its fields."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kiosk.errors import KioskError
from kiosk.payments.vietqr import build_payload, parse_payload


def register(sub: Any) -> None:
    parser = sub.add_parser("vietqr", help="build or check a VietQR (NAPAS) payload")
    parser.add_argument("--bin", help="bank BIN, 6 digits (e.g. 970405 Agribank)")
    parser.add_argument("--account", help="account number (or card number with --card)")
    parser.add_argument("--amount", help="amount in whole đồng (makes a dynamic QR)")
    parser.add_argument(
        "--purpose", default="", help="transfer purpose, ASCII, at most 25 characters"
    )
    parser.add_argument("--bill", default="", help="bill number (field 62/01)")
    parser.add_argument(
        "--card", action="store_true", help="the number is a card number (QRIBFTTC)"
    )
    parser.add_argument(
        "--parse", metavar="PAYLOAD", help="check a payload's CRC and print its fields"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.parse is not None:
        print(json.dumps(parse_payload(args.parse), ensure_ascii=False, indent=2))
        return 0
    if not args.bin or not args.account:
        raise KioskError(
            "cli.bad_argument",
            vi="Cần --bin và --account (hoặc --parse).",
            en="--bin and --account are required (or --parse).",
        )
    amount = None
    if args.amount is not None:
        if not args.amount.isascii() or not args.amount.isdigit():
            raise KioskError(
                "vietqr.bad_amount",
                vi=f"Số tiền “{args.amount}” phải là số nguyên dương.",
                en=f"The amount {args.amount!r} must be a positive whole number.",
            )
        amount = int(args.amount)
    print(build_payload(args.bin, args.account, amount, args.purpose, args.card, args.bill))
    return 0
