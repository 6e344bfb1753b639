"""VietQR (NAPAS, EMVCo merchant-presented) payloads: build, parse, CRC-16/CCITT-FALSE."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.errors import KioskError

if TYPE_CHECKING:
    from kiosk.config import BankConfig

NAPAS_AID = "A000000727"
SERVICE_ACCOUNT = "QRIBFTTA"
SERVICE_CARD = "QRIBFTTC"
# NAPAS limits the purpose (field 62/08) to 25 characters; we keep it printable ASCII (no
# diacritics) so every bank app shows it and the statement carries it unchanged.
PURPOSE_MAX = 25
AMOUNT_MAX_DIGITS = 13  # field 54 carries at most 13 characters
ACCOUNT_MAX = 19  # account or card number (PAN) length limit
_PURPOSE_CHARS = frozenset(chr(c) for c in range(0x20, 0x7F))  # ASCII printable


class VietQRError(KioskError):
    """A payload that cannot be built or read."""


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def _tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise VietQRError(
            "vietqr.too_long", vi=f"Trường {tag} quá dài.", en=f"Field {tag} is too long."
        )
    return f"{tag}{len(value):02d}{value}"


@dataclass(frozen=True)
class VietQR:
    """The parts of a VietQR payload the kiosk uses."""

    bin: str
    account: str
    amount: int | None = None
    purpose: str = ""
    card: bool = False
    bill_number: str = ""  # 62/01, e.g. an invoice number ("NPS6869" in NAPAS's example)

    def payload(self) -> str:
        """The EMVCo string in NAPAS's canonical field order, with its CRC."""
        _check(self)
        beneficiary = _tlv("00", self.bin) + _tlv("01", self.account)
        merchant = (
            _tlv("00", NAPAS_AID)
            + _tlv("01", beneficiary)
            + _tlv("02", SERVICE_CARD if self.card else SERVICE_ACCOUNT)
        )
        body = _tlv("00", "01") + _tlv("01", "12" if self.amount is not None else "11")
        body += _tlv("38", merchant) + _tlv("53", "704")
        if self.amount is not None:
            body += _tlv("54", str(self.amount))
        body += _tlv("58", "VN")
        additional = (_tlv("01", self.bill_number) if self.bill_number else "") + (
            _tlv("08", self.purpose) if self.purpose else ""
        )
        if additional:
            body += _tlv("62", additional)
        body += "6304"
        return body + f"{crc16_ccitt_false(body.encode('ascii')):04X}"


def build_payload(
    bin: str,
    account: str,
    amount: int | None = None,
    purpose: str = "",
    card: bool = False,
    bill_number: str = "",
) -> str:
    """Shortcut: the payload for a bank account (or card number) with optional amount/purpose."""
    return VietQR(bin, account, amount, purpose, card, bill_number).payload()


def _check(qr: VietQR) -> None:
    if not (qr.bin.isascii() and qr.bin.isdigit() and len(qr.bin) == 6):
        raise VietQRError(
            "vietqr.bad_bin",
            vi=f"Mã BIN ngân hàng phải đúng 6 chữ số (đang là “{qr.bin}”).",
            en=f"The bank BIN must be exactly 6 digits (got {qr.bin!r}).",
        )
    limit = ACCOUNT_MAX
    if not (qr.account.isascii() and qr.account.isalnum() and 0 < len(qr.account) <= limit):
        raise VietQRError(
            "vietqr.bad_account",
            vi=f"Số tài khoản/thẻ phải là 1–{limit} chữ hoặc số.",
            en=f"The account or card number must be 1-{limit} letters or digits.",
        )
    amount_ok = isinstance(qr.amount, int) and not isinstance(qr.amount, bool)
    if qr.amount is not None and not (amount_ok and 0 < qr.amount < 10**AMOUNT_MAX_DIGITS):
        raise VietQRError(
            "vietqr.bad_amount",
            vi="Số tiền phải là số nguyên dương (tối đa 13 chữ số).",
            en="The amount must be a positive whole number (at most 13 digits).",
        )
    if len(qr.bill_number) > PURPOSE_MAX or not set(qr.bill_number) <= _PURPOSE_CHARS:
        raise VietQRError(
            "vietqr.bad_bill_number",
            vi=f"Số hóa đơn tối đa {PURPOSE_MAX} ký tự, không dấu.",
            en=f"The bill number is at most {PURPOSE_MAX} ASCII characters.",
        )
    if len(qr.purpose) > PURPOSE_MAX or not set(qr.purpose) <= _PURPOSE_CHARS:
        raise VietQRError(
            "vietqr.bad_purpose",
            vi=f"Nội dung chuyển khoản tối đa {PURPOSE_MAX} ký tự ASCII in được, không dấu.",
            en=f"The purpose is at most {PURPOSE_MAX} printable ASCII characters (no diacritics).",
        )


