"""An event day built through the real services for the dossier tests (synthetic people, MẪU)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kiosk.domain.enums import PaymentMethod, Scheme, Sex, SupportGroup
from kiosk.domain.person import PersonDraft
from kiosk.dossier.agent import AgentInfo
from kiosk.services.checkout import PaymentRequest, checkout
from kiosk.services.context import KioskContext
from kiosk.services.receipts import void_receipt
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from tests.kiosk.services.consoledata import ctx_at, draft
from tests.kiosk.services.payflow import open_day
from tests.support.factories import new_key

DAY = date(2026, 11, 25)
BHYT12 = SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12)
BHXH12 = SchemeChoice(Scheme.BHXH_VOLUNTARY, 12, 2_000_000, SupportGroup.OTHER)
BHXH1 = SchemeChoice(Scheme.BHXH_VOLUNTARY, 1, 1_500_000, SupportGroup.OTHER)
# Every value marked MẪU: no real agent, unit or provider code is ever written by a test.
AGENT = AgentInfo(
    name="MẪU — Bưu điện xã Ea Kao",
    unit_code="MAU0001",
    unit_kind="1",
    signer="MẪU — Lê Thị Thu",
    vss_office="MAU",
    ivan_code="MAU",
    ivan_name="MẪU — nhà cung cấp I-VAN",
)
# What the day's people paid, by scheme (quoted by the policy engine on 25/11/2026):
# household health insurance 12 months, first member 1,366,200, second 70% = 956,340;
# voluntary SI 22% of 2,000,000 x 12 less 20% support on the poverty line = 4,488,000 and
# 22% of 1,500,000 x 1 less 66,000 = 264,000.
BHYT_TOTAL = 1_366_200 + 956_340
BHXH_TOTAL = 4_488_000 + 264_000


@dataclass(frozen=True)
class PaidDay:
    ctx: KioskContext
    household_visit: uuid.UUID
    voluntary_visit: uuid.UUID
    voided_visit: uuid.UUID
    unpaid_visit: uuid.UUID
    supervisor: uuid.UUID


def visit(
    db: Database,
    ctx: KioskContext,
    members: Sequence[tuple[PersonDraft, tuple[SchemeChoice, ...]]],
    pay: bool = True,
) -> tuple[uuid.UUID, uuid.UUID | None]:
    """Register these people and (unless `pay` is false) pay the whole quote in cash."""
    with db.unit_of_work() as s:
        reg = register_visit(s, ctx, [MemberRequest(p, c) for p, c in members])
        if not pay:
            return reg.visit_id, None
        total = reg.quote.total
        result = checkout(
            s,
            ctx,
            reg.visit_id,
            [PaymentRequest(PaymentMethod.CASH, total, tendered=total)],
            new_key(),
        )
        return reg.visit_id, result.receipt_id


def paid_day(db: Database) -> PaidDay:
    """25/11/2026: a household with both schemes, one voluntary-only visit, a voided visit and
    an unpaid one."""
    ctx = ctx_at()
    _, supervisor = open_day(db, ctx)
    huyen = draft("Nguyễn Thị Huyền", 1, phone="0912345678")
    duc = draft("Trần Văn Đức", 2, date(1980, 2, 2), Sex.MALE)
    household, _ = visit(db, ctx, [(huyen, (BHYT12, BHXH12)), (duc, (BHYT12,))])
    voluntary, _ = visit(db, ctx, [(draft("Lê Văn Nam", 4, sex=Sex.MALE), (BHXH1,))])
    voided, receipt = visit(db, ctx, [(draft("Phạm Thị Lan", 5), (BHYT12,))])
    assert receipt is not None
    with db.unit_of_work() as s:
        void_receipt(s, ctx, receipt, "Nhập sai người", supervisor)
    unpaid, _ = visit(db, ctx, [(draft("Võ Thị Hoa", 6), (BHYT12,))], pay=False)
    return PaidDay(ctx, household, voluntary, voided, unpaid, supervisor)
