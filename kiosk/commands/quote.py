"""`kiosk quote ...`: the contribution engine from the command line (a stable contract)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from kiosk.domain.enums import SupportGroup, VoluntaryMode
from kiosk.domain.money import format_vnd
from kiosk.errors import KioskError
from kiosk.policy.engine import Quote, quote_household, quote_voluntary

GROUPS = {
    "poor": SupportGroup.POOR,
    "near-poor": SupportGroup.NEAR_POOR,
    "ethnic-minority": SupportGroup.ETHNIC_MINORITY,
    "other": SupportGroup.OTHER,
}


def register(sub: Any) -> None:
    parser = sub.add_parser("quote", help="compute a contribution by the rules of a day")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="SCHEME")
    hh = kinds.add_parser("bhyt-household", help="household health insurance")
    hh.add_argument("--members", required=True, help="number of household members")
    _common(hh)
    vs = kinds.add_parser("bhxh-voluntary", help="voluntary social insurance")
    vs.add_argument("--income", required=True, help="chosen monthly income in đồng")
    vs.add_argument("--group", required=True, help="poor, near-poor, ethnic-minority or other")
    vs.add_argument("--mode", default="periodic", help="periodic, advance or back")
    vs.add_argument(
        "--supported-months-used", default="0", help="months of state support already used"
    )
    vs.add_argument("--province", default=None, help="3-digit province code (province support)")
    _common(vs)
    parser.set_defaults(func=run)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--months", required=True, help="period in months")
    parser.add_argument("--on", default=None, help="payment date YYYY-MM-DD (default today)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    on = _date(args.on) if args.on else date.today()
    months = _int(args.months, "--months")
    if args.kind == "bhyt-household":
        quote = quote_household(_int(args.members, "--members"), months, on)
    else:
        group = GROUPS.get(args.group)
        if group is None:
            raise _usage(
                f"--group “{args.group}” không có; chọn: {', '.join(GROUPS)}",
                f"--group {args.group!r} is unknown; choose one of: {', '.join(GROUPS)}",
            )
        try:
            mode = VoluntaryMode(args.mode)
        except ValueError:
            raise _usage(
                f"--mode “{args.mode}” không có; chọn: periodic, advance, back",
                f"--mode {args.mode!r} is unknown; choose periodic, advance or back",
            ) from None
        quote = quote_voluntary(
            _int(args.income, "--income"),
            group,
            months,
            on,
            mode,
            _int(args.supported_months_used, "--supported-months-used"),
            args.province,
        )
    print(json.dumps(quote.to_dict(), ensure_ascii=False) if args.json else table(quote))
    return 0


def table(quote: Quote) -> str:
    """A readable Vietnamese table of the quote."""
    width = max(len(line.description_vi) for line in quote.lines)
    rows = [
        f"{line.description_vi:<{width}}  {format_vnd(line.amount):>15}" for line in quote.lines
    ]
    rule = "-" * (width + 17)
    return "\n".join(
        [
            f"Ngày đóng: {quote.on:%d/%m/%Y}   Chính sách: {quote.policy_version}",
            rule,
            *rows,
            rule,
            f"{'Tổng cộng':<{width}}  {format_vnd(quote.total):>15}",
        ]
    )


def _int(text: str, flag: str) -> int:
    if not text.strip().isdigit():
        raise _usage(
            f"{flag} phải là số nguyên không âm (đang là “{text}”)",
            f"{flag} must be a whole number (got {text!r})",
        )
    return int(text)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _usage(
            f"--on phải là ngày dạng YYYY-MM-DD (đang là “{text}”)",
            f"--on must be a date YYYY-MM-DD (got {text!r})",
        ) from None


def _usage(vi: str, en: str) -> KioskError:
    return KioskError("cli.bad_argument", vi=vi + ".", en=en + ".")
