"""The health insurance card QR: 16 fields (Decision 1666/QĐ-BHXH) or the legacy 14, ending |$.

Sources: the 16-field order is in /work/shared/domain/RULES.md (a real 2023 card). The legacy
14-field card (2016-2020) is known from a hospital kiosk's comment quoting a real 2017 card,
github.com/nguyenkimnam1002/kiotkhambenh_vpc L1_Mini/.../BVDAKHOA_Kios.cs: code|name hex|dd/MM/yyyy|
sex|address hex|"01 - 043"|from|to|issued|management code|"-"|"4"|five-year date|checksum|$.
Its first 14 fields are read with the names of the 16-field layout; field 11 held "4" there,
which does not look like a residence-area code (K1/K2/K3): its meaning is UNVERIFIED.
"""

from __future__ import annotations

import binascii
from dataclasses import dataclass, fields

from kiosk.domain.text import nfc
from kiosk.errors import KioskError

HEX_FIELDS = {"full_name", "address", "parent_name", "issuing_place"}
MAX_LENGTH = 2000
LEGACY_FIELDS = 14  # 2016 cards: no benefit level, no issuing place


@dataclass(frozen=True)
class HealthCardData:
    """All 16 fields, text decoded; "" where the card has "-" (empty)."""

    card_code: str
    full_name: str
    birth_date: str  # dd/MM/yyyy as printed (may be a year only)
    sex: str  # "1" male, "2" female
    address: str
    facility: str  # "PP - CCC"
    valid_from: str
    valid_to: str
    issue_date: str
    management_code: str
    parent_name: str
    residence_area: str
    five_year_date: str
    checksum: str  # VSS's own; copied from the official record, never computed here
    benefit_level: str
    issuing_place: str


def parse_health_card_qr(text: str, *, allow_legacy: bool = False) -> HealthCardData:
    """Read the card QR; anything that is not 16 well-formed fields gives scan.card_malformed.

    With `allow_legacy` a 14-field card is read too (its last two fields stay "")."""
    if not isinstance(text, str) or len(text) > MAX_LENGTH:
        raise _bad("quá dài", "too long")
    value = text.strip("\r\n\t ")
    if not value.endswith("|$"):
        raise _bad("thiếu dấu kết thúc |$ (đọc thiếu)", "missing the closing |$ (truncated)")
    parts = value[:-2].split("|")
    names = [f.name for f in fields(HealthCardData)]
    if allow_legacy and len(parts) == LEGACY_FIELDS:
        names = names[:LEGACY_FIELDS]
    if len(parts) != len(names):
        raise _bad(f"có {len(parts)} trường thay vì 16", f"has {len(parts)} fields instead of 16")
    decoded = {"benefit_level": "", "issuing_place": ""}
    for name, raw in zip(names, parts, strict=True):
        if raw == "-":
            decoded[name] = ""
        elif name in HEX_FIELDS:
            decoded[name] = _unhex(name, raw)
        else:
            if any(ord(c) < 32 for c in raw):
                raise _bad(
                    f"trường {name} có ký tự điều khiển", f"field {name} has control characters"
                )
            decoded[name] = raw
    return HealthCardData(**decoded)


def build_health_card_qr(data: HealthCardData) -> str:
    """The card QR text for an official record, in exactly the format parse_health_card_qr reads."""
    out = []
    for f in fields(HealthCardData):
        value = getattr(data, f.name)
        if value == "":
            out.append("-")
        elif f.name in HEX_FIELDS:
            out.append(nfc(value).encode("utf-8").hex())
        else:
            if "|" in value:
                raise ValueError(f"{f.name} cannot contain '|'")
            out.append(value)
    return "|".join(out) + "|$"


def _unhex(name: str, raw: str) -> str:
    try:
        return nfc(binascii.unhexlify(raw).decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise _bad(
            f"trường {name} không phải hex UTF-8", f"field {name} is not UTF-8 hex"
        ) from None


def _bad(vi: str, en: str) -> KioskError:
    return KioskError(
        "scan.card_malformed",
        vi=f"Mã QR thẻ BHYT không hợp lệ: {vi}. Xin quét lại.",
        en=f"The health card QR is not valid: {en}. Scan again.",
    )
