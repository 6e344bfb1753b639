"""`db status|upgrade` and `staff add|list` on the configured kiosk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from kiosk.cli import main
from kiosk.config import write_default_config
from kiosk.paths import config_path
from kiosk.store.migrate import MIGRATIONS_DIR
from tests.kiosk.commands.english import vietnamese_letters


def test_db_upgrade_then_status_is_at_the_newest_revision(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A new kiosk's database is created by `db upgrade`; `status` then reports the shipped
    head revision as current and newest and exits 0 (non-zero: the schema is behind)."""
    write_default_config(config_path())
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "status"]) == 0
    out = capsys.readouterr().out
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    assert f"Phiên bản: {head}; mới nhất: {head}" in out.splitlines()
    assert "Cơ sở dữ liệu: sqlite:///" in out


def test_db_status_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`db upgrade --lang en` on a new kiosk: only English lines (the database URL and the
    revision), the language given after the command's own words."""
    write_default_config(config_path())
    assert main(["db", "upgrade", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    assert out.splitlines() == [
        f"Database: sqlite:///{tmp_path / 'data' / 'kiosk.sqlite3'}",
        f"Revision: {head}; newest: {head}",
    ]
    assert vietnamese_letters(out) == []


def test_staff_add_reads_the_pin_from_stdin_and_lists(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PIN never appears in the arguments; a weak PIN is refused in Vietnamese; an empty
    kiosk says how to add the first supervisor, in the language asked anywhere on the line."""
    write_default_config(config_path())
    assert main(["staff", "list"]) == 0
    assert "Chưa có nhân viên nào" in capsys.readouterr().out  # a new kiosk says so
    assert main(["staff", "list", "--lang", "en"]) == 0  # --lang after the command too
    assert "There is no staff member yet" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("2468\n"))
    assert main(["staff", "add", "Phạm Văn Giám", "--supervisor"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main(["staff", "add", "Lê Thị Thu"]) == 2
    assert main(["staff", "list"]) == 0
    captured = capsys.readouterr()
    assert "Phạm Văn Giám\tGiám sát" in captured.out and "Lê Thị Thu" not in captured.out
    assert "PIN" in captured.err
