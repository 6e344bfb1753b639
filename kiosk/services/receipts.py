"""Receipts (form C45-BB): one per scheme of a paid visit, numbered in that scheme's series
inside the payment's transaction; voids.

Collection agents give the payer form C45-BB (Circular 107/2017/TT-BTC) in the receipt series
VSS allocated to them, one receipt per scheme in practice (RULES.md, Receipts). Each receipt
gets two gapless numbers taken under row locks in the transaction that confirms the payment:
the kiosk's own running number (`series`/`number`, over all its receipts) and the number in
its scheme's C45-BB series (`symbol`/`book_number`, the one printed and reported to VSS).
"""

from __future__ import annotations

import secrets
import uuid
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.config import AgentConfig
from kiosk.domain.enums import EnrollmentStatus, Scheme
from kiosk.domain.localtime import local_date
from kiosk.domain.numbers import receipt_label as format_label
from kiosk.errors import KioskError
from kiosk.services import audit
from kiosk.services.context import KioskContext
from kiosk.services.ledger import open_parts, reverse_payment, shift_for_cash_back
from kiosk.services.staff_roles import require_supervisor
from kiosk.store.models import Enrollment, Receipt, ReceiptSeries, Visit
from kiosk.store.models.money import ReceiptBook

REASON_MAX = 300  # the column's length
# The scheme part of a training series when the agent's own is not configured.
SCHEME_CODES = {Scheme.BHYT_HOUSEHOLD: "YT", Scheme.BHXH_VOLUNTARY: "XH"}
# A verification code people can read out and type: no 0/O, 1/I/L.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
QR_PREFIX = "BHXHBL1"


def receipt_label(receipt: Receipt) -> str:
    """The printed number: "<series symbol>-0000042" (older receipts: "K01-000012")."""
    return format_label(receipt.series, receipt.number, receipt.symbol, receipt.book_number)


def receipt_qr(receipt: Receipt) -> str:
    """The text of the receipt's QR, the same on paper and PDF: "BHXHBL1|<number as
    printed>|<yyyymmdd>|<total>|<verification code>". It carries no signature: the office
    checks the code and number against the records the kiosk sent (bundles)."""
    day = local_date(receipt.issued_at)
    return (
        f"{QR_PREFIX}|{receipt_label(receipt)}|{day:%Y%m%d}|{receipt.total}|{receipt.verify_code}"
    )


def agent_symbol(agent: AgentConfig, scheme: Scheme, kiosk_series: str) -> str:
    """The series symbol of `scheme`: the agent's, else the kiosk's training "YT-K01"."""
    configured = agent.series_bhyt if scheme == Scheme.BHYT_HOUSEHOLD else agent.series_bhxh
    return configured or f"{SCHEME_CODES[scheme]}-{kiosk_series}"


def register_receipt_books(
    session: Session, kiosk_id: str, kiosk_series: str, agent: AgentConfig
) -> list[ReceiptBook]:
    """Make the configured series the kiosk's active book of each scheme (at start-up).

    A series already used by another kiosk or scheme is refused: each kiosk needs its own
    allocation, or two receipts would carry the same number. A changed series starts its own
    count; the former book stays (its receipts keep their numbers) but is no longer used."""
    books = [
        _activate(session, kiosk_id, scheme, agent_symbol(agent, scheme, kiosk_series), agent)
        for scheme in Scheme
    ]
    session.flush()
    return books


def next_receipt_number(session: Session, series: str) -> int:
    """Take the next number of `series`; the row stays locked until the transaction ends, so
    two kiosks sharing PostgreSQL never get the same number and a rollback leaves no gap."""
    row = session.scalar(
        select(ReceiptSeries)
        .where(ReceiptSeries.series == series)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if row is None:
        raise KioskError(
            "receipt.no_series",
            vi=f"Chưa có sê-ri biên lai {series} cho ki-ốt này.",
            en=f"Receipt series {series} is not set up for this kiosk.",
        )
    number = row.next_number
    row.next_number = number + 1
    return number


def issue_receipts(
    session: Session, ctx: KioskContext, visit: Visit, staff_id: uuid.UUID | None
) -> list[Receipt]:
    """The receipts of a paid visit, one per scheme it pays for, numbered in this transaction
    (health insurance first, as the schemes are listed)."""
    by_scheme: dict[Scheme, list[Enrollment]] = defaultdict(list)
    for enrollment in session.scalars(
        select(Enrollment)
        .where(Enrollment.visit_id == visit.id)
        .order_by(Enrollment.created_at, Enrollment.position)
    ):
        by_scheme[enrollment.scheme].append(enrollment)
    receipts = []
    for scheme in (s for s in Scheme if s in by_scheme):
        # The kiosk's series row is locked first: every receipt of this kiosk takes it, so
        # its book is never created or advanced by two transactions at once.
        number = next_receipt_number(session, ctx.receipt_series)
        book = _book_for(session, ctx, scheme)
        in_book = book.next_number
        book.next_number = in_book + 1
        receipt = Receipt(
            visit_id=visit.id,
            kiosk_id=ctx.kiosk_id,
            series=ctx.receipt_series,
            number=number,
            total=sum(e.amount for e in by_scheme[scheme]),
            staff_id=staff_id,
            issued_at=ctx.now(),
            scheme=scheme,
            symbol=book.symbol,
            book_number=in_book,
            agent_name=book.agent_name,
            agent_code=book.agent_code,
            verify_code=new_verify_code(),
        )
        session.add(receipt)
        session.flush()
        audit.record(
            session,
            ctx.kiosk_id,
            "receipt.issued",
            entity="receipt",
            entity_id=receipt.id,
            staff_id=staff_id,
            number=receipt_label(receipt),
            scheme=scheme.value,
            total=receipt.total,
        )
        receipts.append(receipt)
    return receipts


def visit_receipts(session: Session, visit_id: uuid.UUID, *, live: bool = True) -> list[Receipt]:
    """The visit's receipts (only those not voided when `live`), in the order they were issued."""
    query = select(Receipt).where(Receipt.visit_id == visit_id)
    if live:
        query = query.where(Receipt.voided_at.is_(None))
    return list(session.scalars(query.order_by(Receipt.number)))


def new_verify_code() -> str:
    """A random code printed on the receipt and kept with it, to look the receipt up."""
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))


