"""Card terminals: the interface a driver implements, and a simulator for training and tests.

`sale()` returns a `CardApproval` or raises a `TerminalError` (a KioskError) whose code says
what happened: declined and cancelled mean no money was taken; a timeout means the outcome is
UNKNOWN (the card may have been charged and the answer lost), so the screen must ask
`lookup(reference)` (or the staff must read the terminal's last slip) before offering a retry:
retrying blindly is how a booth charges a card twice.
"""

from __future__ import annotations

import itertools
import threading
from abc import ABC, abstractmethod
from collections import deque
from dataclasses import dataclass

from kiosk.errors import KioskError

DECLINED = "payment.card_declined"
TIMEOUT = "payment.card_timeout"
CANCELLED = "payment.card_cancelled"


@dataclass(frozen=True)
class CardApproval:
    """An approved sale: the terminal's authorisation code and masked card number."""

    amount: int
    reference: str
    auth_code: str
    card_mask: str = ""


class TerminalError(KioskError):
    """The sale was not approved: declined, cancelled, or timed out (outcome unknown)."""


def declined(reason: str = "") -> TerminalError:
    """The bank refused the card; nothing was charged."""
    suffix = f": {reason}" if reason else ""
    return TerminalError(
        DECLINED,
        vi=f"Thẻ bị từ chối{suffix}. Không trừ tiền. Xin dùng cách thanh toán khác.",
        en=f"The card was declined{suffix}. Nothing was charged. Please pay another way.",
        reason=reason,
    )


def timed_out() -> TerminalError:
    """No answer in time: the card may or may not have been charged."""
    return TerminalError(
        TIMEOUT,
        vi="Máy POS không trả lời kịp. Chưa rõ thẻ đã bị trừ tiền hay chưa: kiểm tra giao dịch "
        "cuối trên máy POS trước khi thử lại.",
        en="The card terminal did not answer in time. It is unknown whether the card was "
        "charged: check the terminal's last transaction before trying again.",
    )


def cancelled() -> TerminalError:
    """The sale was cancelled (on the terminal or from the screen); nothing was charged."""
    return TerminalError(
        CANCELLED,
        vi="Giao dịch thẻ đã bị hủy. Không trừ tiền.",
        en="The card sale was cancelled. Nothing was charged.",
    )


class CardTerminal(ABC):
    """A card terminal driver: one sale at a time, cancellable from another thread."""

    @abstractmethod
    def sale(self, amount: int, reference: str) -> CardApproval:
        """Charge `amount` đồng (blocks; run it on a worker); returns the approval or raises."""

    @abstractmethod
    def cancel(self) -> None:
        """Ask the terminal to abort the sale in progress (the sale then raises `cancelled`)."""

    @abstractmethod
    def lookup(self, reference: str) -> CardApproval | None:
        """The approved sale with this reference, if the terminal has one (after a timeout)."""


class SimulatedTerminal(CardTerminal):
    """Plays scripted outcomes, one per sale; approves when the script is empty.

    Outcomes: "approve"; "decline" or "decline:<reason>"; "timeout" (nothing charged);
    "timeout-charged" (charged, but the answer is lost: `lookup` finds it); "cancel";
    "wait" (blocks until `cancel()` is called, or `wait_limit` seconds, then times out).
    `started` is set when a sale begins, so a test can cancel it without sleeping.
    """

    def __init__(self, script: list[str] | None = None, wait_limit: float = 30.0) -> None:
        self.script = deque(script or [])
        self.sales: list[CardApproval] = []
        self.wait_limit = wait_limit
        self.started = threading.Event()
        self._cancel = threading.Event()
        self._codes = (f"{n:06d}" for n in itertools.count(100_001))

    def sale(self, amount: int, reference: str) -> CardApproval:
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise ValueError("a sale needs a positive whole number of đồng")
        outcome = self.script.popleft() if self.script else "approve"
        self._cancel.clear()
        self.started.set()
        try:
            kind, _, reason = outcome.partition(":")
            if kind == "wait":
                if self._cancel.wait(self.wait_limit):
                    raise cancelled()
                raise timed_out()
            if kind == "decline":
                raise declined(reason or "không đủ số dư / insufficient funds")
            if kind == "timeout":
                raise timed_out()
            if kind == "cancel":
                raise cancelled()
            approval = CardApproval(amount, reference, next(self._codes), "970436******1234")
            self.sales.append(approval)
            if kind == "timeout-charged":
                raise timed_out()
            if kind != "approve":
                raise ValueError(f"unknown scripted outcome {outcome!r}")
            return approval
        finally:
            self.started.clear()

    def cancel(self) -> None:
        self._cancel.set()

    def lookup(self, reference: str) -> CardApproval | None:
        return next((a for a in reversed(self.sales) if a.reference == reference), None)
