"""The 54 ethnic groups: codes, the spellings people type, and who is a minority."""

from __future__ import annotations

import pytest

from kiosk.domain.ethnicity import ethnicities, find_ethnicity, is_ethnic_minority, match_key


def test_the_list_has_54_groups_with_codes_01_to_54() -> None:
    """Decision 121-TCTK/PPCĐ: 54 groups, codes 01…54 in order, Kinh first and the majority."""
    groups = ethnicities()
    assert [g.code for g in groups] == [f"{i:02d}" for i in range(1, 55)]
    assert groups[0].name == "Kinh" and not groups[0].minority
    assert sum(g.minority for g in groups) == 53


def test_no_spelling_points_to_two_groups() -> None:
    """Every name and other name, compared without accents and hyphens, means one group."""
    seen: dict[str, str] = {}
    for group in ethnicities():
        for name in (group.name, *group.other_names):
            assert seen.setdefault(match_key(name), group.code) == group.code, name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Ê Đê", "12"),
        ("Ê-đê", "12"),
        ("êđê", "12"),
        ("H'Mông", "08"),
        ("Mông", "08"),
        ("Khơ-me", "05"),
        ("Thổ", "24"),
        ("Lào", "37"),
        ("8", "08"),
        ("Việt", "01"),
    ],
)
def test_typed_and_scanned_spellings_are_found(text: str, code: str) -> None:
    """The spellings staff type or cards carry find their group."""
    found = find_ethnicity(text)
    assert found is not None and found.code == code


def test_minority_or_unknown() -> None:
    """Kinh is not a minority, Thái is, and a name outside the list is unknown (None)."""
    assert is_ethnic_minority("Kinh") is False
    assert is_ethnic_minority("Thái") is True
    assert is_ethnic_minority("Martian") is None and find_ethnicity("") is None