def void_receipt(
    session: Session,
    ctx: KioskContext,
    receipt_id: uuid.UUID,
    reason: str,
    supervisor_id: uuid.UUID,
) -> Receipt:
    """Void a receipt (supervisor only), and with it the other receipts of its visit: one
    payment paid them all, so the whole payment is handed back.

    Each keeps its numbers (the series stay gapless) and gets voided_at/reason/by. Each of the
    visit's payments gets a reversing entry: a Payment with the negative amount,
    reversal_of_id set and status CONFIRMED (the original stays CONFIRMED), in the shift open
    now, so shift totals net out and the money handed back is accounted for. Cash handed back
    needs an open shift; the visit and its enrollments are cancelled. Returns `receipt_id`'s
    receipt."""
    require_supervisor(session, supervisor_id)
    reason = reason.strip()
    if not reason or len(reason) > REASON_MAX:
        raise KioskError(
            "receipt.void_reason",
            vi=f"Cần ghi lý do hủy biên lai (tối đa {REASON_MAX} ký tự).",
            en=f"A reason (at most {REASON_MAX} characters) is required to void a receipt.",
        )
    receipt = session.scalars(
        select(Receipt)
        .where(Receipt.id == receipt_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if receipt is None:
        raise KioskError(
            "receipt.not_found", vi="Không tìm thấy biên lai.", en="Receipt not found."
        )
    if receipt.voided_at is not None:
        raise KioskError(
            "receipt.already_void", vi="Biên lai này đã bị hủy.", en="This receipt is already void."
        )
    together = [r for r in visit_receipts(session, receipt.visit_id) if r.id != receipt.id]
    originals = open_parts(session, receipt.visit_id)
    shift = shift_for_cash_back(
        session, ctx, originals, "khi hủy biên lai", "when voiding a receipt"
    )
    now = ctx.now()
    labels = ", ".join(receipt_label(r) for r in [receipt, *together])
    for voided in [receipt, *together]:
        voided.voided_at, voided.void_reason, voided.voided_by = now, reason, supervisor_id
    for payment in originals:
        reverse_payment(session, ctx, payment, shift, supervisor_id, reason, labels)
    visit = session.get(Visit, receipt.visit_id)
    assert visit is not None
    visit.status = EnrollmentStatus.CANCELLED
    for enrollment in session.scalars(select(Enrollment).where(Enrollment.visit_id == visit.id)):
        enrollment.status = EnrollmentStatus.CANCELLED
    for voided in [receipt, *together]:
        audit.record(
            session,
            ctx.kiosk_id,
            "receipt.voided",
            entity="receipt",
            entity_id=voided.id,
            staff_id=supervisor_id,
            number=receipt_label(voided),
            reason=reason,
            total=voided.total,
        )
    return receipt


def _book_for(session: Session, ctx: KioskContext, scheme: Scheme) -> ReceiptBook:
    """The kiosk's active book of `scheme`, locked; a training book when none is registered
    (the configuration's [agent] series are registered at start-up)."""
    book = session.scalar(
        select(ReceiptBook)
        .where(
            ReceiptBook.kiosk_id == ctx.kiosk_id,
            ReceiptBook.scheme == scheme,
            ReceiptBook.active.is_(True),
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if book is None:
        training = AgentConfig()
        symbol = agent_symbol(training, scheme, ctx.receipt_series)
        _activate(session, ctx.kiosk_id, scheme, symbol, training)
        session.flush()
        return _book_for(session, ctx, scheme)
    return book


def _activate(
    session: Session, kiosk_id: str, scheme: Scheme, symbol: str, agent: AgentConfig
) -> ReceiptBook:
    """The book `symbol` as the kiosk's active one for `scheme` (made if new)."""
    book = session.get(ReceiptBook, symbol)
    if book is None:
        book = ReceiptBook(symbol=symbol, scheme=scheme, kiosk_id=kiosk_id, next_number=1)
        session.add(book)
    elif book.kiosk_id != kiosk_id or book.scheme != scheme:
        raise KioskError(
            "receipt.book_taken",
            vi=f"Ký hiệu biên lai {symbol} đã được dùng ở ki-ốt {book.kiosk_id} hoặc cho loại "
            "khác: mỗi ki-ốt, mỗi loại cần ký hiệu riêng do BHXH cấp.",
            en=f"Receipt series {symbol} is already used by kiosk {book.kiosk_id} or for the "
            "other scheme: each kiosk and scheme needs its own series from VSS.",
            symbol=symbol,
        )
    book.agent_name, book.agent_code, book.active = agent.name, agent.code, True
    for other in session.scalars(
        select(ReceiptBook).where(
            ReceiptBook.kiosk_id == kiosk_id,
            ReceiptBook.scheme == scheme,
            ReceiptBook.symbol != symbol,
        )
    ):
        other.active = False
    return book
