"""Receipts: one per scheme, gapless numbers per series even across rollbacks; voids by
supervisors only, taking every receipt of the payment with them."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from kiosk.config import AgentConfig
from kiosk.domain.enums import EnrollmentStatus, PaymentMethod, PaymentStatus, Scheme
from kiosk.errors import KioskError
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.ledger import CheckoutResult
from kiosk.services.receipts import receipt_label, register_receipt_books, void_receipt
from kiosk.services.shifts import current_shift, z_close
from kiosk.store.db import Database
from kiosk.store.models import AuditEntry, Enrollment, Payment, Receipt, ReceiptSeries, Visit
from kiosk.store.models.money import ReceiptBook
from tests.kiosk.services.payflow import open_day, visits
from tests.support.factories import kiosk_context, make_visit, new_key

M = PaymentMethod


def _pay_split(db: Database, ctx: KioskContext, cashier: uuid.UUID) -> uuid.UUID:
    """A 2,322,540 visit paid 2,000,000 cash + 322,540 card; returns its receipt id."""
    (visit_id,) = visits(db, ctx, 1, (1_366_200, 956_340))
    with db.unit_of_work() as s:
        result = checkout(
            s,
            ctx,
            visit_id,
            [
                PaymentRequest(M.CASH, 2_000_000, 2_000_000),
                PaymentRequest(M.CARD, 322_540, card_auth_code="100001"),
            ],
            new_key(),
            cashier,
        )
    assert result.receipt_id is not None
    return result.receipt_id


def test_void_keeps_the_number_and_reverses_every_part(db: Database) -> None:
    """The voided receipt keeps number 1 with reason and supervisor; each part gets a CONFIRMED
    reversing entry of the opposite amount, so the visit's payments sum to 0; the visit and
    enrollments are cancelled; the next receipt is number 2; the void is audited."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "  Thu nhầm người  ", supervisor)
    with db.read() as s:
        receipt = s.get(Receipt, receipt_id)
        assert (
            receipt is not None
            and receipt.number == 1
            and receipt_label(receipt) == "YT-K01-0000001"
        )
        assert (receipt.void_reason, receipt.voided_by) == ("Thu nhầm người", supervisor)
        assert receipt.voided_at is not None
        reversals = s.scalars(select(Payment).where(Payment.reversal_of_id.is_not(None))).all()
        assert sorted((p.amount, p.method, p.status) for p in reversals) == [
            (-2_000_000, M.CASH, PaymentStatus.CONFIRMED),
            (-322_540, M.CARD, PaymentStatus.CONFIRMED),
        ]
        for reversal in reversals:
            original = s.get(Payment, reversal.reversal_of_id)
            assert original is not None and original.amount == -reversal.amount
            assert original.status is PaymentStatus.CONFIRMED
        assert s.scalar(select(func.sum(Payment.amount))) == 0
        visit = s.get(Visit, receipt.visit_id)
        assert visit is not None and visit.status is EnrollmentStatus.CANCELLED
        assert set(s.scalars(select(Enrollment.status))) == {EnrollmentStatus.CANCELLED}
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.voided")).one()
        assert audit.detail["number"] == "YT-K01-0000001" and audit.staff_id == supervisor
    second = _pay_split(db, ctx, cashier)
    with db.read() as s:
        again = s.get(Receipt, second)
        assert again is not None and (again.number, again.book_number) == (2, 2)


def test_staff_cannot_void_and_nothing_changes(db: Database) -> None:
    """A cashier (Role.STAFF) or an unknown id gets auth.supervisor_required; no reversal."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    for who in (cashier, uuid.uuid4()):
        with pytest.raises(KioskError) as err, db.unit_of_work() as s:
            void_receipt(s, ctx, receipt_id, "Thu nhầm", who)
        assert err.value.code == "auth.supervisor_required"
    with db.read() as s:
        assert s.get(Receipt, receipt_id).voided_at is None  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(Payment)) == 2


def test_void_needs_a_reason_and_happens_once(db: Database) -> None:
    """No reason is refused; a second void of the same receipt is refused."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "   ", supervisor)
    assert err.value.code == "receipt.void_reason"
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "Trùng", supervisor)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "Trùng", supervisor)
    assert err.value.code == "receipt.already_void"


