"""A person being registered, before anything is stored: checks every field at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from kiosk.domain.enums import Sex
from kiosk.domain.identity import (
    IdentityError,
    validate_legacy_si_code,
    validate_old_id,
    validate_personal_id,
)
from kiosk.domain.inputs import InputError, normalize_name, normalize_phone, validate_birth_date
from kiosk.domain.text import nfc
from kiosk.errors import KioskError


@dataclass(frozen=True)
class PersonDraft:
    """What the screens collect about one person (empty strings for "not given")."""

    full_name: str = ""
    birth_date: date | None = None
    sex: Sex | None = None
    personal_id: str = ""
    old_id_number: str = ""
    legacy_si_code: str = ""
    ethnicity: str = ""  # "" = not asked: never stored or reported as Kinh on nobody's word
    phone: str = ""
    address: str = ""
    province: str = ""
    issue_date: date | None = None  # of the CCCD card, when scanned

    def validate(self, today: date | None = None) -> list[KioskError]:
        """Every problem of the draft (empty when it can be stored); each error has `.field`."""
        today = today or date.today()
        problems: list[KioskError] = []

        def check(field: str, fn: object) -> None:
            try:
                fn()  # type: ignore[operator]
            except KioskError as err:
                if not hasattr(err, "field") or err.field != field:
                    err.field = field  # type: ignore[attr-defined]
                problems.append(err)

        check("full_name", lambda: normalize_name(self.full_name))
        if self.birth_date is None:
            problems.append(_missing("birth_date", "ngày sinh", "date of birth"))
        else:
            birth = self.birth_date
            check("birth_date", lambda: validate_birth_date(birth, today))
        if self.sex is None:
            problems.append(_missing("sex", "giới tính", "sex"))
        if self.personal_id:
            check(
                "personal_id",
                lambda: validate_personal_id(self.personal_id, self.birth_date, self.sex),
            )
        if self.old_id_number:
            check("old_id_number", lambda: validate_old_id(self.old_id_number))
        if self.legacy_si_code:
            check("legacy_si_code", lambda: validate_legacy_si_code(self.legacy_si_code))
        if self.phone:
            check("phone", lambda: normalize_phone(self.phone))
        if len(self.address) > 300:
            problems.append(
                InputError(
                    "address", "address.too_long", "Địa chỉ quá dài.", "The address is too long."
                )
            )
        return problems

    def errors_by_field(self, today: date | None = None) -> dict[str, KioskError]:
        """The first problem of each field, for messages under the fields."""
        result: dict[str, KioskError] = {}
        for err in self.validate(today):
            result.setdefault(getattr(err, "field", ""), err)
        return result

    def normalized(self) -> PersonDraft:
        """The same draft with every text in its stored form (call after validate() is empty)."""
        return replace(
            self,
            full_name=normalize_name(self.full_name),
            personal_id="".join(self.personal_id.split()),
            phone=normalize_phone(self.phone) if self.phone else "",
            address=" ".join(nfc(self.address).split()),
            ethnicity=" ".join(nfc(self.ethnicity).split()),
        )


def _missing(field: str, vi: str, en: str) -> InputError:
    return InputError(field, f"{field}.missing", f"Chưa nhập {vi}.", f"The {en} is missing.")


__all__ = ["IdentityError", "InputError", "PersonDraft"]
