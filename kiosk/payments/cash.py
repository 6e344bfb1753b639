"""Cash at the desk: change due, quick-tender buttons and a change breakdown in VND notes."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.errors import KioskError

# Notes the State Bank of Vietnam has in circulation (polymer from 10,000 up; cotton below).
# Coins (200-5,000) are still legal tender but hardly seen, so the smallest we give is 500:
# anything smaller is reported as `remainder` for the cashier to settle, never rounded away.
VND_NOTES: tuple[int, ...] = (
    500_000,
    200_000,
    100_000,
    50_000,
    20_000,
    10_000,
    5_000,
    2_000,
    1_000,
    500,
)
# Round-ups offered as quick buttons: what people hand over at a booth.
QUICK_STEPS: tuple[int, ...] = (10_000, 50_000, 100_000, 500_000)


def change_due(amount: int, tendered: int) -> int:
    """Change to give back; refuses when the cash handed over does not cover the amount."""
    if amount <= 0 or tendered < 0:
        raise KioskError(
            "payment.bad_amount", vi="Số tiền phải lớn hơn 0.", en="Amounts must be positive."
        )
    if tendered < amount:
        raise KioskError(
            "payment.not_enough_cash",
            vi=f"Khách đưa {_dots(tendered)} đ, chưa đủ {_dots(amount)} đ.",
            en=f"Tendered {tendered:,} VND is less than {amount:,} VND.",
            tendered=tendered,
            amount=amount,
        )
    return tendered - amount


def quick_tenders(amount: int, limit: int = 4) -> list[int]:
    """Buttons for the tendered field: the exact amount, then round-ups, ascending, distinct."""
    if amount <= 0:
        return []
    values = {amount} | {-(-amount // step) * step for step in QUICK_STEPS}
    return sorted(values)[: max(limit, 1)]


@dataclass(frozen=True)
class ChangeBreakdown:
    """Notes to hand back (value, count), largest first, and what notes cannot make."""

    notes: tuple[tuple[int, int], ...]
    remainder: int

    @property
    def total(self) -> int:
        return sum(value * count for value, count in self.notes) + self.remainder


def break_down(change: int, notes: tuple[int, ...] = VND_NOTES) -> ChangeBreakdown:
    """Greedy breakdown (exact for the VND series, which is canonical for greedy change)."""
    if change < 0:
        raise ValueError("change cannot be negative")
    rows, left = [], change
    for value in sorted(notes, reverse=True):
        count, left = divmod(left, value)
        if count:
            rows.append((value, count))
    return ChangeBreakdown(tuple(rows), left)


def _dots(value: int) -> str:
    return f"{value:,}".replace(",", ".")
