"""`kiosk quote` for the fiscal-year ladder, ethnicity, income steps and back payment."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main

BACK10 = ["--income", "1500000", "--months", "10", "--mode", "back"]


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["quote", *args, "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_already_paid_members_shift_the_positions(capsys: pytest.CaptureFixture[str]) -> None:
    """K = 1 paid this year: the 2 new members are 2nd and 3rd (956,340 + 819,720)."""
    args = ["bhyt-household", "--members", "2", "--already-paid", "1", "--months", "12"]
    data = _json([*args, "--on", "2026-11-25"], capsys)
    lines = data["lines"]
    assert isinstance(lines, list)
    assert [(x["position"], x["amount"]) for x in lines] == [(2, 956_340), (3, 819_720)]
    assert data["total"] == 1_776_060


def test_negative_already_paid_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """--already-paid -1 exits 2 with one line saying it cannot be negative."""
    args = ["bhyt-household", "--members", "1", "--already-paid", "-1", "--months", "12"]
    assert main(["--lang", "en", "quote", *args, "--on", "2026-11-25"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot be negative" in err[0]


def test_ethnicity_lifts_the_group(capsys: pytest.CaptureFixture[str]) -> None:
    """--ethnicity "Ê Đê" with the default group quotes the 30 % share: 6 × 561,000."""
    base = ["bhxh-voluntary", "--income", "3000000", "--months", "6", "--on", "2025-07-01"]
    assert _json([*base, "--ethnicity", "Ê Đê"], capsys)["total"] == 3_366_000
    assert _json(base, capsys)["total"] == 3_564_000


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--income", "3020000", "--months", "1"], "Nearest allowed: 3,000,000 or 3,050,000"),
        (["--income", "1500000", "--months", "1", "--ethnicity", "Martian"], "54 ethnic groups"),
        (
            ["--income", "1500000", "--months", "2", "--mode", "back", "--sex", "male"],
            "--birth-date, --sex and --contributed-months together",
        ),
        (
            [*BACK10, "--birth-date", "1975-05-01", "--sex", "male", "--contributed-months", "170"],
            "not reached it",
        ),
        (
            [*BACK10, "--birth-date", "1960-01-15", "--sex", "male", "--contributed-months", "170"],
            "No fund monthly return rate for 2025",
        ),
        (["--income", "1500000", "--months", "12", "--mode", "advance"], "24, 36, 48, 60"),
    ],
)
def test_voluntary_rules_refuse_with_one_line(
    extra: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Off-step income, unknown ethnicity, incomplete or ineligible back payment, missing
    rate and a 1-year advance each exit 2 with a line that says why."""
    args = ["--lang", "en", "quote", "bhxh-voluntary", *extra, "--on", "2026-11-25"]
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and fragment in err[0]
