"""What must hold in the books after any crash or power cut, and what the screen was told."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from kiosk.domain.enums import EnrollmentStatus, PaymentStatus
from kiosk.domain.numbers import receipt_label
from kiosk.store.db import Database
from kiosk.store.models import Payment, Receipt, ReceiptSeries, Visit

SERIES = "K01"


@dataclass
class Told:
    """What the child reported after a commit returned: the screen showed it, so it must last."""

    paid: dict[str, str] = field(default_factory=dict)  # visit id -> receipt numbers shown
    voided: set[str] = field(default_factory=set)  # receipt ids
    done: set[str] = field(default_factory=set)  # operation kinds completed at least once
    lost: set[str] = field(default_factory=set)  # registrations the screen had, gone after

    def read(self, line: str) -> None:
        """One progress line of the child ("paid <op> <visit> <n1,n2>", "voided <id>", ...)."""
        word, *rest = line.split() or [""]
        word = word.removeprefix("again-")  # the retry after a restart: held to it all the same
        if word == "paid":
            op, visit, numbers = rest
            self.paid[visit] = numbers
            self.done.add(op)
        elif word == "lost":
            self.lost.add(rest[0])
        elif word == "voided":
            self.voided.add(rest[0])
            self.done.add("void")


def check_books(db: Database, told: Told) -> list[str]:
    """Receipt numbers gapless (the kiosk's series, and each scheme's book where receipts carry
    one); every paid visit has its money and live receipts for its total (one per scheme); a
    voided visit's money is reversed to zero; no visit holds confirmed money without being
    paid; and every payment or void the screen was told about is in the books."""
    problems: list[str] = []
    with db.read() as s:
        receipts = list(s.scalars(select(Receipt).where(Receipt.series == SERIES)))
        numbers = sorted(r.number for r in receipts)
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append(f"receipt numbers not gapless: {numbers[:5]}…{numbers[-5:]}")
        counter = s.scalar(select(ReceiptSeries.next_number).where(ReceiptSeries.series == SERIES))
        if counter != len(numbers) + 1:
            problems.append(f"series counter {counter} after {len(numbers)} receipts")
        problems += _book_problems(receipts)
        by_visit: dict[uuid.UUID, list[Receipt]] = defaultdict(list)
        for receipt in receipts:
            by_visit[receipt.visit_id].append(receipt)
        payments: dict[uuid.UUID, list[Payment]] = defaultdict(list)
        for payment in s.scalars(select(Payment)):
            payments[payment.visit_id].append(payment)
        for visit in s.scalars(select(Visit)):
            problems += _visit_problems(visit, by_visit[visit.id], payments[visit.id])
        problems += [f"registration {v} the screen had is not in the books" for v in told.lost]
        for receipt_id in told.voided:
            void = s.get(Receipt, uuid.UUID(receipt_id))
            if void is None or void.voided_at is None:
                problems.append(f"receipt {receipt_id} shown as voided is not void in the books")
        for visit_id, shown in told.paid.items():
            books = sorted(
                receipt_label(r.series, r.number, r.symbol, r.book_number)
                for r in by_visit[uuid.UUID(visit_id)]
            )
            if sorted(shown.split(",")) != books:
                problems.append(f"visit {visit_id} shown paid with {shown}, books have {books}")
    return problems


def _book_problems(receipts: list[Receipt]) -> list[str]:
    """Each scheme's book (symbol) numbers its receipts without gap or double (receipts from
    before books existed have none)."""
    books: dict[str, list[int]] = defaultdict(list)
    for receipt in receipts:
        if receipt.symbol and receipt.book_number is not None:
            books[receipt.symbol].append(receipt.book_number)
    problems = []
    for symbol, numbers in books.items():
        numbers.sort()
        if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
            problems.append(f"book {symbol} not gapless: {numbers[:5]}…{numbers[-5:]}")
    return problems


def _visit_problems(visit: Visit, receipts: list[Receipt], parts: list[Payment]) -> list[str]:
    confirmed = [p for p in parts if p.status == PaymentStatus.CONFIRMED]
    net = sum(p.amount for p in confirmed)
    reversed_ids = {p.reversal_of_id for p in parts if p.reversal_of_id}
    pending = [p for p in parts if p.status == PaymentStatus.PENDING and p.id not in reversed_ids]
    voided = [r for r in receipts if r.voided_at is not None]
    name = f"visit {visit.id} ({visit.status.value})"
    schemes = [r.scheme for r in receipts]
    if len(schemes) != len(set(schemes)):  # one receipt per scheme (or one in all, before 0005)
        return [f"{name}: {len(receipts)} receipts for schemes {schemes}"]
    if visit.status == EnrollmentStatus.PAID:
        if net != visit.total or not receipts or voided or pending:
            return [
                f"{name}: {net} of {visit.total} taken, receipts {len(receipts)}, "
                f"voided {len(voided)}, pending {len(pending)}"
            ]
        if sum(r.total for r in receipts) != visit.total:
            return [f"{name}: receipts total {[r.total for r in receipts]} for {visit.total}"]
        return []
    if receipts and not voided:
        return [f"{name}: has a live receipt but is not paid"]
    if voided and (
        net != 0 or visit.status != EnrollmentStatus.CANCELLED or len(voided) != len(receipts)
    ):
        return [f"{name}: receipt voided but {net} still held"]
    if not receipts and net and not pending:  # money kept, yet nothing waits to complete it
        return [f"{name}: holds {net} without a receipt or a pending part"]
    if net > visit.total:
        return [f"{name}: {net} taken for {visit.total}"]
    return []