def test_voided_visit_cannot_be_paid_again(db: Database) -> None:
    """After a void the registration is cancelled: a new checkout on it is refused."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    with db.unit_of_work() as s:
        receipt = void_receipt(s, ctx, receipt_id, "Khách đổi ý", supervisor)
        visit_id = receipt.visit_id
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        checkout(s, ctx, visit_id, [PaymentRequest(M.CASH, 2_322_540)], new_key())
    assert err.value.code == "payment.cancelled"


def test_void_of_cash_needs_an_open_shift(db: Database) -> None:
    """Cash handed back must leave an open drawer: with the shift closed the void is refused."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    receipt_id = _pay_split(db, ctx, cashier)
    with db.unit_of_work() as s:
        shift = current_shift(s, ctx)
        assert shift is not None
        z_close(s, ctx, shift.id, {M.CASH: 2_500_000}, supervisor)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        void_receipt(s, ctx, receipt_id, "Thu nhầm", supervisor)
    assert err.value.code == "shift.not_open"


def test_a_rolled_back_checkout_leaves_no_gap(db: Database) -> None:
    """The number is taken in the payment's transaction: when that transaction fails after
    checkout (e.g. a crash before commit), the number is not used and the next sale gets it."""
    ctx = kiosk_context()
    open_day(db, ctx)
    first, second = visits(db, ctx, 2)
    with pytest.raises(RuntimeError), db.unit_of_work() as s:
        result = checkout(s, ctx, first, [PaymentRequest(M.CASH, 1_366_200)], new_key())
        assert result.receipt_number == "YT-K01-0000001"
        raise RuntimeError("power cut before commit")
    with db.unit_of_work() as s:
        result = checkout(s, ctx, second, [PaymentRequest(M.CASH, 1_366_200)], new_key())
    assert result.receipt_number == "YT-K01-0000001"
    with db.read() as s:
        assert s.get(ReceiptSeries, "K01").next_number == 2  # type: ignore[union-attr]
        assert s.get(ReceiptBook, "YT-K01").next_number == 2  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).select_from(Payment)) == 1


def test_unknown_series_is_an_error_not_a_number(db: Database) -> None:
    """A kiosk whose series is not registered gets receipt.no_series and records nothing."""
    ctx = kiosk_context(series="ZZ9")
    open_day(db, ctx)
    (visit_id,) = visits(db, ctx, 1)
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        checkout(s, ctx, visit_id, [PaymentRequest(M.CASH, 1_366_200)], new_key())
    assert err.value.code == "receipt.no_series"
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == 0


AGENT = AgentConfig(
    name="MẪU — Bưu điện xã Hòa Phú", code="MAU01", series_bhyt="YT25MAU", series_bhxh="XH25MAU"
)


def _two_schemes(db: Database, ctx: KioskContext, cashier: uuid.UUID) -> CheckoutResult:
    """One person in household health insurance (1,366,200) and voluntary SI (264,000)."""
    with db.unit_of_work() as s:
        visit = make_visit(s, ctx, amounts=(1_366_200,))
        person = s.scalars(select(Enrollment.person_id).where(Enrollment.visit_id == visit.id))
        s.add(
            Enrollment(
                visit_id=visit.id,
                person_id=person.one(),
                scheme=Scheme.BHXH_VOLUNTARY,
                months=1,
                amount=264_000,
                policy_version="test",
            )
        )
        visit.total = 1_630_200
        s.flush()
        return checkout(s, ctx, visit.id, [PaymentRequest(M.CASH, 1_630_200)], new_key(), cashier)


