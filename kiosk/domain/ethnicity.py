"""The 54 ethnic groups of Viet Nam (resources/ethnicities.csv) and who counts as a minority."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from kiosk.domain.text import fold_accents, nfc
from resources import resource_path

MAJORITY_CODE = "01"  # Kinh: every other group is an ethnic minority (Decree 05/2011 Art 4)


@dataclass(frozen=True)
class Ethnicity:
    """One group of the General Statistics Office list (Decision 121-TCTK/PPCĐ, 1979)."""

    code: str
    name: str
    other_names: tuple[str, ...]

    @property
    def minority(self) -> bool:
        return self.code != MAJORITY_CODE


def match_key(text: str) -> str:
    """How names are compared: no accents, case, spaces, hyphens or apostrophes ("Ê-đê" = "Êđê")."""
    return "".join(ch for ch in fold_accents(nfc(text)) if ch.isalnum())


@lru_cache(maxsize=1)
def ethnicities() -> tuple[Ethnicity, ...]:
    """All 54 groups in the list's order."""
    with resource_path("ethnicities.csv").open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return tuple(
        Ethnicity(
            code=row["code"],
            name=nfc(row["name"]),
            other_names=tuple(nfc(n).strip() for n in row["other_names"].split(";") if n.strip()),
        )
        for row in csv.DictReader(lines)
    )


@lru_cache(maxsize=1)
def _index() -> dict[str, Ethnicity]:
    """Key -> group: every official name first, then the other names that are not taken."""
    index = {match_key(e.name): e for e in ethnicities()}
    for group in ethnicities():
        for other in group.other_names:
            index.setdefault(match_key(other), group)
    return index


def find_ethnicity(text: str) -> Ethnicity | None:
    """The group a typed or scanned name means (official name, code "08" or another name)."""
    text = text.strip()
    if text.isdigit():
        return next((e for e in ethnicities() if e.code == text.zfill(2)), None)
    return _index().get(match_key(text)) if text else None


def is_ethnic_minority(text: str) -> bool | None:
    """True for the 53 minority groups, False for Kinh, None for a name not in the list."""
    found = find_ethnicity(text)
    return None if found is None else found.minority
