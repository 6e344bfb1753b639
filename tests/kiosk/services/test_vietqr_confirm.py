"""Pending transfers at the desk: a supervisor and the right amount to confirm one by hand, a
reason to cancel one, and a new reference for the transfer that follows a cancel."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from kiosk.config import BankConfig
from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus
from kiosk.errors import KioskError
from kiosk.payments.vietqr import parse_payload
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.vietqr_confirm import cancel_pending, confirm_from_statement, confirm_vietqr
from kiosk.services.visits import start_vietqr, visit_summary
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Payment, Receipt, Visit
from tests.kiosk.services.payflow import open_day, visits
from tests.support.factories import kiosk_context, new_key

BANK = BankConfig("970405", "1234567890123", "BHXH HUYEN MAU", "BHXH")
QR = PaymentMethod.VIETQR


def _pending(db: Database, ctx: KioskContext, amount: int = 1_366_200) -> uuid.UUID:
    (visit_id,) = visits(db, ctx, 1, (amount,))
    with db.unit_of_work() as s:
        return checkout(s, ctx, visit_id, [PaymentRequest(QR, amount)], new_key()).payment_ids[0]


def _state(db: Database, payment_id: uuid.UUID) -> tuple[PaymentStatus, int, int]:
    """The transfer's status, the receipts issued and the confirmations audited."""
    with db.read() as s:
        payment = s.get(Payment, payment_id)
        assert payment is not None
        receipts = s.scalar(select(func.count()).select_from(Receipt)) or 0
        confirmed = s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "payment.confirmed")
        )
        return payment.status, receipts, confirmed or 0


def test_confirming_by_hand_needs_a_supervisor(db: Database) -> None:
    """No supervisor, or a cashier named as one, is refused and records nothing; the
    supervisor's sign-off confirms and numbers receipt YT-K01-0000001."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    payment_id = _pending(db, ctx)
    for signer in (None, cashier, uuid.uuid4()):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            confirm_vietqr(s, ctx, payment_id, cashier, supervisor_id=signer, amount_seen=1_366_200)
        assert err.value.code == "auth.supervisor_required"
        assert _state(db, payment_id) == (PaymentStatus.PENDING, 0, 0)
    with db.unit_of_work() as s:
        done = confirm_vietqr(
            s, ctx, payment_id, cashier, supervisor_id=supervisor, amount_seen=1_366_200
        )
    assert done.paid and done.receipt_number == "YT-K01-0000001"
    assert _state(db, payment_id) == (PaymentStatus.CONFIRMED, 1, 1)
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "payment.confirmed")).one()
    assert entry.detail["supervisor_id"] == str(supervisor)


def test_a_supervisor_at_the_desk_signs_their_own_confirmation(db: Database) -> None:
    """The staff member at the desk who is a supervisor confirms without a second person."""
    ctx = kiosk_context()
    _, supervisor = open_day(db, ctx)
    payment_id = _pending(db, ctx, 956_340)
    with db.unit_of_work() as s:
        done = confirm_vietqr(
            s, ctx, payment_id, supervisor, supervisor_id=supervisor, amount_seen=956_340
        )
    assert done.paid


@pytest.mark.parametrize("seen", [1_366_000, 136_620, 0, 13_662_000])
def test_the_amount_seen_must_be_the_transfers(db: Database, seen: int) -> None:
    """Staff type the amount they saw on the account: anything but 1,366,200 is refused and
    the transfer stays pending, even with a supervisor."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    payment_id = _pending(db, ctx)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        confirm_vietqr(s, ctx, payment_id, cashier, supervisor_id=supervisor, amount_seen=seen)
    assert err.value.code == "payment.amount_mismatch"
    assert "1.366.200 đ" in err.value.vi
    assert _state(db, payment_id) == (PaymentStatus.PENDING, 0, 0)


def test_a_matching_statement_line_needs_no_supervisor(db: Database) -> None:
    """The statement is the proof: its confirmation goes through with no supervisor and says
    which row proved it."""
    ctx = kiosk_context()
    open_day(db, ctx)
    payment_id = _pending(db, ctx)
    with db.unit_of_work() as s:
        assert confirm_from_statement(s, ctx, payment_id, None, 7).paid
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "payment.confirmed")).one()
    assert entry.detail["how"] == "statement row 7"