def test_a_visit_with_both_schemes_gets_one_receipt_per_scheme(db: Database) -> None:
    """Two receipts in the payment's transaction, each in its scheme's series from the agent's
    configuration, each with its scheme's total, the agent copied onto it and a 10-character
    verification code; numbers stay gapless per series over three visits."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    with db.unit_of_work() as s:
        register_receipt_books(s, ctx.kiosk_id, ctx.receipt_series, AGENT)
    results = [_two_schemes(db, ctx, cashier) for _ in range(3)]
    assert results[0].receipt_numbers == ("YT25MAU-0000001", "XH25MAU-0000001")
    assert results[2].receipt_numbers == ("YT25MAU-0000003", "XH25MAU-0000003")
    assert results[0].receipt_number == "YT25MAU-0000001, XH25MAU-0000001"
    with db.read() as s:
        receipts = s.scalars(select(Receipt).order_by(Receipt.number)).all()
        assert [(r.scheme, r.total, r.number) for r in receipts[:2]] == [
            (Scheme.BHYT_HOUSEHOLD, 1_366_200, 1),
            (Scheme.BHXH_VOLUNTARY, 264_000, 2),
        ]
        for symbol in ("YT25MAU", "XH25MAU"):
            numbers = [r.book_number for r in receipts if r.symbol == symbol]
            assert numbers == [1, 2, 3]
        assert {r.agent_name for r in receipts} == {AGENT.name}
        assert all(len(r.verify_code) == 10 for r in receipts)
        assert len({r.verify_code for r in receipts}) == 6


def test_voiding_one_receipt_voids_the_whole_payment(db: Database) -> None:
    """One payment paid both receipts: voiding either voids both and reverses the money once."""
    ctx = kiosk_context()
    cashier, supervisor = open_day(db, ctx)
    result = _two_schemes(db, ctx, cashier)
    with db.unit_of_work() as s:
        void_receipt(s, ctx, result.receipt_ids[1], "Thu nhầm người", supervisor)
    with db.read() as s:
        assert all(s.get(Receipt, r).voided_at is not None for r in result.receipt_ids)  # type: ignore[union-attr]
        assert s.scalar(select(func.sum(Payment.amount))) == 0
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        void_receipt(s, ctx, result.receipt_ids[0], "Lần nữa", supervisor)
    assert err.value.code == "receipt.already_void"


def test_a_series_of_another_kiosk_or_scheme_is_refused(db: Database) -> None:
    """Two kiosks (or both schemes) in one series would print the same number twice."""
    ctx = kiosk_context()
    with db.unit_of_work() as s:
        register_receipt_books(s, ctx.kiosk_id, ctx.receipt_series, AGENT)
    same = AgentConfig(series_bhyt="XH25MAU", series_bhxh="XH25MAU")
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        register_receipt_books(s, ctx.kiosk_id, ctx.receipt_series, same)
    assert err.value.code == "receipt.book_taken"


def test_a_changed_series_starts_its_own_count(db: Database) -> None:
    """A new allocation from VSS gets number 1; the old book stays but is no longer used."""
    ctx = kiosk_context()
    cashier, _ = open_day(db, ctx)
    with db.unit_of_work() as s:
        register_receipt_books(s, ctx.kiosk_id, ctx.receipt_series, AGENT)
    _two_schemes(db, ctx, cashier)
    newer = AgentConfig(name=AGENT.name, series_bhyt="YT26MAU", series_bhxh="XH25MAU")
    with db.unit_of_work() as s:
        register_receipt_books(s, ctx.kiosk_id, ctx.receipt_series, newer)
    assert _two_schemes(db, ctx, cashier).receipt_numbers == (
        "YT26MAU-0000001",
        "XH25MAU-0000002",
    )
    with db.read() as s:
        old = s.get(ReceiptBook, "YT25MAU")
        assert old is not None and not old.active and old.next_number == 2
