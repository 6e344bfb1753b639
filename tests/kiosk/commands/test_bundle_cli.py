"""The office and a kiosk on the command line: office key, trust, export, merge, supervisors."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config_template import DEFAULT_CONFIG
from tests.kiosk.commands.english import vietnamese_letters

SUPERVISOR, PIN = "Phạm Văn Giám", "2468"


def use(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Path:
    """Point the commands at one machine's data and configuration folders."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(folder / "data"))
    monkeypatch.setenv("KIOSK_KEYS_DIR", str(folder / "data" / "keys"))
    monkeypatch.setenv("KIOSK_CONFIG", str(folder / "kiosk.toml"))
    return folder / "kiosk.toml"


def stdin(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    """What a person types at the PIN prompts, one line each."""
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command (English messages)."""
    capsys.readouterr()
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def office_with_supervisor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> str:
    """The office machine (kiosk id OFFICE): configured, its first supervisor added, its
    bundle key made; returns the office public key it prints."""
    config = use(monkeypatch, tmp_path / "office")
    config.parent.mkdir(parents=True)
    config.write_text(
        DEFAULT_CONFIG.replace('id = "K01"', 'id = "VP"').replace(
            'receipt_series = "K01"', 'receipt_series = "VP"'
        ),
        encoding="utf-8",
    )
    stdin(monkeypatch, PIN)
    assert run(capsys, "staff", "add", SUPERVISOR, "--supervisor")[0] == 0
    code, out, _err = run(capsys, "office-key")
    assert code == 0
    key = out.strip().splitlines()[-1]
    assert len(key) == 44
    assert run(capsys, "office-key")[1].strip().splitlines()[-1] == key  # made once
    return key


def kiosk_k02(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    office_key: str,
) -> str:
    """Kiosk K02 set up with `init`; returns the `trust` command line it prints."""
    config = use(monkeypatch, tmp_path / "k02")
    assert run(capsys, "init")[0] == 0
    text = config.read_text(encoding="utf-8")
    text = text.replace('id = "K01"', 'id = "K02"').replace('series = "K01"', 'series = "K02"')
    config.write_text(text.replace('public_key = ""', f'public_key = "{office_key}"'), "utf-8")
    code, out, _err = run(capsys, "init")
    assert code == 0
    line = next(x for x in out.splitlines() if "kiosk trust K02" in x)
    return line.split("kiosk ", 1)[1]


def test_office_trusts_then_merges_a_kiosk_bundle(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The whole hand-over: the bundle is refused until the key is pinned; pinning and merging
    need the supervisor's PIN; then the merge reports bundle number 1."""
    office_key = office_with_supervisor(monkeypatch, capsys, tmp_path)
    trust_args = kiosk_k02(monkeypatch, capsys, tmp_path, office_key).split()
    usb = tmp_path / "usb" / "k02.kbundle"
    assert run(capsys, "export-bundle", "--out", str(usb))[0] == 0
    assert usb.stat().st_mode & 0o777 == 0o600
    use(monkeypatch, tmp_path / "office")
    stdin(monkeypatch, PIN)
    code, _out, err = run(capsys, "merge", str(usb), "--by", SUPERVISOR)
    assert code == 2 and "kiosk trust K02" in err
    code, _out, err = run(capsys, *trust_args)
    assert code == 2 and "--by NAME" in err
    stdin(monkeypatch, "0000")
    code, _out, err = run(capsys, *trust_args, "--by", SUPERVISOR)
    assert code == 2 and "Wrong name or PIN. 4 attempt(s) left" in err
    stdin(monkeypatch, PIN)
    assert run(capsys, *trust_args, "--by", SUPERVISOR)[0] == 0
    stdin(monkeypatch, PIN)
    code, out, _err = run(capsys, "merge", str(usb), "--by", SUPERVISOR)
    assert code == 0 and "Kiosk K02 #1" in out and "visits" not in out  # nothing recorded yet
    assert "kiosks: 1" in out


def test_export_needs_the_office_key_in_the_configuration(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without [office] public_key no bundle is written: one line says where to get the key."""
    use(monkeypatch, tmp_path / "k01")
    assert run(capsys, "init")[0] == 0
    code, _out, err = run(capsys, "export-bundle", "--out", str(tmp_path / "b.kbundle"))
    assert code == 2 and "office-key" in err
    assert not (tmp_path / "b.kbundle").exists()


def test_merge_without_an_office_key_says_so(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A machine that never made an office key cannot open bundles: one clear line."""
    use(monkeypatch, tmp_path / "k01")
    assert run(capsys, "init")[0] == 0
    bundle = tmp_path / "x.kbundle"
    bundle.write_bytes(b"BHXHKB\x00\x02" + bytes(64))
    code, _out, err = run(capsys, "merge", str(bundle))
    assert code == 2 and "no office key" in err


def test_hand_over_lines_in_english_and_vietnamese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """office-key, trust, export-bundle and merge print English lines only with `--lang en`
    (after the arguments here); merging the same bundle again says so in either language."""
    office_key = office_with_supervisor(monkeypatch, capsys, tmp_path)
    _code, out, _err = run(capsys, "office-key")
    assert out.splitlines() == [
        "The office's public key (put it in each kiosk's configuration as [office] public_key):",
        office_key,
    ]
    trust_args = kiosk_k02(monkeypatch, capsys, tmp_path, office_key).split()
    usb = tmp_path / "usb" / "k02.kbundle"
    capsys.readouterr()
    assert main(["export-bundle", "--out", str(usb), "--lang", "en"]) == 0
    exported = capsys.readouterr().out
    assert exported == f"Exported: {usb} ({usb.stat().st_size} bytes)\n"
    use(monkeypatch, tmp_path / "office")
    stdin(monkeypatch, PIN)
    assert main([*trust_args, "--by", SUPERVISOR, "--lang", "en"]) == 0
    trusted = capsys.readouterr().out
    assert trusted == f"Key registered: K02 {trust_args[-1]}\n"
    stdin(monkeypatch, PIN)
    assert main(["merge", str(usb), "--by", SUPERVISOR, "--lang", "en"]) == 0
    merged = capsys.readouterr().out
    assert merged.splitlines() == [
        "Kiosk K02 #1: added kiosks: 1, receipt_series: 1; already here: 1"
    ]
    for said in (out, exported, trusted, merged):
        assert vietnamese_letters(said) == []
    stdin(monkeypatch, PIN)
    assert main(["merge", str(usb), "--by", SUPERVISOR, "--lang", "en"]) == 0
    again = capsys.readouterr().out
    assert again.endswith(" was merged before: nothing changed.\n")
    bundle_id = again.removeprefix("Bundle ").split()[0]
    stdin(monkeypatch, PIN)
    assert main(["merge", str(usb), "--by", SUPERVISOR]) == 0
    assert capsys.readouterr().out == (
        f"Gói {bundle_id} đã được nhập trước đây: không thay đổi gì.\n"
    )
