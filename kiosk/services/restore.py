"""After a restore from a backup: bring each receipt book's counter up to the paper.

A copy is older than the paper: receipts printed after it are on paper (and with the payers)
but not in the restored file, and numbering on from the copy would print the same numbers a
second time. So the kiosk refuses to start (kiosk.store.health.restored_marker) until a
supervisor enters, for every active book of this kiosk, the last number printed on paper
(the stub, or the last receipt the printer gave out). Each book then goes on after that
number; the kiosk's own running number, taken once per receipt like a book's, moves on by as
many numbers as all its books together. Nothing is ever moved back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.staff_roles import require_supervisor_once_staffed
from kiosk.store.models import ReceiptSeries
from kiosk.store.models.money import ReceiptBook

ACTION = "receipts.confirmed_after_restore"


@dataclass(frozen=True)
class BookState:
    symbol: str
    scheme: str
    last_in_file: int  # the last number the restored file knows was issued (0: none)


def books_to_confirm(session: Session, ctx: KioskContext) -> list[BookState]:
    """This kiosk's active books, with the last number the restored file knows."""
    books = session.scalars(
        select(ReceiptBook)
        .where(ReceiptBook.kiosk_id == ctx.kiosk_id, ReceiptBook.active.is_(True))
        .order_by(ReceiptBook.symbol)
    )
    return [BookState(b.symbol, b.scheme.value, b.next_number - 1) for b in books]


def confirm_receipts(
    session: Session, ctx: KioskContext, last_on_paper: dict[str, int], staff_id: uuid.UUID | None
) -> dict[str, int]:
    """Set every active book to go on after `last_on_paper[symbol]`; returns how many numbers
    each moved on. Refused (nothing changed) when a book is missing, unknown, or its paper
    number is behind the file's."""
    require_supervisor_once_staffed(session, staff_id)
    books = {b.symbol: b for b in books_to_confirm(session, ctx)}
    missing = sorted(set(books) - set(last_on_paper))
    unknown = sorted(set(last_on_paper) - set(books))
    if missing or unknown:
        raise KioskError(
            "restore.books",
            vi="Cần số cuối cùng trên giấy của đúng các quyển đang dùng: "
            + ", ".join(f"{b.symbol} (trong tệp: {b.last_in_file})" for b in books.values())
            + (f". Thiếu: {', '.join(missing)}" if missing else "")
            + (f". Không phải quyển đang dùng: {', '.join(unknown)}" if unknown else "")
            + ".",
            en="The last number on paper of exactly the books in use is needed: "
            + ", ".join(f"{b.symbol} (in the file: {b.last_in_file})" for b in books.values())
            + (f". Missing: {', '.join(missing)}" if missing else "")
            + (f". Not a book in use: {', '.join(unknown)}" if unknown else "")
            + ".",
        )
    behind = [s for s, n in last_on_paper.items() if n < books[s].last_in_file]
    if behind:
        raise KioskError(
            "restore.behind_file",
            vi="Số trên giấy không thể nhỏ hơn số trong tệp: "
            + ", ".join(f"{s} {last_on_paper[s]} < {books[s].last_in_file}" for s in behind)
            + ". Kiểm tra lại cuống biên lai.",
            en="The number on paper cannot be below the file's: "
            + ", ".join(f"{s} {last_on_paper[s]} < {books[s].last_in_file}" for s in behind)
            + ". Check the receipt stubs again.",
        )
    moved: dict[str, int] = {}
    for symbol, last in last_on_paper.items():
        book = session.get(ReceiptBook, symbol, with_for_update=True)
        assert book is not None
        moved[symbol] = last + 1 - book.next_number
        book.next_number = last + 1
    series = session.get(ReceiptSeries, ctx.receipt_series, with_for_update=True)
    if series is not None:
        series.next_number += sum(moved.values())
    audit.record(
        session,
        ctx.kiosk_id,
        ACTION,
        entity="receipt_books",
        staff_id=staff_id,
        moved=moved,
        last_on_paper=last_on_paper,
        series_next=series.next_number if series is not None else None,
    )
    return moved
