"""`kiosk retention`: what it would remove, and what it removed, in the chosen language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli import main
from tests.kiosk.commands.english import vietnamese_letters


def test_retention_in_english_and_in_vietnamese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A new kiosk's template event (ended 25/11/2026) has nobody to remove: the dry run and
    --apply each print one line with every count and the folders searched, in English with `--lang en` at the end, and in
    Vietnamese without it."""
    assert main(["init"]) == 0
    capsys.readouterr()
    data = tmp_path / "data"
    where = f"{data / 'output'}, {data / 'backups'}"
    counts_en = (
        "0 people, 0 cards, 0 household addresses, 0 print jobs — 1 event; "
        f"0 files (0 bytes) in {where}"
    )
    assert main(["retention", "--ended-before", "2027-01-01", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out == f"Would remove (add --apply to do it): {counts_en}\n"
    assert vietnamese_letters(out) == []
    assert main(["retention", "--ended-before", "2027-01-01", "--apply", "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"Removed: {counts_en}\n"
    assert main(["retention", "--ended-before", "2027-01-01"]) == 0
    assert capsys.readouterr().out == (
        "Sẽ xóa (thêm --apply để xóa thật): 0 người, 0 thẻ, 0 địa chỉ hộ, 0 lệnh in — "
        f"1 sự kiện; 0 tệp (0 byte) trong {where}\n"
    )
