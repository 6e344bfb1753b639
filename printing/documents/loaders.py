"""Documents for a stored enrollment, for `python -m kiosk render KIND --enrollment UUID`."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kiosk.bootstrap import open_database
from kiosk.config import load_config
from kiosk.errors import KioskError
from kiosk.paths import config_path
from kiosk.services.context import KioskContext
from kiosk.services.issuance import ensure_card_record
from kiosk.store.models import Enrollment, Receipt
from printing import records
from printing.documents.models import (
    BookletCoverDocument,
    CardDocument,
    DeclarationDocument,
    ReceiptDocument,
)
from printing.station import issuing_place, kiosk_signer

Document = CardDocument | BookletCoverDocument | DeclarationDocument | ReceiptDocument


def load_for_enrollment(enrollment_id: str, kind: str, provisional: bool = False) -> Document:
    """The `kind` document ("card", "booklet", "declaration", "receipt") for an enrollment.

    A card prints the official VSS record when one was imported; otherwise the enrollment's
    provisional record (made and signed with this kiosk's key the first time).
    """
    key = _uuid(enrollment_id)
    config = load_config(config_path())
    db = open_database(config)
    try:
        with db.unit_of_work() as session:
            enrollment = session.get(Enrollment, key)
            if enrollment is None:
                raise _missing(enrollment_id)
            if kind == "card":
                ctx = KioskContext(config.kiosk.id, enrollment.visit.event_id, "")
                record = ensure_card_record(
                    session, ctx, key, kiosk_signer(config), issuing_place=issuing_place(config)
                )
                return records.card_document(session, record.id)
            if kind == "booklet":
                return records.booklet_document(session, enrollment.person_id)
            if kind == "declaration":
                return records.declaration_document(session, key)
            receipt_id = session.scalars(
                select(Receipt.id).where(Receipt.visit_id == enrollment.visit_id)
            ).first()
            if receipt_id is None:
                raise KioskError(
                    "render.no_receipt",
                    vi="Đăng ký này chưa có biên lai (chưa thanh toán).",
                    en="This enrollment has no receipt yet (not paid).",
                )
            return records.receipt_document(session, receipt_id)
    finally:
        db.dispose()


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise _missing(text) from None


def _missing(text: str) -> KioskError:
    return KioskError(
        "render.enrollment_missing",
        vi="Không tìm thấy mã đăng ký này trong cơ sở dữ liệu.",
        en="No enrollment with this id in the database.",
        enrollment_id=text,
    )
