"""Tests for `kiosk render` and `kiosk verify` driven through kiosk.cli.main."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.domain.keys import load_or_create_private_key, public_key_text
from kiosk.domain.provisional import sign_provisional
from tests.kiosk.commands.english import vietnamese_letters
from tests.printing.documents.pdfcheck import decode_qr, page_sizes, page_texts, rasterise


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private keys directory and no configuration (the demo kiosk id applies)."""
    directory = tmp_path / "keys"
    monkeypatch.setenv("KIOSK_KEYS_DIR", str(directory))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "absent.toml"))
    return directory


@pytest.mark.parametrize(
    ("kind", "pages"), [("card", 2), ("booklet", 1), ("declaration", 1), ("receipt", 1)]
)
def test_render_sample_pdf(kind: str, pages: int, tmp_path: Path, keys: Path) -> None:
    """Each kind renders the sample person to a PDF file with the expected number of pages,
    every page marked "MẪU"."""
    out = tmp_path / f"{kind}.pdf"
    assert main(["render", kind, "--sample", "--out", str(out)]) == 0
    assert len(page_sizes(out.read_bytes())) == pages
    assert "Nguyễn Thị Huyền".upper() in " ".join(page_texts(out.read_bytes())).upper()
    assert all("MẪU" in text for text in page_texts(out.read_bytes()))


def test_render_says_what_it_wrote(
    tmp_path: Path, keys: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One line naming the file and its size, in English with `--lang en` at the end."""
    out = tmp_path / "receipt.pdf"
    assert main(["render", "receipt", "--sample", "--out", str(out), "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert said == f"Written: {out} ({out.stat().st_size} bytes)\n"
    assert vietnamese_letters(said) == []
    assert main(["render", "receipt", "--sample", "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"Đã ghi: {out} ({out.stat().st_size} byte)\n"


def test_render_receipt_escpos(tmp_path: Path, keys: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--format escpos writes an ESC/POS stream (init ... full cut), keeping python-escpos's
    cache in the data folder (kiosk.paths.keep_printer_library_cache)."""
    monkeypatch.delenv("ESCPOS_CAPABILITIES_PICKLE_DIR", raising=False)
    out = tmp_path / "r.bin"
    assert (
        main(
            [
                "render",
                "receipt",
                "--sample",
                "--format",
                "escpos",
                "--width",
                "384",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    data = out.read_bytes()
    cache = tmp_path / "data" / "cache"
    assert os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] == str(cache) and cache.is_dir()
    assert data.startswith(b"\x1b@\x1dv0\x00\x30\x00") and data.endswith(b"\x1dV\x00")


def test_escpos_only_for_receipts(
    tmp_path: Path, keys: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asking for a card as ESC/POS exits 2 with one message line."""
    assert (
        main(
            [
                "--lang",
                "en",
                "render",
                "card",
                "--sample",
                "--format",
                "escpos",
                "--out",
                str(tmp_path / "x"),
            ]
        )
        == 2
    )
    assert capsys.readouterr().err.strip() == "Only receipts can be rendered as ESC/POS."


def test_provisional_card_verifies_on_this_kiosk(
    tmp_path: Path, keys: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A provisional sample card's QR, decoded from the rendered page, verifies as genuine."""
    out = tmp_path / "card.pdf"
    assert main(["render", "card", "--sample", "--provisional", "--out", str(out)]) == 0
    (qr,) = decode_qr(rasterise(out.read_bytes())[0])
    capsys.readouterr()
    assert main(["verify", qr]) == 0
    printed = capsys.readouterr().out
    assert "HỢP LỆ (ki-ốt DEMO01)" in printed.splitlines()
    assert "Họ và tên: Nguyễn Thị Huyền" in printed.splitlines()
    assert "Số định danh cá nhân: 066185012345" in printed.splitlines()
    assert "Mẫu: MẪU" in printed.splitlines()
    assert main(["verify", qr, "--lang", "en"]) == 0
    english = capsys.readouterr().out.splitlines()
    assert english[0] == "genuine (kiosk DEMO01)"
    assert "Name: Nguyễn Thị Huyền" in english and "Identity number: 066185012345" in english
    assert "Sample: yes" in english
    assert vietnamese_letters("\n".join(english), "Nguyễn Thị Huyền") == []
    tampered = qr.replace("|DEMO01", "|DEMO02")
    (keys / "DEMO02.pub").write_text(
        public_key_text(load_or_create_private_key(tmp_path / "other"))
    )
    assert main(["--lang", "en", "verify", tampered]) == 1
    assert capsys.readouterr().out.startswith("not genuine: The signature does not match")
    assert main(["verify", tampered]) == 1
    assert capsys.readouterr().out == (
        "KHÔNG HỢP LỆ: Chữ ký không khớp: giấy tờ này không phải do ki-ốt cấp hoặc đã bị sửa.\n"
    )


def test_verify_other_kiosk_pub_file(
    tmp_path: Path, keys: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Keys of other kiosks come from <kiosk_id>.pub files in --keys; unknown kiosks exit 1."""
    other = load_or_create_private_key(tmp_path / "k07")
    trusted = tmp_path / "trusted"
    trusted.mkdir()
    (trusted / "K07.pub").write_text(public_key_text(other) + "\n")
    payload = sign_provisional({"n": "Trần Văn Đức"}, other, "K07")
    assert main(["verify", payload, "--keys", str(trusted)]) == 0
    assert "Trần Văn Đức" in capsys.readouterr().out
    assert main(["verify", sign_provisional({"n": "x"}, other, "K08"), "--keys", str(trusted)]) == 1


def test_verify_malformed_exits_2(keys: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Text that is not a provisional payload exits 2 with the malformed message."""
    assert main(["--lang", "en", "verify", "hello"]) == 2
    assert "wrong format" in capsys.readouterr().err


def test_verify_says_when_a_confirmation_has_expired(
    keys: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A genuine confirmation past its "valid until" day exits 1 and says since when it
    expired and where the card is; one still standing exits 0 and says nothing of it."""
    key = load_or_create_private_key(keys)
    old = sign_provisional({"t": "XN-BHYT", "n": "x", "h": "31/01/2020"}, key, "DEMO01")
    assert main(["verify", old]) == 1
    printed = capsys.readouterr().out
    assert "HỢP LỆ (ki-ốt DEMO01)" in printed
    assert "ĐÃ HẾT HẠN từ ngày 01/02/2020: xem thẻ BHYT trên VssID hoặc VNeID." in printed
    assert main(["verify", old, "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "genuine (kiosk DEMO01)",
        "Valid until: 31/01/2020",
        "Name: x",
        "Document: XN-BHYT",
        "EXPIRED since 01/02/2020: see the card in VssID or VNeID.",
    ]
    current = sign_provisional({"t": "XN-BHYT", "n": "x", "h": "31/12/2999"}, key, "DEMO01")
    assert main(["--lang", "en", "verify", current]) == 0
    assert "EXPIRED" not in capsys.readouterr().out
