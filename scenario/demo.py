"""`python -m kiosk demo`: a scripted event day, headless, through the services the screens use.

Synthetic attendees only (no real people). Households and single people join both schemes,
pay by cash, VietQR (confirmed by an imported bank statement) and card, one receipt is voided,
the receipt printer fails once and the job is retried, documents go to the PDF-folder printer
and a fake ESC/POS printer, the shift is closed with a Z report, the exports are written, and
the run ends with a summary of what it did and where the files are.
"""

from __future__ import annotations

import csv
import json
import random
import uuid
import zlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from kiosk.bootstrap import event_id_for, register_kiosk
from kiosk.config import Config, parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import PaymentMethod, Role, Scheme, Sex, SupportGroup
from kiosk.domain.identity import century_digit
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.dossier.demo import demo_dossier_step
from kiosk.payments.statement import ColumnMapping
from kiosk.payments.terminal import SimulatedTerminal
from kiosk.services.checkout import CheckoutResult, PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.receipts import void_receipt
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.services.shifts import (
    ShiftReport,
    cash_movement,
    current_shift,
    open_shift,
    x_report,
    z_close,
)
from kiosk.services.statements import apply_statement
from kiosk.store.db import Database, sqlite_url
from kiosk.store.migrate import upgrade
from kiosk.store.models import Payment, Receipt, Staff
from scenario.demo_printing import print_and_export
from scenario.summary import DemoSummary

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Y", "H'"]
GIVEN_M = ["Văn An", "Đức Bình", "Minh Cường", "Hữu Dũng", "Blô", "Quang Sơn"]
GIVEN_F = ["Thị Huyền", "Thị Lan", "Ngọc Mai", "Thị Hạnh", "Hen", "Kim Yến"]
PROVINCES = ["066", "067", "068", "064", "062"]  # Đắk Lắk, Đắk Nông, Lâm Đồng, Gia Lai, Kon Tum


def demo_config(out: Path) -> Config:
    """The default configuration with output in `out` (PDF printers, SQLite)."""
    text = DEFAULT_CONFIG.replace('dir = ""', f'dir = "{out / "output"}"')
    # A sample account (the shipped placeholder refuses VietQR); the demo's QR codes are never
    # meant to be paid: the account name says so.
    text = text.replace('account = "0000000000000"', 'account = "1234567890123"').replace(
        'account_name = "', 'account_name = "MAU DEMO '
    )
    return parse_config(text)


def synthetic_person(rng: random.Random, serial: int) -> PersonDraft:
    """A made-up person with a well-formed identity number consistent with birth and sex."""
    sex = rng.choice([Sex.MALE, Sex.FEMALE])
    born = date(rng.randint(1950, 2015), rng.randint(1, 12), rng.randint(1, 28))
    name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN_M if sex == Sex.MALE else GIVEN_F)}"
    pid = f"{rng.choice(PROVINCES)}{century_digit(born.year, sex)}{born.year % 100:02d}{serial:06d}"
    return PersonDraft(
        full_name=name,
        birth_date=born,
        sex=sex,
        personal_id=pid,
        phone=f"09{rng.randint(10_000_000, 99_999_999)}",
        address=f"Thôn {rng.randint(1, 12)}, xã Ea Kao, Buôn Ma Thuột, Đắk Lắk",
        # Every synthetic attendee answers the ethnicity question (an unasked one would block
        # the day's dossier); Kinh keeps the demo's figures those of the earlier versions.
        ethnicity="Kinh",
    )


