"""`kiosk quote bhxh-voluntary --island / --province`: the support options on the command line."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

import kiosk.policy.tables as tables
from kiosk.cli import main
from kiosk.domain.enums import SupportGroup
from kiosk.policy.tables import ProvinceSupport

# 3,000,000 đ for 6 months on 2026-03-01 ("other" group): 22 % = 660,000 đ a month; support is
# a share of 22 % × rural poverty line 1,500,000 đ = 330,000 đ (Decree 159/2025 Art 5).
VOLUNTARY = [
    "quote",
    "bhxh-voluntary",
    "--income",
    "3000000",
    "--months",
    "6",
    "--on",
    "2026-03-01",
]


def _quote(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    """The JSON quote for VOLUNTARY plus `extra` options (exit status 0, nothing on stderr)."""
    assert main([*VOLUNTARY, *extra, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    data: dict[str, Any] = json.loads(captured.out)
    return data


def _figures(data: dict[str, Any]) -> tuple[int, int, int, int]:
    """(total, monthly amount, support amount, province support) of a one-line quote."""
    (line,) = data["lines"]
    return data["total"], line["monthly_amount"], line["support_amount"], line["province_support"]


def test_island_commune_gets_half_of_the_support_base(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --island "other" gets 20 %: 660,000 − 66,000 = 594,000 đ a month, 3,564,000 đ in
    all. With --island the share is 50 % (policy.toml island_percent, Decree 159/2025 Art 5):
    660,000 − 165,000 = 495,000 đ a month, 2,970,000 đ for 6 months (990,000 đ of support),
    and the line says so in both languages."""
    plain = _quote(capsys)
    assert _figures(plain) == (3_564_000, 594_000, 396_000, 0)
    assert plain["lines"][0]["island"] is False
    island = _quote(capsys, "--island")
    assert _figures(island) == (2_970_000, 495_000, 990_000, 0)
    (line,) = island["lines"]
    assert line["island"] is True and line["supported_months"] == 6
    assert "xã đảo/đặc khu" in line["description_vi"]
    assert "island commune" in line["description_en"]


def test_island_table_shows_the_total(capsys: pytest.CaptureFixture[str]) -> None:
    """The readable table with --island ends with the 2,970,000 đ total."""
    assert main(["--lang", "en", *VOLUNTARY, "--island"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].startswith("Voluntary social insurance (periodic), income 3.000.000 đ, ")
    assert lines[2].endswith("island commune, 6 months      2.970.000 đ")
    assert lines[-1].startswith("Total") and lines[-1].endswith("  2.970.000 đ")


def test_province_without_a_published_top_up_changes_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The shipped policy.toml has no province top-up (`province_support = []`: none published
    yet), so `--province 066` is accepted, recorded on the line, and gives exactly the figures
    without it: 3,564,000 đ (594,000 đ a month), province support 0; with --island as well,
    exactly the island figures 2,970,000 đ."""
    assert tables.load_book().province_support == ()
    data = _quote(capsys, "--province", "066")
    assert _figures(data) == (3_564_000, 594_000, 396_000, 0)
    assert data["lines"][0]["province"] == "066"
    both = _quote(capsys, "--province", "066", "--island")
    assert _figures(both) == (2_970_000, 495_000, 990_000, 0)


def test_province_top_up_reaches_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Had province 066 published 33,000 đ a month for "other" people from 2026-01-01, `--province
    066` would lower the month to 594,000 − 33,000 = 561,000 đ and the 6 months to 3,366,000 đ
    (198,000 đ of province support); another province (010) keeps 3,564,000 đ."""
    book = tables.load_book()
    row = ProvinceSupport("066", date(2026, 1, 1), {SupportGroup.OTHER: 33_000}, "Nghị quyết (mẫu)")
    monkeypatch.setattr(
        "kiosk.policy.tables.load_book",
        lambda path=None: replace(book, province_support=(row,)),
    )
    assert _figures(_quote(capsys, "--province", "066")) == (3_366_000, 561_000, 594_000, 198_000)
    assert _figures(_quote(capsys, "--province", "010")) == (3_564_000, 594_000, 396_000, 0)
    assert _figures(_quote(capsys, "--province", "066", "--island")) == (
        2_772_000,
        462_000,
        1_188_000,
        198_000,
    )


@pytest.mark.parametrize("code", ["999", "abc", "66"])
def test_an_unknown_province_code_is_refused(capsys: pytest.CaptureFixture[str], code: str) -> None:
    """A code not in the province table is a usage error (status 2) naming it, in English
    with --lang en, instead of a quote silently without any top-up."""
    status = main(["--lang", "en", *VOLUNTARY, "--province", code])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert f"--province {code!r} is not a province code (3 digits, e.g. 066 Đắk Lắk)" in err
