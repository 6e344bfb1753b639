"""`kiosk quote ...`: the contribution engine from the command line (a stable contract)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from kiosk.cli_lang import current_lang
from kiosk.domain.enums import Sex, SupportGroup, VoluntaryMode
from kiosk.domain.ethnicity import find_ethnicity
from kiosk.domain.money import format_vnd
from kiosk.domain.provinces import province_name
from kiosk.errors import KioskError
from kiosk.policy.engine import (
    BackFacts,
    Quote,
    quote_household,
    quote_voluntary,
    support_group_for,
)

GROUPS = {
    "poor": SupportGroup.POOR,
    "near-poor": SupportGroup.NEAR_POOR,
    "ethnic-minority": SupportGroup.ETHNIC_MINORITY,
    "other": SupportGroup.OTHER,
}
SEXES = {"male": Sex.MALE, "female": Sex.FEMALE}


def register(sub: Any) -> None:
    parser = sub.add_parser("quote", help="compute a contribution by the rules of a day")
    kinds = parser.add_subparsers(dest="kind", required=True, metavar="SCHEME")
    hh = kinds.add_parser("bhyt-household", help="household health insurance")
    hh.add_argument("--members", required=True, help="number of household members joining now")
    hh.add_argument(
        "--already-paid",
        default="0",
        help="members of the household who already paid this fiscal year (positions 1…K)",
    )
    _common(hh)
    vs = kinds.add_parser("bhxh-voluntary", help="voluntary social insurance")
    vs.add_argument("--income", required=True, help="chosen monthly income in đồng")
    vs.add_argument(
        "--group", default="other", help="poor, near-poor, ethnic-minority or other (default)"
    )
    vs.add_argument(
        "--ethnicity", default=None, help="ethnic group (name or code): a minority lifts the group"
    )
    vs.add_argument("--mode", default="periodic", help="periodic, advance or back")
    vs.add_argument(
        "--supported-months-used", default="0", help="months of state support already used"
    )
    vs.add_argument(
        "--province", default=None, help="3-digit code of the residence province (top-up)"
    )
    vs.add_argument(
        "--island", action="store_true", help="lives in an island commune or special zone"
    )
    vs.add_argument("--period-start", default=None, help="first day of the period paid")
    vs.add_argument("--birth-date", default=None, help="back payment: date of birth YYYY-MM-DD")
    vs.add_argument("--sex", default=None, help="back payment: male or female")
    vs.add_argument(
        "--contributed-months", default=None, help="back payment: months of SI already paid"
    )
    _common(vs)
    parser.set_defaults(func=run)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--months", required=True, help="period in months")
    parser.add_argument("--on", default=None, help="payment date YYYY-MM-DD (default today)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    on = _date(args.on, "--on") if args.on else date.today()
    months = _int(args.months, "--months")
    if args.kind == "bhyt-household":
        already = _count(args.already_paid, "--already-paid")
        quote = quote_household(_int(args.members, "--members"), months, on, already_paid=already)
    else:
        quote = _voluntary(args, months, on)
    print(
        json.dumps(quote.to_dict(), ensure_ascii=False)
        if args.json
        else table(quote, current_lang())
    )
    return 0


def _voluntary(args: argparse.Namespace, months: int, on: date) -> Quote:
    group = GROUPS.get(args.group)
    if group is None:
        raise _usage(
            f"--group “{args.group}” không có; chọn: {', '.join(GROUPS)}",
            f"--group {args.group!r} is unknown; choose one of: {', '.join(GROUPS)}",
        )
    if args.ethnicity is not None:
        if find_ethnicity(args.ethnicity) is None:
            raise _usage(
                f"--ethnicity “{args.ethnicity}” không có trong danh mục 54 dân tộc",
                f"--ethnicity {args.ethnicity!r} is not one of the 54 ethnic groups",
            )
        group = support_group_for(on, group, args.ethnicity)
    if args.province is not None and province_name(args.province) is None:
        raise _usage(
            f"--province “{args.province}” không phải mã tỉnh (3 chữ số, ví dụ 066 Đắk Lắk)",
            f"--province {args.province!r} is not a province code (3 digits, e.g. 066 Đắk Lắk)",
        )
    try:
        mode = VoluntaryMode(args.mode)
    except ValueError:
        raise _usage(
            f"--mode “{args.mode}” không có; chọn: periodic, advance, back",
            f"--mode {args.mode!r} is unknown; choose periodic, advance or back",
        ) from None
    return quote_voluntary(
        _int(args.income, "--income"),
        group,
        months,
        on,
        mode,
        _int(args.supported_months_used, "--supported-months-used"),
        args.province,
        island=args.island,
        period_start=_date(args.period_start, "--period-start") if args.period_start else None,
        facts=_facts(args) if mode == VoluntaryMode.BACK else None,
    )


def _facts(args: argparse.Namespace) -> BackFacts | None:
    """Back payment's eligibility facts; all three or none (the engine then says what is missing)."""
    given = (args.birth_date, args.sex, args.contributed_months)
    if all(v is None for v in given):
        return None
    if any(v is None for v in given):
        raise _usage(
            "đóng bù cần đủ --birth-date, --sex và --contributed-months",
            "back payment needs --birth-date, --sex and --contributed-months together",
        )
    sex = SEXES.get(args.sex)
    if sex is None:
        raise _usage("--sex phải là male hoặc female", "--sex must be male or female")
    return BackFacts(
        _date(args.birth_date, "--birth-date"),
        sex,
        _int(args.contributed_months, "--contributed-months"),
    )


def table(quote: Quote, lang: str = "vi") -> str:
    """A readable table of the quote in `lang` (each line's description as the engine wrote it)."""
    en = lang == "en"
    described = [line.description_en if en else line.description_vi for line in quote.lines]
    width = max(len(text) for text in described)
    rows = [
        f"{text:<{width}}  {format_vnd(line.amount):>15}"
        for text, line in zip(described, quote.lines, strict=True)
    ]
    rule = "-" * (width + 17)
    head = (
        f"Payment date: {quote.on:%d/%m/%Y}   Policy: {quote.policy_version}"
        if en
        else f"Ngày đóng: {quote.on:%d/%m/%Y}   Chính sách: {quote.policy_version}"
    )
    total = "Total" if en else "Tổng cộng"
    return "\n".join([head, rule, *rows, rule, f"{total:<{width}}  {format_vnd(quote.total):>15}"])


def _int(text: str, flag: str) -> int:
    if not text.strip().isdigit():
        raise _usage(
            f"{flag} phải là số nguyên không âm (đang là “{text}”)",
            f"{flag} must be a whole number (got {text!r})",
        )
    return int(text)


def _count(text: str, flag: str) -> int:
    """A count that may be typed negative: say so plainly rather than 'not a number'."""
    stripped = text.strip()
    if stripped.startswith("-") and stripped[1:].isdigit():
        raise _usage(
            f"{flag} là số người đã đóng trong năm, không được âm (đang là {stripped})",
            f"{flag} counts members who already paid this year and cannot be negative "
            f"(got {stripped})",
        )
    return _int(text, flag)


def _date(text: str, flag: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _usage(
            f"{flag} phải là ngày dạng YYYY-MM-DD (đang là “{text}”)",
            f"{flag} must be a date YYYY-MM-DD (got {text!r})",
        ) from None


def _usage(vi: str, en: str) -> KioskError:
    return KioskError("cli.bad_argument", vi=vi + ".", en=en + ".")
