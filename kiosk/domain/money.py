"""Money in whole đồng: the one rounding helper and display formatting."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


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
