"""The dossier's procedures and code lists, read once from resources/dossier/codes.toml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kiosk.domain.enums import Scheme, Sex
from kiosk.toml_read import loads
from resources import resource_path

CODES_FILE = resource_path("dossier", "codes.toml")


@dataclass(frozen=True)
class Procedure:
    """One VSS procedure: its code and name, the forms its dossier holds, where it is written."""

    scheme: Scheme
    code: str
    code_verified: bool
    name: str
    folder: str
    forms: tuple[str, ...]
    required: tuple[str, ...]


@dataclass(frozen=True)
class FormInfo:
    """A form's code (MaToKhai, also its root element), its file name and description."""

    code: str
    file: str
    description: str


@dataclass(frozen=True)
class Codes:
    """Every code the forms write; codes.toml cites the source (or UNVERIFIED) of each."""

    procedures: dict[Scheme, Procedure]
    forms: dict[str, FormInfo]
    sex: dict[Sex, str]
    nationality: dict[str, str]
    voluntary_mode: dict[str, str]
    household_group_code: str
    household_group_name: str
    household_state_share: str
    change_new: str
    change_renewal: str
    head_document: str
    papers_list_name: str
    receipt_kind: str


@lru_cache(maxsize=1)
def codes() -> Codes:
    """The shipped code lists (a broken file is a packaging bug, so it raises plainly)."""
    data: dict[str, Any] = loads(CODES_FILE.read_text(encoding="utf-8"))
    procedures = {
        Scheme(key): Procedure(
            scheme=Scheme(key),
            code=row["code"],
            code_verified=bool(row["code_verified"]),
            name=row["name"],
            folder=row["folder"],
            forms=tuple(row["forms"]),
            required=tuple(row["required"]),
        )
        for key, row in data["procedures"].items()
    }
    forms = {
        name: FormInfo(name, row["file"], row["description"]) for name, row in data["forms"].items()
    }
    for procedure in procedures.values():
        missing = set(procedure.forms) - set(forms)
        if missing or not set(procedure.required) <= set(procedure.forms):
            raise ValueError(f"{CODES_FILE}: procedure {procedure.code} names unknown forms")
    return Codes(
        procedures=procedures,
        forms=forms,
        sex={Sex.MALE: data["sex"]["male"], Sex.FEMALE: data["sex"]["female"]},
        nationality=dict(data["nationality"]),
        voluntary_mode=dict(data["voluntary_mode"]),
        household_group_code=data["household_list"]["group_code"],
        household_group_name=data["household_list"]["group_name"],
        household_state_share=data["household_list"]["state_share_percent"],
        change_new=data["change"]["new"],
        change_renewal=data["change"]["renewal"],
        head_document=data["head_document"]["personal_id"],
        papers_list_name=data["papers"]["list_name"],
        receipt_kind=data["papers"]["receipt_kind"],
    )
