"""Money in whole đồng: the one rounding helper, display formatting and the strict reader."""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

from kiosk.errors import KioskError

# payments.amount/tendered are INTEGER columns (PostgreSQL: at most 2,147,483,647); no booth
# takes two billion đồng at once, so anything larger is a slip of the finger.
MAX_VND = 2_000_000_000
TEXT_MAX = 40  # longer text is not an amount someone typed

# Thousands separators staff use: "2.000.000" (Vietnamese), "2,000,000" (English keyboards),
# "2 000 000" (also the no-break spaces a pasted figure may carry). One kind per amount.
_SEPARATORS = ".,\u0020\u00a0\u202f"
_PLAIN = re.compile(r"(?:0|[1-9][0-9]*)")
_GROUPED = re.compile(
    r"[1-9][0-9]{0,2}(?P<sep>[.,\u0020\u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*"
)
# The currency written after the figure: đ, d, ₫, VND, VNĐ, đồng, dong.
_CURRENCY = re.compile(r"\s*(?:đồng|dong|vnđ|vnd|₫|đ|d)$")
# Shorthand everyone at a booth says and types: 5tr, 1,5tr, 500k, 2 triệu, 300 nghìn.
_UNIT = re.compile(r"\s*(?P<unit>triệu|trieu|tr|nghìn|nghin|ngàn|ngan|k)$")
_UNITS = {"tr": 1_000_000, "k": 1_000}
_SHORT = re.compile(r"(?P<whole>0|[1-9][0-9]{0,3})(?:[.,](?P<part>[0-9]{1,2}))?")


def round_dong(amount: Decimal | int) -> int:
    """Round an exact amount to whole đồng, half-up (the only rounding in the kiosk)."""
    if isinstance(amount, int):
        return amount
    if isinstance(amount, float):  # pragma: no cover - guarded by type checkers too
        raise TypeError("money is never float")
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_vnd(amount: int, suffix: str = " đ") -> str:
    """Format whole đồng the Vietnamese way: 1.263.600 đ."""
    if not isinstance(amount, int):
        raise TypeError("money is whole đồng (int)")
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + suffix


def parse_vnd(text: str) -> int:
    """Read an amount staff typed, exactly, or refuse it with a specific KioskError.

    Accepted: digits ("2000000"), digits grouped by threes with one kind of separator
    ("2.000.000", "2,000,000", "2 000 000"), each optionally followed by the currency ("đ",
    "d", "VND", "đồng"); and the booth's shorthand "5tr", "1,5tr", "500k", "2 triệu",
    "300 nghìn" (at most two digits after the comma, so the result is whole đồng). Everything
    else is refused, never read as another amount: letters ("abc5tr", "hai triệu", "1e6"),
    signs ("-5"), wrong groups ("5.00.000"), decimals ("1,5" without a unit), leading zeros.
    """
    shown = unicodedata.normalize("NFC", text).strip()
    if not shown:
        raise _error("money.empty", "Chưa nhập số tiền.", "No amount entered.", shown)
    if len(shown) > TEXT_MAX:
        raise _too_large(shown)
    body = _CURRENCY.sub("", shown.lower(), count=1)
    unit = _UNIT.search(body)
    amount = _shorthand(body[: unit.start()], unit["unit"], shown) if unit else None
    if amount is None:
        amount = _figure(body, shown)
    if amount > MAX_VND:
        raise _too_large(shown)
    return amount


def _shorthand(number: str, unit: str, shown: str) -> int:
    """ "1,5" with "tr" -> 1,500,000: exact, because the unit has more zeros than the part."""
    match = _SHORT.fullmatch(number)
    if match is None:
        _refuse_junk(number, shown)
        raise _error(
            "money.bad_shorthand",
            f"Không đọc được “{_cut(shown)}”: viết tắt như 5tr, 1,5tr, 500k (tối đa 2 chữ số "
            "sau dấu phẩy), hoặc viết đủ số, ví dụ 1.250.000.",
            f"Cannot read “{_cut(shown)}”: use shorthand like 5tr, 1,5tr, 500k (at most two "
            "digits after the comma), or write the full figure, e.g. 1.250.000.",
            shown,
        )
    per_unit = _UNITS["tr" if unit.startswith("tr") else "k"]
    part = match["part"] or ""
    whole = int(match["whole"]) * per_unit
    return whole + (int(part) * per_unit // 10 ** len(part) if part else 0)


def _figure(body: str, shown: str) -> int:
    """Plain or grouped digits, nothing else."""
    if _PLAIN.fullmatch(body):
        return int(body)
    if _GROUPED.fullmatch(body):
        return int("".join(ch for ch in body if ch.isascii() and ch.isdigit()))
    _refuse_junk(body, shown)
    digits = "".join(ch for ch in body if ch not in _SEPARATORS)
    if len(digits) > 1 and digits.startswith("0"):
        raise _error(
            "money.leading_zero",
            f"“{_cut(shown)}” bắt đầu bằng số 0: hãy gõ lại số tiền, ví dụ 500.000.",
            f"“{_cut(shown)}” starts with a zero: type the amount again, e.g. 500.000.",
            shown,
        )
    raise _error(
        "money.bad_grouping",
        f"Không đọc được “{_cut(shown)}”: dấu chấm (hoặc phẩy, khoảng trắng) phải tách đúng "
        "từng nhóm 3 chữ số, ví dụ 2.000.000; tiền đồng không có số lẻ.",
        f"Cannot read “{_cut(shown)}”: the dots (or commas, spaces) must separate groups of "
        "three digits, e.g. 2.000.000; the đồng has no decimals.",
        shown,
    )


def _refuse_junk(body: str, shown: str) -> None:
    """Signs and letters get their own message (they are not a typo in the grouping)."""
    if body[:1] and body[:1] in "-−–":
        raise _error(
            "money.negative",
            f"Số tiền không được âm (“{_cut(shown)}”).",
            f"The amount cannot be negative (“{_cut(shown)}”).",
            shown,
        )
    if not body or any(
        not (ch.isascii() and ch.isdigit()) and ch not in _SEPARATORS for ch in body
    ):
        raise _error(
            "money.not_a_number",
            f"“{_cut(shown)}” không phải số tiền: chỉ gõ chữ số, ví dụ 2.000.000 hoặc 2tr.",
            f"“{_cut(shown)}” is not an amount: type digits only, e.g. 2.000.000 or 2tr.",
            shown,
        )


def _too_large(shown: str) -> KioskError:
    return _error(
        "money.too_large",
        f"“{_cut(shown)}” quá lớn: tối đa {format_vnd(MAX_VND)}.",
        f"“{_cut(shown)}” is too large: at most {format_vnd(MAX_VND, ' VND')}.",
        shown,
    )


def _cut(text: str) -> str:
    return text if len(text) <= 20 else text[:19] + "…"


def _error(code: str, vi: str, en: str, shown: str) -> KioskError:
    return KioskError(code, vi=vi, en=en, text=_cut(shown))
