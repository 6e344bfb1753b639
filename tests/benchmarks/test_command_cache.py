"""`kiosk bench` keeps python-escpos's cache in the data folder before measuring."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from benchmarks import command
from kiosk.cli import main


def test_bench_keeps_the_printer_library_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command (kiosk/cli.py no longer does it for every command) points python-escpos at
    <data>/cache before the receipt benchmark loads it; each figure is one line."""
    monkeypatch.delenv("ESCPOS_CAPABILITIES_PICKLE_DIR", raising=False)

    def measure(**_: Any) -> dict[str, Any]:
        assert os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] == str(tmp_path / "data" / "cache")
        return {"quote": 0.5}

    monkeypatch.setattr(command, "measure", measure)
    assert main(["bench", "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"{'quote':<24} 0.5  OK\n"
    assert (tmp_path / "data" / "cache").is_dir()