def run_demo(attendees: int, out: Path, seed: int = 2026) -> DemoSummary:
    """Play one event day with `attendees` people; everything is written under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    config = demo_config(out)
    db = Database(sqlite_url(out / "demo.sqlite3"))
    upgrade(db)
    register_kiosk(db, config)
    clock = _Clock(datetime(2026, 11, 25, 1, 0, tzinfo=UTC))  # 08:00 in Vietnam
    ctx = KioskContext(
        config.kiosk.id, event_id_for(config), config.kiosk.receipt_series, clock=clock
    )
    summary = DemoSummary()
    cashier, supervisor = _staff(db)
    with db.unit_of_work() as s:
        open_shift(s, ctx, cashier, 1_000_000)
    terminal = SimulatedTerminal(["approve", "decline"] + ["approve"] * attendees)
    pending: list[tuple[str, int]] = []
    serial = 0
    while summary.attendees < attendees:
        size = min(rng.choice([1, 1, 2, 3, 4]), attendees - summary.attendees)
        members = []
        for i in range(size):
            serial += 1
            choices = [SchemeChoice(Scheme.BHYT_HOUSEHOLD, rng.choice([3, 6, 12, 12]))]
            if i == 0 and rng.random() < 0.4:
                income = rng.choice([1_500_000, 2_000_000, 3_000_000])
                choices.append(
                    SchemeChoice(
                        Scheme.BHXH_VOLUNTARY,
                        rng.choice([1, 3, 6, 12]),
                        income,
                        rng.choice(list(SupportGroup)),
                    )
                )
            members.append(MemberRequest(synthetic_person(rng, serial), tuple(choices)))
        source = "self_service" if rng.random() < 0.3 else "staff"
        with db.unit_of_work() as s:
            reg = register_visit(
                s, ctx, members, source=source, staff_id=None if source != "staff" else cashier
            )
        summary.attendees += size
        summary.visits += 1
        method = [PaymentMethod.CASH, PaymentMethod.CASH, PaymentMethod.VIETQR, PaymentMethod.CARD][
            summary.visits % 4
        ]
        result = _pay(db, ctx, reg.visit_id, reg.quote.total, method, terminal, cashier, summary)
        if result is not None and result.transfer_reference and not result.paid:
            pending.append((result.transfer_reference, reg.quote.total))
        clock.advance(minutes=rng.randint(1, 6))
    statement = _bank_statement(out, pending)
    with db.unit_of_work() as s:
        matched = apply_statement(
            s,
            ctx,
            statement,
            ColumnMapping(description="Mo ta", amount=None, credit="Ghi co", date="Ngay"),
            cashier,
        )
    summary.notes.append(
        f"bank statement: {len(matched.matched)} transfers matched, "
        f"{len(matched.unmatched)} other credits left for a person"
    )
    summary.files["statement"] = str(statement)
    _void_one(db, ctx, supervisor, summary)
    with db.unit_of_work() as s:
        cash_movement(s, ctx, -500_000, "Nộp tiền giữa ca về văn phòng", supervisor)
    with db.read() as s:
        expected = x_report(s, ctx)
        shift = current_shift(s, ctx)
        assert shift is not None  # opened at the start of the day above
        shift_id = shift.id
    counted = {line.method: line.expected for line in expected.lines}
    counted[PaymentMethod.CASH] -= 2_000  # the drawer is 2,000 đ short: the Z report shows it
    with db.unit_of_work() as s:
        report = z_close(s, ctx, shift_id, counted, supervisor)
    summary.z_report = _z_dict(report)

    print_and_export(db, ctx, config, out, summary)
    _totals(db, summary)
    for hook in EXTRA_STEPS:
        hook(db, ctx, config, out, summary)
    (out / "summary.json").write_text(
        json.dumps(summary.__dict__, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    summary.files["summary"] = str(out / "summary.json")
    summary.files["database"] = str(out / "demo.sqlite3")
    db.dispose()
    return summary


class _Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: int) -> None:
        self.now += timedelta(minutes=minutes)


def _staff(db: Database) -> tuple[uuid.UUID, uuid.UUID]:
    from kiosk.services.pins import hash_pin

    with db.unit_of_work() as s:
        cashier = Staff(name="Lê Thị Thu (demo)", role=Role.STAFF, pin_hash=hash_pin("1357"))
        supervisor = Staff(
            name="Phạm Văn Giám (demo)", role=Role.SUPERVISOR, pin_hash=hash_pin("2468")
        )
        s.add_all([cashier, supervisor])
        s.flush()
        return cashier.id, supervisor.id


def _pay(
    db: Database,
    ctx: KioskContext,
    visit_id: uuid.UUID,
    total: int,
    method: PaymentMethod,
    terminal: SimulatedTerminal,
    staff_id: uuid.UUID,
    summary: DemoSummary,
) -> CheckoutResult | None:
    from kiosk.errors import KioskError

    key = uuid.uuid4().hex
    if method == PaymentMethod.CARD:
        try:
            approval = terminal.sale(total, str(visit_id))
        except KioskError as err:
            summary.notes.append(f"card declined ({err.code}); the person paid cash instead")
            method, approval = PaymentMethod.CASH, None
    parts = {
        PaymentMethod.CASH: [
            PaymentRequest(PaymentMethod.CASH, total, tendered=-(-total // 50_000) * 50_000)
        ],
        PaymentMethod.VIETQR: [PaymentRequest(PaymentMethod.VIETQR, total)],
        PaymentMethod.CARD: [
            PaymentRequest(
                PaymentMethod.CARD,
                total,
                card_auth_code=approval.auth_code
                if method == PaymentMethod.CARD and approval
                else None,
            )
        ],
    }[method]
    with db.unit_of_work() as s:
        result = checkout(s, ctx, visit_id, parts, key, staff_id=staff_id)
    with db.unit_of_work() as s:  # the screen retries after a time-out: same key, no new payment
        assert checkout(s, ctx, visit_id, parts, key, staff_id=staff_id) == result
    return result


def _bank_statement(out: Path, pending: list[tuple[str, int]]) -> Path:
    path = out / "sao-ke-ngan-hang.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ngay", "Mo ta", "Ghi co", "Ghi no"])
        for reference, amount in pending:
            writer.writerow(
                [
                    "25/11/2026",
                    f"MBVCB.{zlib.crc32(reference.encode()) % 10**8} {reference} chuyen tien",
                    f"{amount:,}".replace(",", "."),
                    "",
                ]
            )
        writer.writerow(["25/11/2026", "Chuyen tien an trua doan van nghe", "350.000", ""])
    return path


def _void_one(db: Database, ctx: KioskContext, supervisor: uuid.UUID, summary: DemoSummary) -> None:
    with db.read() as s:
        receipt = s.scalar(
            select(Receipt)
            .join(Payment, Payment.visit_id == Receipt.visit_id)
            .where(Payment.method == PaymentMethod.CASH)
            .order_by(Receipt.number)
            .limit(1)
        )
    if receipt is None:
        return
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt.id, "Thu nhầm: người này đã đóng ở xã", supervisor)
    summary.notes.append(
        f"voided receipt {receipt.series}-{receipt.number:06d} (it keeps its number)"
    )


def _z_dict(report: ShiftReport) -> dict[str, object]:
    return {
        "expected": {line.method.value: line.expected for line in report.lines},
        "counted": {line.method.value: line.counted for line in report.lines},
        "difference": report.difference,
        "receipts": report.receipts,
        "voids": report.voids,
    }


def _totals(db: Database, summary: DemoSummary) -> None:
    from kiosk.domain.enums import EnrollmentStatus, PaymentStatus
    from kiosk.store.models import Visit

    with db.read() as s:
        rows = s.execute(
            select(Payment.method, func.sum(Payment.amount))
            .where(Payment.status == PaymentStatus.CONFIRMED)
            .group_by(Payment.method)
        ).all()
        summary.by_method = {m.value: int(v) for m, v in rows}
        summary.total_collected = sum(summary.by_method.values())
        summary.receipts = s.scalar(select(func.count()).select_from(Receipt)) or 0
        summary.voided = (
            s.scalar(
                select(func.count()).select_from(Receipt).where(Receipt.voided_at.is_not(None))
            )
            or 0
        )
        summary.paid_visits = (
            s.scalar(
                select(func.count()).select_from(Visit).where(Visit.status == EnrollmentStatus.PAID)
            )
            or 0
        )


# Steps after the exports: (db, ctx, config, out, summary). The day ends with the electronic
# dossier an agent would submit to VSS (sample agent and certificate, all marked MẪU).
EXTRA_STEPS: list[Callable[[Database, KioskContext, Config, Path, DemoSummary], object]] = [
    demo_dossier_step
]
