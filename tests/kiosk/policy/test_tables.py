"""The policy file: sources and UNVERIFIED notes on every row, and the tables of each date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import kiosk.policy.tables as tables
from kiosk.domain.enums import SupportGroup
from kiosk.errors import KioskError
from kiosk.policy.engine import covered_reasons, quote_household, quote_voluntary
from kiosk.policy.tables import Amount, load_book, policy_on, unverified_rows


def test_unverified_rows_are_listed_with_their_notes() -> None:
    """Rows not confirmed in the act are listed for the README, each with what is missing."""
    rows = unverified_rows()
    assert any(
        r.startswith("income_rule 2026-04-29: UNVERIFIED whether Decision 366") for r in rows
    )
    assert any(r.startswith("voluntary 2025-07-01:") for r in rows)
    assert all(r.split(": ", 1)[1].strip() for r in rows)


def test_an_unverified_row_without_a_note_is_refused(tmp_path: Path) -> None:
    """verified = false needs a note saying what was not confirmed (policy.bad_file)."""
    text = tables.POLICY_FILE.read_text(encoding="utf-8").replace(
        'source = "Nghị định 38/2019/NĐ-CP Điều 3"',
        'source = "Nghị định 38/2019/NĐ-CP Điều 3"\nverified = false',
    )
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KioskError) as err:
        load_book(path)
    assert err.value.code == "policy.bad_file" and err.value.params["key"] == "base_salary.note"


@pytest.mark.parametrize(
    ("on", "base", "ceiling", "floor", "other_share"),
    [
        (date(2025, 6, 30), 2_340_000, 46_800_000, 1_500_000, "0.10"),  # Law 58/2014, Decree 134
        (date(2025, 7, 1), 2_340_000, 46_800_000, 1_500_000, "0.20"),  # Law 41/2024, Decree 159
        (date(2026, 6, 30), 2_340_000, 46_800_000, 1_500_000, "0.20"),
        (date(2026, 7, 1), 2_530_000, 50_600_000, 1_500_000, "0.20"),  # Decree 161/2026
        (date(2026, 12, 31), 2_530_000, 50_600_000, 1_500_000, "0.20"),
        (date(2027, 1, 1), 2_530_000, 50_600_000, 2_200_000, "0.20"),  # Decree 351/2025
    ],
)
def test_change_dates_switch_on_the_day(
    on: date, base: int, ceiling: int, floor: int, other_share: str
) -> None:
    """2025-07-01, 2026-07-01 and 2027-01-01 each switch their table on that very day."""
    policy = policy_on(on)
    assert (policy.base_salary.vnd, policy.income_ceiling, policy.income_floor) == (
        base,
        ceiling,
        floor,
    )
    assert policy.voluntary.support[SupportGroup.OTHER] == Decimal(other_share)


def test_reference_level_is_its_own_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """From 2025-07-01 the voluntary ceiling is 20 × the reference level (version "/rl…");
    were it set apart (3,000,000), voluntary SI follows it while health insurance keeps the
    base salary: ceiling 60,000,000, household 1,366,200 a year unchanged."""
    assert "/rl" not in policy_on(date(2025, 6, 30)).version
    assert policy_on(date(2025, 7, 1)).version.endswith("/rl2025-07-01")
    book = load_book()
    apart = Amount(date(2026, 7, 1), 3_000_000, "mẫu")
    monkeypatch.setattr(
        "kiosk.policy.tables.load_book",
        lambda path=None: replace(book, reference_level=(*book.reference_level[:1], apart)),
    )
    on = date(2026, 7, 1)
    assert policy_on(on).income_ceiling == 60_000_000
    assert quote_voluntary(60_000_000, SupportGroup.OTHER, 1, on).total == 13_200_000 - 66_000
    assert quote_household(1, 12, on).total == 1_366_200


def test_covered_reasons_have_both_languages_and_a_source() -> None:
    """The reasons the screens offer: children under 6, pupils, poor, near-poor, pensioners,
    social-pension holders, employees, other schemes; each with vi, en and a legal source."""
    reasons = covered_reasons(date(2026, 11, 25))
    assert [r.code for r in reasons] == [
        "child_under_6",
        "pupil_student",
        "poor",
        "near_poor",
        "pensioner",
        "social_pension",
        "employee",
        "other_scheme",
    ]
    assert all(r.vi and r.en and "Luật" in r.source for r in reasons)
