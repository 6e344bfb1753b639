"""The `kiosk quote` contract: JSON with total, lines and policy version; exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kiosk.cli import main


def test_household_json(capsys: pytest.CaptureFixture[str]) -> None:
    """Three members for 12 months on 2026-07-01 cost 3,142,260 đồng."""
    assert (
        main(
            [
                "quote",
                "bhyt-household",
                "--members",
                "3",
                "--months",
                "12",
                "--on",
                "2026-07-01",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 3_142_260
    assert [x["amount"] for x in data["lines"]] == [1_366_200, 956_340, 819_720]
    assert data["policy_version"].startswith("bs2026-07-01/")


def test_voluntary_json_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    """An ethnic-minority member at the floor pays 231,000; the table is in Vietnamese."""
    args = [
        "quote",
        "bhxh-voluntary",
        "--income",
        "1500000",
        "--group",
        "ethnic-minority",
        "--months",
        "1",
        "--on",
        "2026-03-01",
    ]
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 231_000
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Tổng cộng" in out and "231.000 đ" in out and "người dân tộc thiểu số" in out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["bhyt-household", "--members", "2", "--months", "4"], "allowed: 3, 6, 12 months"),
        (["bhyt-household", "--members", "0", "--months", "12"], "at least 1"),
        (
            ["bhxh-voluntary", "--income", "900000", "--group", "other", "--months", "1"],
            "below the minimum",
        ),
        (
            ["bhxh-voluntary", "--income", "1500000", "--group", "rich", "--months", "1"],
            "choose one of: poor",
        ),
        (
            ["bhyt-household", "--members", "2", "--months", "12", "--on", "2019-01-01"],
            "tables start on 2019-07-01",
        ),
        (
            ["bhyt-household", "--members", "2", "--months", "12", "--on", "25/11/2026"],
            "YYYY-MM-DD",
        ),
    ],
)
def test_invalid_input_exits_2_with_one_line(
    args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each bad request exits 2 with one stderr line that says what is wrong and what is allowed."""
    on = [] if "--on" in args else ["--on", "2026-11-25"]
    assert main(["--lang", "en", "quote", *args, *on, "--json"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and captured.out == ""


def test_module_entry_point() -> None:
    """`python -m kiosk quote ...` works as a separate process."""
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk",
            "quote",
            "bhyt-household",
            "--members",
            "1",
            "--months",
            "12",
            "--on",
            "2024-07-01",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout)["total"] == 1_263_600
