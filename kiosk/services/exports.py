"""Spreadsheet exports for the office: participants to key into VSS, payments, campaign counts."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, aliased

from kiosk.domain.enums import (
    EnrollmentStatus,
    PaymentMethod,
    PaymentStatus,
    Sex,
)
from kiosk.domain.labels import label
from kiosk.domain.localtime import format_local, local_date, local_day_bounds
from kiosk.domain.numbers import receipt_label
from kiosk.private_files import private_file
from kiosk.services.context import KioskContext
from kiosk.services.xlsx_stream import write_xlsx
from kiosk.store.models import (
    CampaignActivity,
    Enrollment,
    Payment,
    Person,
    Receipt,
    Staff,
    Visit,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PARTICIPANT_HEADERS = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số định danh cá nhân",
    "Mã số BHXH",
    "Số điện thoại",
    "Địa chỉ",
    "Loại hình",
    "Đối tượng hỗ trợ",
    "Mức thu nhập chọn (đồng)",
    "Phương thức đóng (số tháng)",
    "Từ ngày",
    "Đến ngày",
    "Số tiền (đồng)",
    "Số biên lai",
    "Ngày nộp",
    "Hình thức thanh toán",
)
PAYMENT_HEADERS = (
    "STT",
    "Thời gian",
    "Ki-ốt",
    "Số biên lai",
    "Hình thức thanh toán",
    "Trạng thái",
    "Số tiền (đồng)",
    "Mã tham chiếu",
    "Ghi chú",
)
CAMPAIGN_HEADERS = ("STT", "Thời gian", "Ki-ốt", "Hoạt động", "Nhân viên", "Người dân", "Ghi chú")


def safe_text(value: str) -> str:
    """Text a spreadsheet will show, never run: a leading = + - @ tab or CR gets an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def export_participants_xlsx(
    session: Session, ctx: KioskContext, path: Path, day: date | None = None
) -> int:
    """One row per paid enrollment of the event (or of a local day); returns the rows written."""
    where = [Enrollment.status == EnrollmentStatus.PAID, _in_event(ctx)]
    if day is not None:
        start, end = local_day_bounds(day)
        where += [Enrollment.paid_at >= start, Enrollment.paid_at < end]
    methods = _visit_methods(session, where)
    live = aliased(Receipt)
    rows = session.execute(
        select(
            Person.full_name,
            Person.birth_date,
            Person.sex,
            Person.personal_id,
            Person.legacy_si_code,
            Person.phone,
            Person.address,
            Enrollment.scheme,
            Enrollment.support_group,
            Enrollment.chosen_income,
            Enrollment.months,
            Enrollment.start_date,
            Enrollment.end_date,
            Enrollment.amount,
            live.series,
            live.number,
            live.symbol,
            live.book_number,
            Enrollment.paid_at,
            Enrollment.visit_id,
        )
        .join(Visit, Visit.id == Enrollment.visit_id)
        .join(Person, Person.id == Enrollment.person_id)
        # The line's own receipt: one per scheme (receipts before 0005 have no scheme).
        .outerjoin(
            live,
            (live.visit_id == Enrollment.visit_id)
            & live.voided_at.is_(None)
            & (live.scheme.is_(None) | (live.scheme == Enrollment.scheme)),
        )
        .where(*where)
        # Payment time, then receipt number: the order the money came in.
        .order_by(
            Enrollment.paid_at,
            live.series,
            live.number,
            Enrollment.visit_id,
            Enrollment.position,
            Enrollment.id,
        )
    )

    def lines() -> Iterable[Sequence[Any]]:
        for n, r in enumerate(rows, start=1):
            yield (
                n,
                r.full_name,
                _dmy(r.birth_date),
                "Nữ" if r.sex == Sex.FEMALE else "Nam",
                r.personal_id or "",
                r.legacy_si_code or "",
                r.phone or "",
                r.address,
                label(r.scheme),
                label(r.support_group) if r.support_group else "",
                r.chosen_income,
                r.months,
                _dmy(r.start_date),
                _dmy(r.end_date),
                r.amount,
                receipt_label(r.series, r.number, r.symbol, r.book_number) if r.series else "",
                _dmy(local_date(r.paid_at) if r.paid_at else None),
                methods.get(r.visit_id, ""),
            )

    return _write(path, "Người tham gia", PARTICIPANT_HEADERS, lines())


