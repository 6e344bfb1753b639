"""`kiosk init`: what it prints, in the language asked for anywhere on the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.domain.keys import load_or_create_private_key, public_key_text
from tests.kiosk.commands.english import vietnamese_letters


def test_init_in_english_then_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A first `init --lang en` says the file was created, where the data is and the `trust`
    line for the office; a second run in Vietnamese says the file was already there."""
    config, data = tmp_path / "config" / "kiosk.toml", tmp_path / "data"
    assert main(["init", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    key = public_key_text(load_or_create_private_key(data / "keys"))
    assert out.splitlines() == [
        f"Configuration: {config} (created)",
        f"Data: {data}",
        "Signing key of kiosk K01; the office registers it with:",
        f"  python -m kiosk trust K01 {key}",
    ]
    assert vietnamese_letters(out) == []
    assert main(["init"]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        f"Cấu hình: {config} (đã có sẵn)",
        f"Dữ liệu: {data}",
        "Khóa ký của ki-ốt K01; văn phòng đăng ký bằng lệnh:",
    ]


def test_start_fresh_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`init --start-fresh --lang en` sets the database aside and makes a new one, saying both
    in English; in Vietnamese the last line says the database is ready."""
    assert main(["init"]) == 0
    capsys.readouterr()
    database = tmp_path / "data" / "kiosk.sqlite3"
    assert main(["init", "--start-fresh", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    moved, ready = out.splitlines()
    assert moved.startswith("Set aside: ") and Path(moved.removeprefix("Set aside: ")).exists()
    assert ready == f"Database ready: {database}"
    assert vietnamese_letters(out) == []
    assert main(["init", "--start-fresh"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Đã cất sang bên: ")
    assert lines[1] == f"Cơ sở dữ liệu sẵn sàng: {database}"