def test_cancel_needs_a_reason_which_is_audited(db: Database) -> None:
    """An empty or blank reason is refused (the transfer stays pending); a real one voids the
    transfer, is kept in the audit log, and frees the visit for cash."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    payment_id = _pending(db, ctx)
    for reason in ("", "   ", "x" * 301):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            cancel_pending(s, ctx, payment_id, cashier, reason)
        assert err.value.code == "payment.cancel_reason"
    assert _state(db, payment_id)[0] == PaymentStatus.PENDING
    with db.unit_of_work() as s:
        cancel_pending(s, ctx, payment_id, cashier, "  Khách  không chuyển được ")
    with db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "payment.cancelled")).one()
        visit_id = s.scalars(select(Visit.id)).one()
    assert entry.detail["reason"] == "Khách không chuyển được"
    assert entry.staff_id == cashier
    assert _state(db, payment_id)[0] == PaymentStatus.VOIDED
    with db.unit_of_work() as s:
        assert checkout(s, ctx, visit_id, [PaymentRequest(PaymentMethod.CASH, 1_366_200)], "k").paid


def _purpose(payload: str) -> str:
    return str(parse_payload(payload)["62"]["08"])  # type: ignore[index]


def test_after_a_cancel_the_same_key_gets_a_new_reference(db: Database) -> None:
    """The self-service screen keeps one key per visit: after the desk cancels its transfer, the
    next QR carries a new reference (never the voided one); asking twice gives the same one."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1, (1_366_200,))
    key = f"selfservice-vietqr:{visit_id}"
    with db.unit_of_work() as s:
        first = start_vietqr(s, ctx, BANK, visit_id, key)
    with db.unit_of_work() as s:
        assert start_vietqr(s, ctx, BANK, visit_id, key) == first
        pending = visit_summary(s, visit_id).pending_vietqr
    assert pending is not None and pending.reference == _purpose(first)
    with db.unit_of_work() as s:
        cancel_pending(s, ctx, pending.payment_id, cashier, "Khách chuyển nhầm tài khoản")
    with db.read() as s:
        assert visit_summary(s, visit_id).pending_vietqr is None
    with db.unit_of_work() as s:
        second = start_vietqr(s, ctx, BANK, visit_id, key)
    with db.unit_of_work() as s:
        assert start_vietqr(s, ctx, BANK, visit_id, key) == second
        again = visit_summary(s, visit_id).pending_vietqr
    assert _purpose(second) != _purpose(first) and again is not None
    assert again.reference == _purpose(second) and parse_payload(second)["54"] == "1366200"
    with db.unit_of_work() as s:
        confirm_vietqr(
            s, ctx, again.payment_id, cashier, supervisor_id=supervisor, amount_seen=1_366_200
        )
    with db.read() as s:
        visit = s.get(Visit, visit_id)
        statuses = sorted(p.status.value for p in s.scalars(select(Payment)))
    assert visit is not None and visit.status == EnrollmentStatus.PAID
    assert statuses == ["confirmed", "voided"]


def test_the_placeholder_account_never_gets_a_qr(db: Database) -> None:
    """On the shipped "0000000000000" (an unconfigured kiosk) start_vietqr refuses with a code
    the screens show ("pay at the desk") and records no payment: an attendee is never shown a
    QR to pay into a placeholder, at the desk or at the self-service screen."""
    ctx = kiosk_context()
    (visit_id,) = visits(db, ctx, 1)
    placeholder = BankConfig("970405", "0000000000000", "BAO HIEM XA HOI TINH", "BHXH")
    with db.unit_of_work() as s, pytest.raises(KioskError) as refused:
        start_vietqr(s, ctx, placeholder, visit_id, new_key())
    assert refused.value.code == "vietqr.account_not_configured"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0
    with db.unit_of_work() as s:  # once [bank] is filled in, the same visit gets its QR
        assert start_vietqr(s, ctx, BANK, visit_id, new_key()).startswith("000201")
