"""`staff add`, `init --force` and `retention --apply` need a supervisor's PIN once staff exist."""

from __future__ import annotations

import pytest

from kiosk.cli import main
from kiosk.config import write_default_config
from kiosk.paths import config_path
from tests.kiosk.commands.test_bundle_cli import PIN, SUPERVISOR, run, stdin


@pytest.fixture
def staffed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A kiosk whose first supervisor was created (no one to ask yet) plus a cashier."""
    write_default_config(config_path())
    stdin(monkeypatch, PIN)
    assert main(["staff", "add", SUPERVISOR, "--supervisor"]) == 0
    stdin(monkeypatch, PIN, "1357")
    assert main(["staff", "add", "Lê Thị Thu", "--by", SUPERVISOR]) == 0
    capsys.readouterr()


def test_first_account_must_be_a_supervisor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a new kiosk the first account needs nobody, but it must be a supervisor."""
    write_default_config(config_path())
    stdin(monkeypatch, "1357")
    code, _out, err = run(capsys, "staff", "add", "Lê Thị Thu")
    assert code == 2 and "first account must be a supervisor" in err


@pytest.mark.usefixtures("staffed")
def test_nobody_adds_a_supervisor_without_a_supervisor_pin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --by, with a cashier's name, or with a wrong PIN: refused, nobody added."""
    stdin(monkeypatch, "9999")
    code, _out, err = run(capsys, "staff", "add", "Kẻ Lạ", "--supervisor")
    assert code == 2 and "needs a supervisor" in err
    stdin(monkeypatch, "1357", "9999")
    code, _out, err = run(capsys, "staff", "add", "Kẻ Lạ", "--supervisor", "--by", "Lê Thị Thu")
    assert code == 2 and "This needs a supervisor." in err
    stdin(monkeypatch, "0000", "9999")
    code, _out, err = run(capsys, "staff", "add", "Kẻ Lạ", "--supervisor", "--by", SUPERVISOR)
    assert code == 2 and "Wrong name or PIN" in err
    code, out, _err = run(capsys, "staff", "list")
    assert "Kẻ Lạ" not in out and out.count("\n") == 2


@pytest.mark.usefixtures("staffed")
def test_init_force_needs_a_supervisor_and_keeps_the_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Resetting the configuration of a kiosk in use: refused without a supervisor's PIN (the
    file is untouched), done with it."""
    path = config_path()
    path.write_text(path.read_text("utf-8").replace('name = "Bàn thu số 1"', 'name = "Bàn 7"'))
    code, _out, err = run(capsys, "init", "--force")
    assert code == 2 and "needs a supervisor" in err
    assert 'name = "Bàn 7"' in path.read_text("utf-8")
    stdin(monkeypatch, PIN)
    assert run(capsys, "init", "--force", "--by", SUPERVISOR)[0] == 0
    assert 'name = "Bàn 7"' not in path.read_text("utf-8")


@pytest.mark.usefixtures("staffed")
def test_retention_apply_needs_a_supervisor_but_the_preview_does_not(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Showing what would go is open; removing it for good takes a supervisor's PIN."""
    assert run(capsys, "retention", "--ended-before", "2026-01-01")[0] == 0
    code, _out, err = run(capsys, "retention", "--ended-before", "2026-01-01", "--apply")
    assert code == 2 and "needs a supervisor" in err
    stdin(monkeypatch, PIN)
    args = ("retention", "--ended-before", "2026-01-01", "--apply", "--by", SUPERVISOR)
    assert run(capsys, *args)[0] == 0
