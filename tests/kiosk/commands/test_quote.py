"""The `kiosk quote` contract: JSON with total, lines and policy version; exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.policy.engine import quote_household
from tests.kiosk.commands.english import vietnamese_letters


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


HOUSEHOLD = ["quote", "bhyt-household", "--members", "3", "--months", "12", "--on", "2026-07-01"]


def test_table_in_english_with_lang_after_the_arguments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--lang en` after the command's arguments: every line of the table is English (the
    engine's English descriptions, "Total"), amounts in đồng as everywhere."""
    assert main([*HOUSEHOLD, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    version = quote_household(3, 12, date(2026, 7, 1)).policy_version
    rule = "-" * 64
    assert out.splitlines() == [
        f"Payment date: 01/07/2026   Policy: {version}",
        rule,
        "Household health insurance, member 1, 12 months      1.366.200 đ",
        "Household health insurance, member 2, 12 months        956.340 đ",
        "Household health insurance, member 3, 12 months        819.720 đ",
        rule,
        "Total                                                3.142.260 đ",
    ]
    assert vietnamese_letters(out) == []


def test_table_in_vietnamese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --lang the same table is Vietnamese, line for line."""
    assert main(HOUSEHOLD) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Ngày đóng: 01/07/2026   Chính sách: bs2026-07-01/")
    assert lines[2] == "BHYT hộ gia đình, người thứ 1, 12 tháng      1.366.200 đ"
    assert lines[-1] == "Tổng cộng                                    3.142.260 đ"


def test_quote_leaves_no_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A quote needs no data folder: KIOSK_DATA_DIR (tests/conftest.py) is not created, nor the
    printer library's cache in it."""
    data = tmp_path / "data"
    assert not data.exists()
    assert main([*HOUSEHOLD, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 3_142_260
    assert not data.exists()
