"""The built-in synthetic sample person (resources/sample/sample_person.toml) as documents.

Every sample is marked "MẪU" (`sample=True`): `render --sample` and every printer test page
print these. None carries an identifier in a VSS format (see the sample file's header).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk import toml_read
from kiosk.domain.provisional import CONFIRMATION, sign_provisional
from kiosk.domain.words import amount_in_words, sentence_case
from kiosk.scan.health_card import HealthCardData, build_health_card_qr
from printing.documents.models import (
    BookletCoverDocument,
    CardDocument,
    DeclarationDocument,
    HouseholdMember,
    ProvisionalDocument,
    QueueTicketDocument,
    ReceiptDocument,
    ReceiptLine,
    ShiftReportDocument,
)
from resources import resource_path

SAMPLE_QR_PREFIX = "MAU"  # a sample receipt's QR says it is a sample, not a receipt


@cache
def sample_data() -> dict[str, Any]:
    """The parsed sample file."""
    return toml_read.loads(resource_path("sample", "sample_person.toml").read_text("utf-8"))


def sample_card() -> CardDocument:
    """The sample official card, with a synthetic QR in the card format (no VSS checksum)."""
    person, card = sample_data()["person"], sample_data()["card"]
    doc = CardDocument(
        card_code=card["card_code"],
        full_name=person["full_name"],
        birth_date=person["birth_date"],
        sex=person["sex"],
        facility_code=card["facility_code"],
        facility_name=card["facility_name"],
        valid_from=card["valid_from"],
        five_year_date=card["five_year_date"],
        issuing_place=card["issuing_place"],
        issue_date=card["issue_date"],
        qr_payload="",
        benefit_level=card["benefit_level"],
        sample=True,
    )
    payload = build_health_card_qr(
        HealthCardData(
            card_code=doc.card_code,
            full_name=doc.full_name,
            birth_date=doc.birth_date,
            sex="2" if doc.sex == "Nữ" else "1",
            address="",  # the current card's QR has none ("-")
            facility=doc.facility_code,
            valid_from=doc.valid_from,
            valid_to="",
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


def sample_provisional(
    key: Ed25519PrivateKey | None = None, kiosk_id: str = ""
) -> ProvisionalDocument:
    """The sample payment and registration confirmation, signed (a throwaway key by default)."""
    person, data = sample_data()["person"], sample_data()["provisional"]
    fields = {
        "t": CONFIRMATION,
        "n": person["full_name"],
        "b": person["birth_date"],
        "d": person["identity_number"],
        "a": data["amount"].replace(".", "").removesuffix(" đ"),
        "v": data["period"].replace(" – ", "-"),
        "r": data["receipt"],
        "i": data["issue_date"],
        "h": data["expires"],
        "m": "MẪU",  # a sample: `verify` shows it
    }
    signer = key or Ed25519PrivateKey.generate()
    payload = sign_provisional(fields, signer, kiosk_id or sample_data()["kiosk_id"])
    return ProvisionalDocument(
        issuer=data["issuer"],
        full_name=person["full_name"],
        birth_date=person["birth_date"],
        sex=person["sex"],
        identity_number=person["identity_number"],
        amount=data["amount"],
        receipt=data["receipt"],
        period=data["period"],
        card_from=data["card_from"],
        issue_date=data["issue_date"],
        expires=data["expires"],
        qr_payload=payload,
        sample=True,
    )


def sample_booklet() -> BookletCoverDocument:
    """The sample booklet cover: the identity number is the SI number (Letter 1804)."""
    person = sample_data()["person"]
    return BookletCoverDocument(
        si_number=person["identity_number"],
        full_name=person["full_name"],
        birth_date=person["birth_date"],
        sex=person["sex"],
        nationality=person["nationality"],
        identity_number=person["identity_number"],
        sample=True,
    )


def sample_declaration() -> DeclarationDocument:
    """The sample TK1-TS with a household of three, one covered elsewhere."""
    person, decl = sample_data()["person"], sample_data()["declaration"]
    card = sample_data()["card"]
    return DeclarationDocument(
        full_name=person["full_name"],
        birth_date=person["birth_date"],
        sex=person["sex"],
        nationality=person["nationality"],
        ethnicity=person["ethnicity"],
        address=person["address"],
        identity_number=person["identity_number"],
        phone=person["phone"],
        amount=decl["amount"],
        payment_mode=decl["payment_mode"],
        facility=f"{card['facility_code']} {card['facility_name']}",
        head_name=person["full_name"],
        head_identity=person["identity_number"],
        head_phone=decl["head_phone"],
        household_address=person["address"],
        members=tuple(HouseholdMember(**m) for m in decl["members"]),
        place_and_date=decl["place_and_date"],
        sample=True,
    )


def sample_receipt() -> ReceiptDocument:
    """The sample C45-BB receipt: household health insurance for two, one member covered."""
    person, data = sample_data()["person"], sample_data()["receipt"]
    lines = tuple(ReceiptLine(**line) for line in data["lines"])
    total = sum(line.amount for line in lines)
    return ReceiptDocument(
        agent_name=data["agent_name"],
        agent_code=data["agent_code"],
        symbol=data["symbol"],
        number=data["number"],
        issued_at=data["issued_at"],
        payer_name=person["full_name"],
        payer_si_number=person["identity_number"],
        payer_address=person["address"],
        lines=lines,
        total=total,
        total_words=sentence_case(amount_in_words(total)),
        collector=data["collector"],
        payment_methods=data["payment_methods"],
        verify_code=data["verify_code"],
        qr_payload=f"{SAMPLE_QR_PREFIX}|{data['symbol']}-{data['number']}|{total}",
        place=data["place"],
        sample=True,
    )


def sample_queue_ticket() -> QueueTicketDocument:
    """A sample queue ticket (no VietQR: the sample has no account)."""
    return QueueTicketDocument(
        number="A017",
        name=sample_data()["person"]["full_name"],
        total=2_148_120,
        vietqr_payload=None,
        sample=True,
    )


def sample_shift_report() -> ShiftReportDocument:
    """A sample closing (Z) shift report."""
    return ShiftReportDocument(
        title="Z",
        subtitle="Ki-ốt DEMO01 · Lê Minh Châu · 25/11/2026 07:30–11:30",
        rows=(
            ("Tiền mặt", 9_563_400),
            ("VietQR", 4_211_000),
            ("Thẻ", 0),
            ("Tổng cộng", 13_774_400),
        ),
        notes=("Trong đó xác nhận ngoài ca: 2 khoản (1.630.200 đ)",),
        sample=True,
    )
