"""Province codes of birth registration (first 3 digits of the personal identification number)."""

from __future__ import annotations

import csv
from functools import lru_cache

from kiosk.domain.text import fold_accents
from resources import resource_path


@lru_cache(maxsize=1)
def provinces() -> dict[str, str]:
    """Code -> province name, from resources/provinces.csv (old codes stay valid after merger)."""
    with resource_path("provinces.csv").open(encoding="utf-8") as handle:
        return {row["code"]: row["province"] for row in csv.DictReader(handle)}


def province_name(code: str) -> str | None:
    return provinces().get(code)


def province_code_of(name: str) -> str | None:
    """The code of a province name ("Đắk Lắk" -> "066"), or None when it is not in the list."""
    key = fold_accents(name).replace("tinh ", "").replace("thanh pho ", "").strip()
    return next((code for code, n in provinces().items() if fold_accents(n) == key), None)
