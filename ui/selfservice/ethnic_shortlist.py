"""The ethnic groups the wizard offers first after Kinh: the largest groups of the event's
province, else of the country (a shortcut; every one of the 54 is one search away)."""

from __future__ import annotations

from kiosk.domain.ethnicity import find_ethnicity

SHORTLIST_SIZE = 8

# The eight largest ethnic minorities of Viet Nam by the 2019 census (Tổng cục Thống kê, "Kết quả
# toàn bộ Tổng điều tra dân số và nhà ở năm 2019", 2020): Tày 1,845,492; Thái 1,820,950;
# Mường 1,452,095; Mông 1,393,547; Khmer 1,319,652; Nùng 1,083,298; Dao 891,151; Hoa 749,466.
# UNVERIFIED: figures not checked against the GSO table itself (order only matters here).
NATIONAL_SHORTLIST = ("Tày", "Thái", "Mường", "Mông", "Khmer", "Nùng", "Dao", "Hoa")

# Per province (3-digit code of resources/provinces.csv), largest first. Đắk Lắk: Ê Đê 351,278
# people, 18.79 % of the province (2019 census, from a secondary copy of the GSO results); the
# order of the others is UNVERIFIED (from secondary descriptions of the province's population:
# Nùng, Tày, Mnông, Mông, Dao, Thái, Gia Rai). A province not listed gets the national list.
# Data to move to resources/ with a population column (asked of the lead).
BY_PROVINCE: dict[str, tuple[str, ...]] = {
    "066": ("Ê Đê", "Nùng", "Tày", "Mnông", "Mông", "Dao", "Thái", "Gia Rai"),
}


def shortlist(province_code: str | None) -> tuple[str, ...]:
    """The groups to offer after Kinh for an event in `province_code` (the list's spelling)."""
    names = BY_PROVINCE.get(province_code or "", NATIONAL_SHORTLIST)
    found = (find_ethnicity(name) for name in names)
    return tuple(g.name for g in found if g is not None and g.minority)[:SHORTLIST_SIZE]
