"""Backends for the wizard tests: the real core on SQLite (CoreRecorder) and a pure fake (Recorder)."""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from kiosk.bootstrap import event_id_for
from kiosk.config import BankConfig, Config
from kiosk.domain.enums import Scheme, Sex, SupportGroup
from kiosk.domain.localtime import UTC
from kiosk.domain.money import round_dong
from kiosk.errors import KioskError
from kiosk.policy.engine import support_group_for
from kiosk.services.context import KioskContext
from kiosk.services.support_months import residence_province
from kiosk.store.db import Database
from resources import resource_path
from ui.selfservice.core_backend import checkout_vietqr, make_core_backend
from ui.selfservice.model import (
    MemberPlan,
    PersonInput,
    QuoteLineView,
    QuoteView,
    Registration,
    SelfServiceBackend,
)

BASE_SALARY = 2_340_000
POVERTY_LINE = 1_500_000
SHARES = (Decimal("1"), Decimal("0.7"), Decimal("0.6"), Decimal("0.5"), Decimal("0.4"))
TODAY = date(2026, 3, 2)
INCOME_STEP = 50_000  # the fake's rule (the real one is resources/policy income_rule)


def _provinces() -> set[str]:
    path = resource_path("provinces.csv")
    if not path.exists():
        path = resource_path("..", "..", "shared", "domain", "provinces.csv")
    if not path.exists():
        from pathlib import Path

        path = Path("/work/shared/domain/provinces.csv")
    with path.open(encoding="utf-8") as fh:
        return {row["code"] for row in csv.DictReader(fh)}


PROVINCES = _provinces()


def err(code: str, vi: str, en: str) -> KioskError:
    return KioskError(code, vi=vi, en=en)


def parse_date(text: str) -> date:
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    try:
        if m is None:
            raise ValueError
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        raise err(
            "date.invalid",
            "Ngày không hợp lệ, hãy nhập theo dạng ngày/tháng/năm.",
            "This date is not valid; type it as dd/mm/yyyy.",
        ) from None


