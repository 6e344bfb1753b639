"""`kiosk dossier`: the configured kiosk's day written and signed end to end, or the blocking list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

from kiosk import paths
from kiosk.bootstrap import open_database
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.localtime import UTC
from kiosk.dossier.agent import AGENT_FILE_NAME
from kiosk.dossier.envelope import embedded_files
from kiosk.dossier.signing import throwaway_signer, verify_xml
from kiosk.store.db import Database
from tests.kiosk.commands.english import vietnamese_letters
from tests.kiosk.dossier.daydata import BHYT12, paid_day, visit
from tests.kiosk.services.consoledata import draft

AGENT_TOML = """[agent]
name = "MẪU — Bưu điện xã Ea Kao"
unit_code = "MAU0001"
unit_kind = "1"
signer = "MẪU — Lê Thị Thu"
vss_office = "MAU"
[ivan]
code = "MAU"
name = "MẪU — nhà cung cấp I-VAN"
"""


@pytest.fixture
def configured() -> Database:
    """The default configuration, its database and the agent file beside it."""
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEFAULT_CONFIG, encoding="utf-8")
    (path.parent / AGENT_FILE_NAME).write_text(AGENT_TOML, encoding="utf-8")
    return open_database(load_config(path))


def test_cli_writes_a_signed_dossier(
    configured: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Exit 0; both procedures' files are written; the envelope and its forms verify with the
    .p12's certificate; the output names the totals and the visits left out."""
    paid_day(configured)
    configured.dispose()
    signer = throwaway_signer("MẪU — Đại lý thu thử", dt.datetime.now(UTC))
    p12 = tmp_path / "agent.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"agent", signer.key, signer.certificate, None, BestAvailableEncryption(b"bi-mat")
        )
    )
    password = tmp_path / "password.txt"
    password.write_bytes(b"bi-mat\n")
    out = tmp_path / "out"
    args = ["dossier", "--day", "2026-11-25", "--out", str(out), "--sign", str(p12)]
    assert main([*args, "--password-file", str(password)]) == 0
    folder = out / "ho-so-vss-2026-11-25"
    assert sorted(p.name for p in (folder / "bhyt-ho-gia-dinh").iterdir()) == [
        "BHXHDienTu.xml",
        "D01-TS-595.xml",
        "D03-TS-595.xml",
        "D03-TS.xlsx",
        "TK1-TS-595.xml",
    ]
    envelope = (folder / "bhxh-tu-nguyen" / "BHXHDienTu.xml").read_bytes()
    verify_xml(envelope, "CKy_Dvi", signer.certificate)
    for form in embedded_files(envelope):
        verify_xml(form.data, "Cky", signer.certificate)
    text = capsys.readouterr().out
    assert "thủ tục 604: 2 người, 2.322.540 đ" in text
    assert "thủ tục 602: 2 người, 4.752.000 đ" in text
    assert "không đưa vào (biên lai đã hủy YT-K01-0000002): Phạm Thị Lan" in text
    assert "không đưa vào (chưa thu tiền): Võ Thị Hoa" in text


def test_cli_exits_2_with_the_blocking_list(
    configured: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paid person without an identity number: exit 2, each problem on its own line on
    stderr, and no folder written; a wrong .p12 password is one clear line too."""
    day = paid_day(configured)
    visit(configured, day.ctx, [(draft("Đinh Thị Mơ", 7, with_id=False), (BHYT12,))])
    configured.dispose()
    out = tmp_path / "out"
    assert main(["--lang", "en", "dossier", "--day", "2026-11-25", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "nothing was written" in err
    assert "  - Đinh Thị Mơ: identity number missing (receipt YT-K01-0000003)" in err.splitlines()
    assert not out.exists()
    (tmp_path / "agent.p12").write_bytes(b"not a p12")
    wrong = ["dossier", "--day", "2026-11-25", "--out", str(out), "--sign"]
    assert main([*wrong, str(tmp_path / "agent.p12")]) == 2
    assert "sai mật khẩu hoặc tệp không phải PKCS#12" in capsys.readouterr().err
    assert main(["dossier", "--day", "25/11/2026", "--out", str(out)]) == 2


def test_cli_output_in_english(
    configured: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--lang en` after the arguments: the folder (not signed), each procedure's people and
    total, and the visits left out, all in English but the attendees' names; a day nobody
    paid writes nothing and says so."""
    paid_day(configured)
    configured.dispose()
    out = tmp_path / "out"
    assert main(["dossier", "--day", "2026-11-25", "--out", str(out), "--lang", "en"]) == 0
    text = capsys.readouterr().out
    folder = out / "ho-so-vss-2026-11-25"
    assert text.splitlines() == [
        f"Dossier of 25/11/2026: {folder} (NOT SIGNED)",
        "  procedure 604: 2 people, 2.322.540 đ → bhyt-ho-gia-dinh/",
        "  procedure 602: 2 people, 4.752.000 đ → bhxh-tu-nguyen/",
        "  left out (receipt YT-K01-0000002 voided): Phạm Thị Lan",
        "  left out (not paid): Võ Thị Hoa",
    ]
    assert vietnamese_letters(text, "Phạm Thị Lan", "Võ Thị Hoa", str(folder)) == []
    empty = ["dossier", "--day", "2026-11-24", "--out", str(tmp_path / "none")]
    assert main([*empty, "--lang", "en"]) == 0
    assert capsys.readouterr().out == "No visit was paid on 24/11/2026: no dossier written.\n"
    assert main(empty) == 0
    said = capsys.readouterr().out
    assert said == "Không có lượt đã thu tiền ngày 24/11/2026: không ghi hồ sơ nào.\n"