def export_payments_xlsx(
    session: Session, ctx: KioskContext, path: Path, day: date | None = None
) -> int:
    """Every payment entry of the event (reversals as negative amounts); returns the rows."""
    when = func.coalesce(Payment.confirmed_at, Payment.created_at)
    where = [_in_event(ctx)]
    if day is not None:
        start, end = local_day_bounds(day)
        where += [when >= start, when < end]
    rows = session.execute(
        select(
            Payment.confirmed_at,
            Payment.created_at,
            Payment.kiosk_id,
            Payment.visit_id,
            Payment.method,
            Payment.status,
            Payment.amount,
            Payment.reference,
            Payment.reversal_of_id,
            Payment.detail_json,
        )
        .join(Visit, Visit.id == Payment.visit_id)
        .where(*where)
        .order_by(when, Payment.created_at, Payment.idempotency_key)
    ).all()
    receipts = _visit_receipts(session, {r.visit_id for r in rows})

    def lines() -> Iterable[Sequence[Any]]:
        for n, r in enumerate(rows, start=1):
            note = ""
            if r.reversal_of_id is not None:
                note = f"Hoàn trả: {(r.detail_json or {}).get('reason', '')}".strip()
            yield (
                n,
                _dmy_hm(r.confirmed_at or r.created_at),
                r.kiosk_id,
                receipts.get(r.visit_id, ""),
                label(r.method),
                label(r.status),
                r.amount,
                r.reference or "",
                note,
            )

    return _write(path, "Thanh toán", PAYMENT_HEADERS, lines())


def export_campaign_xlsx(
    session: Session, ctx: KioskContext, path: Path, day: date | None = None
) -> int:
    """Every campaign activity of the event (or of a local day); returns the rows written."""
    event = (
        CampaignActivity.event_id == ctx.event_id
        if ctx.event_id is not None
        else CampaignActivity.event_id.is_(None)
    )
    where: list[ColumnElement[bool]] = [event]
    if day is not None:
        start, end = local_day_bounds(day)
        where += [CampaignActivity.created_at >= start, CampaignActivity.created_at < end]
    rows = session.execute(
        select(
            CampaignActivity.created_at,
            CampaignActivity.kiosk_id,
            CampaignActivity.kind,
            Staff.name,
            Person.full_name,
            CampaignActivity.note,
        )
        .outerjoin(Staff, Staff.id == CampaignActivity.staff_id)
        .outerjoin(Person, Person.id == CampaignActivity.person_id)
        .where(*where)
        .order_by(CampaignActivity.created_at, CampaignActivity.id)
    )

    def lines() -> Iterable[Sequence[Any]]:
        for n, r in enumerate(rows, start=1):
            yield (
                n,
                _dmy_hm(r.created_at),
                r.kiosk_id,
                label(r.kind),
                r.name or "",
                r.full_name or "",
                r.note,
            )

    return _write(path, "Chiến dịch", CAMPAIGN_HEADERS, lines())


def _visit_methods(session: Session, where: list[ColumnElement[bool]]) -> dict[uuid.UUID, str]:
    """How each exported visit was paid ("Tiền mặt, Thẻ" for a split), from its live payments."""
    found: dict[uuid.UUID, list[PaymentMethod]] = {}
    visits = select(Enrollment.visit_id).join(Visit, Visit.id == Enrollment.visit_id).where(*where)
    for visit_id, method in session.execute(
        select(Payment.visit_id, Payment.method)
        .where(
            Payment.visit_id.in_(visits),
            Payment.status == PaymentStatus.CONFIRMED,
            Payment.amount > 0,
        )
        .group_by(Payment.visit_id, Payment.method)
    ):
        found.setdefault(visit_id, []).append(PaymentMethod(method))
    order = list(PaymentMethod)
    return {v: ", ".join(label(m) for m in sorted(ms, key=order.index)) for v, ms in found.items()}


def _write(path: Path, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Stream the rows into a new workbook, saved atomically and readable by the owner only."""
    count = 0

    def guarded() -> Iterable[Sequence[Any]]:
        nonlocal count
        yield headers
        for row in rows:
            count += 1
            yield [safe_text(v) if isinstance(v, str) else v for v in row]

    with private_file(path) as handle:
        write_xlsx(handle, title, guarded())
    return count


def _visit_receipts(session: Session, visit_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """Each visit's receipt numbers as printed (one per scheme), e.g. "YT-…, XH-…"."""
    found: dict[uuid.UUID, list[str]] = {}
    if not visit_ids:
        return {}
    for r in session.scalars(
        select(Receipt)
        .where(Receipt.visit_id.in_(visit_ids))
        .order_by(Receipt.series, Receipt.number)
    ):
        found.setdefault(r.visit_id, []).append(
            receipt_label(r.series, r.number, r.symbol, r.book_number)
        )
    return {visit: ", ".join(labels) for visit, labels in found.items()}


def _in_event(ctx: KioskContext) -> ColumnElement[bool]:
    return Visit.event_id == ctx.event_id if ctx.event_id is not None else Visit.event_id.is_(None)


def _dmy(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _dmy_hm(moment: datetime) -> str:
    return format_local(moment)