def check_person(p: PersonInput) -> dict[str, KioskError]:
    out: dict[str, KioskError] = {}
    name = p.full_name.strip()
    if len(name.split()) < 2 or not all(ch.isalpha() or ch == " " for ch in name):
        out["full_name"] = err(
            "name.invalid",
            "Hãy nhập đầy đủ họ và tên bằng chữ cái.",
            "Type the full name in letters.",
        )
    born: date | None = None
    try:
        born = parse_date(p.birth_date)
        if born > TODAY:
            raise err(
                "date.future",
                "Ngày sinh không thể ở tương lai.",
                "The birth date cannot be in the future.",
            )
    except KioskError as e:
        out["birth_date"] = e
    if p.sex is None:
        out["sex"] = err("sex.missing", "Hãy chọn Nam hoặc Nữ.", "Choose male or female.")
    pid = p.personal_id.strip()
    if not re.fullmatch(r"\d{12}", pid):
        out["personal_id"] = err(
            "identity.length",
            "Số định danh phải có đúng 12 chữ số.",
            "The identity number must have exactly 12 digits.",
        )
    elif pid[:3] not in PROVINCES:
        out["personal_id"] = err(
            "identity.bad_province",
            "Ba số đầu không phải mã tỉnh.",
            "The first three digits are not a province code.",
        )
    elif born is not None and p.sex is not None:
        century = (born.year // 100 - 19) * 2 + (1 if p.sex == Sex.FEMALE else 0)
        if pid[3] != str(century) or pid[4:6] != f"{born.year % 100:02d}":
            out["personal_id"] = err(
                "identity.mismatch",
                "Số định danh không khớp với ngày sinh hoặc giới tính.",
                "The identity number does not match the birth date or sex.",
            )
    if p.phone.strip() and not re.fullmatch(r"0\d{9}", p.phone.strip()):
        out["phone"] = err(
            "phone.invalid",
            "Số điện thoại phải có 10 chữ số, bắt đầu bằng 0.",
            "The phone number must have 10 digits starting with 0.",
        )
    return out


def parse_scan(text: str) -> PersonInput:
    parts = text.strip().split("|")
    if len(parts) != 7 or not re.fullmatch(r"\d{8}", parts[3]):
        raise err(
            "scan.malformed",
            "Không đọc được mã QR trên thẻ căn cước.",
            "The ID card QR code could not be read.",
        )
    born = datetime.strptime(parts[3], "%d%m%Y").date()
    sex = Sex.FEMALE if parts[4] == "Nữ" else Sex.MALE
    return PersonInput(
        full_name=parts[2],
        birth_date=born.strftime("%d/%m/%Y"),
        sex=sex,
        personal_id=parts[0],
        old_id_number=parts[1],
        address=parts[5],
    )


# The fake's support shares (the real ones: resources/policy, Decree 159/2025 from 2025-07-01).
SUPPORT = {
    SupportGroup.POOR: Decimal("0.5"),
    SupportGroup.NEAR_POOR: Decimal("0.4"),
    SupportGroup.ETHNIC_MINORITY: Decimal("0.3"),
    SupportGroup.OTHER: Decimal("0.2"),
}


def monthly(income: int, on: date, group: SupportGroup = SupportGroup.OTHER) -> int:
    return round_dong(
        Decimal(income) * Decimal("0.22") - Decimal(POVERTY_LINE) * Decimal("0.22") * SUPPORT[group]
    )


def quote(members: Sequence[MemberPlan], on: date) -> QuoteView:
    lines = []
    position = 0
    for i, m in enumerate(members):
        if m.joins_bhyt and m.covered_reason:
            lines.append(
                QuoteLineView(
                    i, Scheme.BHYT_HOUSEHOLD, m.bhyt_months, 0, covered_reason=m.covered_reason
                )
            )
        elif m.joins_bhyt:
            share = SHARES[min(position, 4)]
            position += 1
            amount = round_dong(Decimal(BASE_SALARY) * Decimal("0.045") * share * m.bhyt_months)
            lines.append(QuoteLineView(i, Scheme.BHYT_HOUSEHOLD, m.bhyt_months, amount))
        if m.joins_voluntary:
            group = support_group_for(on, m.group or SupportGroup.OTHER, m.ethnicity or "Kinh")
            lines.append(
                QuoteLineView(
                    i,
                    Scheme.BHXH_VOLUNTARY,
                    m.voluntary_months,
                    monthly(m.income, on, group) * m.voluntary_months,
                    support_group=group,
                )
            )
    return QuoteView(tuple(lines), sum(line.amount for line in lines), "test-2024")


@dataclass
class Recorder:
    """The fake backend and what it was asked to do."""

    registered: list[tuple[MemberPlan, ...]] = field(default_factory=list)
    tickets: list[Registration] = field(default_factory=list)
    fail_register: KioskError | None = None

    def register(self, members: Sequence[MemberPlan]) -> Registration:
        if self.fail_register is not None:
            raise self.fail_register
        self.registered.append(tuple(members))
        q = quote(members, TODAY)
        return Registration(f"visit-{len(self.registered)}", 7 + len(self.registered), q.total)

    def backend(self) -> SelfServiceBackend:
        return SelfServiceBackend(
            parse_scan=parse_scan,
            check_person=check_person,
            quote=quote,
            register=self.register,
            vietqr_payload=lambda reg: f"VIETQR|{reg.visit_id}|{reg.total}",
            print_ticket=self.tickets.append,
            voluntary_monthly=monthly,
            income_bounds=lambda on: (POVERTY_LINE, 20 * BASE_SALARY),
            income_step=lambda on: INCOME_STEP,
            verify_pin=lambda pin: pin == "2468",
            today=lambda: TODAY,
        )


def cccd(pid: str, name: str, born: str, sex: str, address: str = "Buôn Ma Thuột, Đắk Lắk") -> str:
    """A CCCD QR string as the card holds it (born is ddMMyyyy)."""
    return f"{pid}||{name}|{born}|{sex}|{address}|01022021"


NOW = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam, 2 March 2026


@dataclass
class CoreRecorder:
    """The real core backend (SQLite, policy tables, CCCD parser) with in-test VietQR and ticket."""

    db: Database
    ctx: KioskContext
    bank: BankConfig
    registered: list[tuple[MemberPlan, ...]] = field(default_factory=list)
    results: list[Registration] = field(default_factory=list)
    tickets: list[Registration] = field(default_factory=list)
    fail_register: KioskError | None = None

    def backend(self) -> SelfServiceBackend:
        with self.db.read() as session:  # main.py passes the configured event's province
            province = residence_province(session, self.ctx)
        core = make_core_backend(
            self.db,
            self.ctx,
            verify_pin=lambda pin: pin == "2468",
            vietqr_payload=checkout_vietqr(self.db, self.ctx, self.bank),
            print_ticket=self.tickets.append,
            province=province,
        )

        def register(members: Sequence[MemberPlan]) -> Registration:
            if self.fail_register is not None:
                raise self.fail_register
            self.registered.append(tuple(members))
            result = core.register(members)
            self.results.append(result)
            return result

        return dataclasses.replace(core, register=register)


# VietQR refuses the shipped placeholder account ("0000000000000"): the tests' own account.
TEST_ACCOUNT = "0123456789012"


def core_recorder(db: Database, config: Config) -> CoreRecorder:
    ctx = KioskContext(
        config.kiosk.id, event_id_for(config), config.kiosk.receipt_series, clock=lambda: NOW
    )
    bank = config.bank
    if bank.account.strip("0") == "":
        bank = dataclasses.replace(bank, account=TEST_ACCOUNT)
    return CoreRecorder(db, ctx, bank)