def parse_payload(text: str) -> dict[str, object]:
    """Check the CRC and structure; returns the fields (nested ones as dicts), tags as keys."""
    value = text.strip()
    if len(value) < 8 or not value.isascii() or value[-8:-4] != "6304":
        raise _malformed("thiếu trường CRC 63", "the CRC field 63 is missing")
    expected = f"{crc16_ccitt_false(value[:-4].encode('ascii')):04X}"
    if value[-4:].upper() != expected:
        raise VietQRError(
            "vietqr.bad_crc",
            vi=f"Mã kiểm tra CRC sai ({value[-4:]}, đúng ra là {expected}): mã QR bị hỏng.",
            en=f"Bad CRC ({value[-4:]}, expected {expected}): the QR payload is damaged.",
        )
    fields = _read_tlv(value[:-8])
    if next(iter(fields), None) != "00" or fields["00"] != "01":
        raise _malformed("trường 00 phải là 01 và đứng đầu", "field 00 must come first and be 01")
    fields["63"] = value[-4:]
    for tag in ("38", "62"):
        if tag in fields:
            inner = _read_tlv(str(fields[tag]))
            if tag == "38" and "01" in inner:
                inner["01"] = _read_tlv(str(inner["01"]))
            fields[tag] = inner
    return fields


def _read_tlv(text: str) -> dict[str, object]:
    fields: dict[str, object] = {}
    i = 0
    while i < len(text):
        tag, size = text[i : i + 2], text[i + 2 : i + 4]
        if len(tag) < 2 or len(size) < 2 or not size.isdigit() or not tag.isdigit():
            raise _malformed(f"trường hỏng ở vị trí {i}", f"broken field at position {i}")
        end = i + 4 + int(size)
        if end > len(text):
            raise _malformed(f"trường {tag} bị cắt ngắn", f"field {tag} is truncated")
        fields[tag] = text[i + 4 : end]
        i = end
    return fields


def _malformed(vi: str, en: str) -> VietQRError:
    return VietQRError(
        "vietqr.malformed",
        vi=f"Mã VietQR không hợp lệ: {vi}.",
        en=f"Not a valid VietQR payload: {en}.",
    )


# The shipped configuration's placeholder account (kiosk/config_template.py) and its kin.
def is_placeholder_account(account: str) -> bool:
    """True for the default "0000000000000" and other non-accounts (one digit repeated)."""
    digits = account.strip()
    return not digits or bool(re.fullmatch(r"(\d)\1*", digits)) or digits == "123456789"


def require_real_bank_account(bank: BankConfig) -> None:
    """Refuse VietQR while [bank] still holds the placeholder: attendees must never be shown a
    QR to pay into "0000000000000" (their transfer would go nowhere, or to a stranger)."""
    if is_placeholder_account(bank.account):
        raise KioskError(
            "vietqr.account_not_configured",
            vi="Chưa cấu hình tài khoản nhận chuyển khoản VietQR. Xin mời thanh toán tại bàn "
            "thu; nhân viên cần điền mục [bank] trong tệp cấu hình.",
            en="The VietQR receiving account is not configured. Please pay at the desk; staff "
            "must fill in [bank] in the configuration file.",
        )
