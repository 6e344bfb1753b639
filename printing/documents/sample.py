"""The built-in synthetic sample person (resources/sample/sample_person.toml) as documents."""

from __future__ import annotations

from functools import cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import toml_read
from kiosk.domain.provisional import sign_provisional
from kiosk.scan.health_card import HealthCardData, build_health_card_qr
from printing.documents.models import (
    BookletCoverDocument,
    CardDocument,
    DeclarationDocument,
    HouseholdMember,
    QueueTicketDocument,
    ReceiptDocument,
    ReceiptLine,
    ReceiptPayment,
    ShiftReportDocument,
)
from resources import resource_path


@cache
def sample_data() -> dict[str, Any]:
    """The parsed sample file."""
    return toml_read.loads(resource_path("sample", "sample_person.toml").read_text("utf-8"))


def provisional_fields(doc: CardDocument) -> dict[str, str]:
    """The card fields a provisional QR signs (short keys keep the QR small)."""
    return {
        "c": doc.card_code,
        "n": doc.full_name,
        "b": doc.birth_date,
        "s": doc.sex,
        "f": doc.facility_code,
        "v": f"{doc.valid_from}-{doc.valid_to}",
        "i": doc.issue_date,
    }


def sample_card(
    provisional: bool = False, key: Ed25519PrivateKey | None = None, kiosk_id: str = ""
) -> CardDocument:
    """The sample card: official (with a synthetic VSS-format QR) or provisional (signed)."""
    person, card = sample_data()["person"], sample_data()["card"]
    doc = CardDocument(
        card_code=card["card_code"],
        full_name=person["full_name"],
        birth_date=person["birth_date"],
        sex=person["sex"],
        address=person["address"],
        facility_code=card["facility_code"],
        facility_name=card["facility_name"],
        valid_from=card["valid_from"],
        valid_to=card["valid_to"],
        five_year_date=card["five_year_date"],
        issuing_place=card["issuing_place"],
        issue_date=card["issue_date"],
        provisional=provisional,
        qr_payload="",
    )
    if provisional:
        signer = key or Ed25519PrivateKey.generate()
        payload = sign_provisional(
            provisional_fields(doc), signer, kiosk_id or sample_data()["kiosk_id"]
        )
    else:
        payload = build_health_card_qr(
            HealthCardData(
                card_code=doc.card_code,
                full_name=doc.full_name,
                birth_date=doc.birth_date,
                sex="2" if doc.sex == "Nữ" else "1",
                address=doc.address,
                facility=doc.facility_code.replace(" ", ""),
                valid_from=doc.valid_from,
                valid_to=doc.valid_to,
                issue_date=doc.issue_date,
                management_code=card["management_code"],
                parent_name="",
                residence_area=card["residence_area"],
                five_year_date=doc.five_year_date,
                checksum="",  # VSS's own checksum is never invented: the sample has none
                benefit_level=card["benefit_level"],
                issuing_place=doc.issuing_place,
            )
        )
    return CardDocument(**{**doc.__dict__, "qr_payload": payload})


def sample_booklet() -> BookletCoverDocument:
    """The sample booklet cover."""
    person = sample_data()["person"]
    return BookletCoverDocument(
        si_number=person["si_number"],
        full_name=person["full_name"],
        birth_date=person["birth_date"],
        sex=person["sex"],
        nationality=person["nationality"],
        identity_number=person["identity_number"],
    )


def sample_declaration() -> DeclarationDocument:
    """The sample TK1-TS declaration with two household members."""
    person, decl = sample_data()["person"], sample_data()["declaration"]
    card = sample_data()["card"]
    return DeclarationDocument(
        full_name=person["full_name"],
        sex=person["sex"],
        birth_date=person["birth_date"],
        nationality=person["nationality"],
        ethnicity=person["ethnicity"],
        identity_number=person["identity_number"],
        phone=person["phone"],
        address=person["address"],
        voluntary_income=decl["voluntary_income"],
        payment_mode=decl["payment_mode"],
        facility=f"{card['facility_code']} {card['facility_name']}",
        members=tuple(HouseholdMember(**m) for m in decl["members"]),
        place_and_date=decl["place_and_date"],
    )


def sample_receipt(qr_payload: str | None = None, qr_caption: str = "") -> ReceiptDocument:
    """The sample receipt (three lines, paid in cash)."""
    data = sample_data()["receipt"]
    lines = tuple(ReceiptLine(**line) for line in data["lines"])
    payments = tuple(ReceiptPayment(**p) for p in data["payments"])
    total = sum(line.amount for line in lines)
    return ReceiptDocument(
        event_name=data["event_name"],
        venue=data["venue"],
        kiosk_id=sample_data()["kiosk_id"],
        series=data["series"],
        number=data["number"],
        issued_at=data["issued_at"],
        staff_name=data["staff_name"],
        lines=lines,
        total=total,
        payments=payments,
        tendered=data["tendered"],
        change=data["tendered"] - total,
        qr_payload=qr_payload,
        qr_caption=qr_caption,
    )


def sample_queue_ticket() -> QueueTicketDocument:
    """A sample queue ticket with a VietQR-shaped payload (synthetic account)."""
    return QueueTicketDocument(
        number="A017",
        name=sample_data()["person"]["full_name"],
        total=2_148_120,
        vietqr_payload=None,
    )


def sample_shift_report() -> ShiftReportDocument:
    """A sample closing (Z) shift report."""
    return ShiftReportDocument(
        title="Z",
        subtitle="Ki-ốt DEMO01 · Lê Minh Châu · 20/12/2024 07:30–11:30",
        rows=(
            ("Tiền mặt", 9_563_400),
            ("VietQR", 4_211_000),
            ("Thẻ", 0),
            ("Tổng cộng", 13_774_400),
        ),
    )
