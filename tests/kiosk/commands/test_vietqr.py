"""`kiosk vietqr`: payloads on stdout, fields as JSON, one clear stderr line and exit 2 otherwise."""

from __future__ import annotations

import json

import pytest

from kiosk.cli import main

DYNAMIC = (
    "00020101021238570010A00000072701270006970403011300110123456780208QRIBFTTA530370454061800005802VN"
    "62340107NPS68690819thanh toan don hang63042E2E"
)


def test_build_and_parse(capsys: pytest.CaptureFixture[str]) -> None:
    """The dynamic NAPAS vector from flags, then parsed back to its fields."""
    assert (
        main(
            [
                "vietqr",
                "--bin",
                "970403",
                "--account",
                "0011012345678",
                "--amount",
                "180000",
                "--purpose",
                "thanh toan don hang",
                "--bill",
                "NPS6869",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.strip() == DYNAMIC
    assert main(["vietqr", "--parse", DYNAMIC]) == 0
    fields = json.loads(capsys.readouterr().out)
    assert fields["54"] == "180000" and fields["38"]["01"]["00"] == "970403"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--bin", "9704", "--account", "1"], "exactly 6 digits"),
        (["--bin", "970403", "--account", "1", "--amount", "18o000"], "positive whole number"),
        (["--bin", "970403", "--account", "1", "--purpose", "x" * 30], "at most 25"),
        (["--parse", DYNAMIC[:-1] + "F"], "Bad CRC"),
    ],
)
def test_bad_input_exits_2(
    args: list[str], fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown BIN length, non-digit amount, long purpose and bad CRC: exit 2, one line."""
    assert main(["--lang", "en", "vietqr", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and fragment in err[0]


def test_card_payload_and_vietnamese_errors(capsys: pytest.CaptureFixture[str]) -> None:
    """--card gives the NAPAS card vector; errors are in Vietnamese by default; missing
    --bin/--account is one line too."""
    card = "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52"
    assert main(["vietqr", "--bin", "970403", "--account", "9704031101234567", "--card"]) == 0
    assert capsys.readouterr().out.strip() == card
    assert main(["vietqr", "--bin", "97040A", "--account", "1"]) == 2
    assert (
        capsys.readouterr().err.strip() == "Mã BIN ngân hàng phải đúng 6 chữ số (đang là “97040A”)."
    )
    assert main(["vietqr", "--amount", "5"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
