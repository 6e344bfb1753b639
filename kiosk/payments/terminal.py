"""Card terminals: the interface a driver implements, and a simulator for training and tests."""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from collections import deque
from dataclasses import dataclass

from kiosk.errors import KioskError


@dataclass(frozen=True)
class CardApproval:
    """An approved sale: the terminal's authorisation code and masked card number."""

    amount: int
    reference: str
    auth_code: str
    card_mask: str = ""


class TerminalError(KioskError):
    """Declined, timed out or cancelled: no money was taken."""


def declined(reason: str = "") -> TerminalError:
    return TerminalError(
        "payment.card_declined",
        vi=f"Thẻ bị từ chối{': ' + reason if reason else ''}. Không trừ tiền. Xin dùng cách khác.",
        en=f"The card was declined{': ' + reason if reason else ''}. Nothing was charged.",
    )


def timed_out() -> TerminalError:
    return TerminalError(
        "payment.card_timeout",
        vi="Máy POS không trả lời. Kiểm tra máy rồi thử lại; chưa trừ tiền.",
        en="The card terminal did not answer. Check it and try again; nothing was charged.",
    )


def cancelled() -> TerminalError:
    return TerminalError(
        "payment.card_cancelled",
        vi="Giao dịch thẻ đã bị hủy trên máy POS.",
        en="The card sale was cancelled on the terminal.",
    )


class CardTerminal(ABC):
    """A card terminal driver: one sale at a time, cancellable."""

    @abstractmethod
    def sale(self, amount: int, reference: str) -> CardApproval:
        """Charge `amount`; returns the approval or raises a TerminalError."""

    @abstractmethod
    def cancel(self) -> None:
        """Abort the sale in progress (if the terminal allows it)."""


class SimulatedTerminal(CardTerminal):
    """Plays scripted outcomes ("approve", "decline", "timeout", "cancel"); approves when empty."""

    def __init__(self, script: list[str] | None = None) -> None:
        self.script = deque(script or [])
        self.sales: list[CardApproval] = []
        self._codes = (f"{n:06d}" for n in itertools.count(100_001))

    def sale(self, amount: int, reference: str) -> CardApproval:
        if amount <= 0:
            raise ValueError("a sale needs a positive amount")
        outcome = self.script.popleft() if self.script else "approve"
        if outcome == "decline":
            raise declined("không đủ số dư / insufficient funds")
        if outcome == "timeout":
            raise timed_out()
        if outcome == "cancel":
            raise cancelled()
        approval = CardApproval(amount, reference, next(self._codes), "970436******1234")
        self.sales.append(approval)
        return approval

    def cancel(self) -> None:
        self.script.appendleft("cancel")
