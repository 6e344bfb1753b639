"""VSS record files write birth dates as mm/yyyy and sex as 1/2 too: both are accepted."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.domain.enums import IssuanceKind, Scheme, Sex
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.services.official_import import COLUMNS, import_official_file, parse_official_file
from kiosk.services.register import MemberRequest, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import IssuanceRecord
from resources import resource_path
from tests.support.factories import kiosk_context

SAMPLE = resource_path("sample", "official_records_sample.csv")
HUYEN = PersonDraft("Nguyễn Thị Huyền", date(1985, 3, 14), Sex.FEMALE, "066185012345")
DUC = PersonDraft("Trần Văn Đức", date(1982, 9, 2), Sex.MALE, "066082004567")


def _sample_with(tmp_path: Path, *changes: dict[str, str]) -> Path:
    """The shipped sample (Huyền, Đức) with each row's cells changed as given."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    path = tmp_path / "the-ghi.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows({**row, **change} for row, change in zip(rows, changes, strict=True))
    return path


def test_month_and_year_birth_dates_and_numeric_sex_parse(tmp_path: Path) -> None:
    """Birth dates "03/1985" and "09/1982" are kept as written; sex "2" is female and "1" male
    (as are "female" and "male")."""
    path = _sample_with(
        tmp_path, {"birth_date": "03/1985", "sex": "2"}, {"birth_date": "09/1982", "sex": "1"}
    )
    records = parse_official_file(path)
    assert [(r.birth_date, r.sex) for r in records] == [
        ("03/1985", Sex.FEMALE),
        ("09/1982", Sex.MALE),
    ]
    words = _sample_with(tmp_path, {"sex": "female"}, {"sex": "Male"})
    assert [r.sex for r in parse_official_file(words)] == [Sex.FEMALE, Sex.MALE]


@pytest.mark.parametrize(
    ("birth", "sex"),
    [
        ("3/1985", "2"),
        ("00/1985", "2"),
        ("13/1985", "2"),  # no month 13 (was read as a day with no month)
        ("31/1985", "1"),
        ("03/1985", "3"),
        ("03/1885", "0"),
    ],
)
def test_malformed_month_year_or_sex_is_refused(tmp_path: Path, birth: str, sex: str) -> None:
    """A one-digit month, month 00 or 13, a day with no month (31/1985), a year before 1900,
    and sex codes other than 1/2 are refused
    cell by cell (row 2), nothing imported."""
    path = _sample_with(tmp_path, {"birth_date": birth, "sex": sex}, {})
    with pytest.raises(KioskError) as err:
        parse_official_file(path)
    assert err.value.code == "import.rows_invalid"
    wrong = {"birth_date"} if birth != "03/1985" else set()
    wrong |= {"sex"} if sex not in ("1", "2") else set()
    assert [(e.row, e.column) for e in err.value.params["errors"]] == [
        (2, c) for c in COLUMNS if c in wrong
    ]


def _register(db: Database) -> None:
    with db.unit_of_work() as s:
        choice = (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),)
        register_visit(s, kiosk_context(), [MemberRequest(p, choice) for p in (HUYEN, DUC)])


def test_month_year_birth_date_matches_the_registered_person(db: Database, tmp_path: Path) -> None:
    """Stored against people registered here: "03/1985" agrees with 14/03/1985 and "09/1982"
    with 02/09/1982, so both official cards are stored; "04/1985" is refused as "birth date
    differs" (row 2) and nothing is stored."""
    _register(db)
    wrong = _sample_with(tmp_path, {"birth_date": "04/1985", "sex": "2"}, {"sex": "1"})
    with pytest.raises(KioskError) as err, db.unit_of_work() as s:
        import_official_file(s, kiosk_context(), wrong)
    assert [(e.row, e.column, e.en) for e in err.value.params["errors"]] == [
        (2, "birth_date", "birth date differs")
    ]
    right = _sample_with(
        tmp_path, {"birth_date": "03/1985", "sex": "2"}, {"birth_date": "09/1982", "sex": "1"}
    )
    with db.unit_of_work() as s:
        summary = import_official_file(s, kiosk_context(), right)
    assert (summary.rows, summary.imported, summary.unchanged) == (2, 2, 0)
    with db.read() as s:
        stored = s.execute(
            select(IssuanceRecord.card_code, IssuanceRecord.kind).order_by(IssuanceRecord.card_code)
        ).all()
    assert [tuple(r) for r in stored] == [
        ("0166012345", IssuanceKind.OFFICIAL),
        ("GD4666698765432", IssuanceKind.OFFICIAL),
    ]
