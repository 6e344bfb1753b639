"""`kiosk demo`: the day's summary in the language asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.kiosk.commands.english import vietnamese_letters


def test_demo_summary_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`demo ... --lang en`: the counts, each payment method by its English label, the total,
    receipts and the Z difference in English (the notes stay as summary.json has them)."""
    out = tmp_path / "demo"
    assert main(["demo", "--attendees", "8", "--out", str(out), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    s = summary
    assert lines[0] == (
        f"Demo event day: {s['attendees']} people, {s['visits']} visits, {s['paid_visits']} paid"
    )
    assert [line.split("  ")[1] for line in lines[1:4]] == [
        "Bank card",
        "Cash",
        "VietQR transfer",
    ]
    assert lines[4].split()[0] == "Total"
    assert (
        lines[5]
        == f"Receipts: {s['receipts']} ({s['voided']} voided); Z close: difference -2.000 đ"
    )
    assert lines[6] == "Notes:"
    ours = lines[:7] + [line for line in lines if not line.startswith("- ")][7:]
    assert vietnamese_letters("\n".join(ours)) == []
