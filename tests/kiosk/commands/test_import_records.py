"""`kiosk import-records FILE`: a JSON summary on stdout; exit 0 stored, 2 refused (nothing)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk import paths
from kiosk.bootstrap import open_database
from kiosk.cli import main
from kiosk.config import load_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.store.db import Database
from kiosk.store.models import IssuanceRecord
from resources import resource_path
from tests.kiosk.services.test_official_import_store import DUC, HUYEN, register

SAMPLE = resource_path("sample", "official_records_sample.csv")


@pytest.fixture
def configured() -> Database:
    """The default configuration and its database."""
    path = paths.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DEFAULT_CONFIG, encoding="utf-8")
    return open_database(load_config(path))


def _count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(IssuanceRecord)) or 0)


def test_import_prints_the_summary_and_exits_0(
    configured: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both real-layout rows stored; the JSON says so."""
    register(configured, HUYEN, DUC)
    assert main(["import-records", str(SAMPLE)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "file": str(SAMPLE),
        "rows": 2,
        "imported": 2,
        "unchanged": 0,
        "refused": [],
    }
    assert _count(configured) == 2
    configured.dispose()


def test_a_refused_row_exits_2_with_every_error(
    configured: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A broken facility code: exit 2, the JSON lists the row, column and reason in both
    languages, and nothing is stored; a file that is not CSV/XLSX is refused the same way."""
    register(configured, HUYEN, DUC)
    bad = tmp_path / "bad.csv"
    bad.write_text(SAMPLE.read_text("utf-8").replace("66 - C54", "66-C54", 1), encoding="utf-8")
    assert main(["--lang", "en", "import-records", str(bad)]) == 2
    out = json.loads(capsys.readouterr().out)
    assert [(e["row"], e["column"]) for e in out["refused"]] == [(2, "facility_code")]
    assert out["imported"] == 0 and out["error"].startswith("Nothing imported: 1 errors")
    assert all(e["vi"] and e["en"] for e in out["refused"])
    other = tmp_path / "records.txt"
    other.write_text("x", encoding="utf-8")
    assert main(["import-records", str(other)]) == 2
    assert json.loads(capsys.readouterr().out)["refused"] == []
    assert _count(configured) == 0
    configured.dispose()
