"""`python -m kiosk scanner test` against a pseudo-terminal scanner: JSON per scan, exit codes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config_template import DEFAULT_CONFIG
from tests.kiosk.scan import samples
from tests.kiosk.scan.ptys import FakeScanner, opened_elsewhere


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[FakeScanner]:
    scanner = FakeScanner(tmp_path)
    yield scanner
    scanner.close()


def run_while_scanning(argv: list[str], fake: FakeScanner, payload: bytes) -> int:
    """Run the command on a thread and scan `payload` until it ends (the command empties the
    port when it opens it, so the scan is repeated until the command has heard it)."""
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(main(argv)), daemon=True)
    thread.start()
    for _ in range(100):
        fake.send(payload)
        thread.join(0.1)
        if not thread.is_alive():
            break
    assert not thread.is_alive()
    return codes[0]


def test_prints_one_json_object_per_scan(
    fake: FakeScanner, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CCCD (CR LF), a legacy health card (CR) and garbage (LF): three JSON lines, exit 0."""
    payload = samples.AN.encode() + b"\r\n" + samples.CARD_2017.encode() + b"\r" + b"\xffjunk|\n"
    argv = ["scanner", "test", "--device", str(fake.path), "--count", "3", "--timeout", "20"]
    assert run_while_scanning(argv, fake, payload) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0] == {
        "kind": "cccd",
        "personal_id": "066090123456",
        "full_name": "Nguyễn Văn An",
        "birth_date": "1990-02-01",
        "sex": "male",
        "variant": "cccd-7",
        "problems": [],
    }
    assert lines[1]["kind"] == "health_card" and lines[1]["card_code"] == "GD4666612345678"
    assert lines[1]["full_name"] == "Nguyễn Thị Huyền" and lines[1]["variant"] == "health-14"
    assert lines[2] == {
        "kind": "unknown",
        "text": "�junk|",
        "problems": ["scan.unknown", "scan.not_utf8"],
    }
    assert len(lines) == 3


def test_configured_scanner_without_device(
    fake: FakeScanner,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --device the [scanner] device of the configuration file is read."""
    config = tmp_path / "kiosk.toml"
    text = DEFAULT_CONFIG.replace('mode = "keyboard"', 'mode = "serial"').replace(
        'device = ""                 # serial', f'device = "{fake.path}"  # serial'
    )
    config.write_text(text, encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    assert run_while_scanning(["scanner", "test"], fake, samples.KHOA_2024.encode() + b"\n") == 0
    assert json.loads(capsys.readouterr().out)["full_name"] == "Phạm Minh Khoa"


def test_timeout_exits_2_with_a_message(
    fake: FakeScanner, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing scanned within --timeout: exit 2 and a sentence saying how many arrived."""
    argv = ["--lang", "en", "scanner", "test", "--device", str(fake.path), "--timeout", "0.3"]
    assert main(argv) == 2
    assert "0.3 seconds passed with 0 of 1 scans" in capsys.readouterr().err


def test_bad_device_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A port that does not exist: exit 2 naming it."""
    missing = tmp_path / "ttyACM9"
    assert main(["--lang", "en", "scanner", "test", "--device", str(missing)]) == 2
    assert f"Cannot open the scanner port {missing}" in capsys.readouterr().err


def test_unplugged_during_test_exits_2(
    fake: FakeScanner, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cable pulled while listening: exit 2, "disconnected"."""
    codes: list[int] = []
    argv = ["--lang", "en", "scanner", "test", "--device", str(fake.path), "--timeout", "20"]
    thread = threading.Thread(target=lambda: codes.append(main(argv)), daemon=True)
    thread.start()
    for _ in range(200):  # until the command has the port open (each wait 0.05 s at most)
        if opened_elsewhere(fake):
            break
        thread.join(0.05)
    assert opened_elsewhere(fake)
    fake.unplug()
    thread.join(20)
    assert codes == [2]
    err = capsys.readouterr().err
    assert "disconnected" in err or "Cannot open the scanner port" in err
