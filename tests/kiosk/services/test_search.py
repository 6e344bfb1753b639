"""People search: identity numbers, phones, accent-folded name prefixes, duplicates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select, text

from kiosk.domain.enums import Sex
from kiosk.domain.keys import public_key_text
from kiosk.services.bundle import export_bundle, merge_bundle
from kiosk.services.bundle_trust import trust_kiosk
from kiosk.services.context import KioskContext
from kiosk.services.retention import purge_personal_data
from kiosk.services.search import (
    PersonHit,
    find_duplicates,
    fold,
    index_person_name,
    naive_search_people,
    name_tokens,
    search_people,
)
from kiosk.store.db import Database, sqlite_url
from kiosk.store.migrate import upgrade
from kiosk.store.models import Event, Kiosk, Person, PersonNameToken
from tests.kiosk.services.consoledata import NOW, ctx_at, draft, register

PEOPLE = [
    ("Nguyễn Thị Huyền", 1, date(1985, 3, 14), Sex.FEMALE, "0912345678"),
    ("Trần Văn Đức", 2, date(1980, 2, 2), Sex.MALE, ""),
    ("Phạm Đức Anh", 3, date(1990, 7, 9), Sex.MALE, ""),
    ("Lê Văn Duc", 4, date(1979, 1, 5), Sex.MALE, ""),
    ("Nguyễn Văn Huy", 5, date(1975, 5, 5), Sex.MALE, "0987654321"),
    ("Huỳnh Thị Lan", 6, date(1992, 9, 30), Sex.FEMALE, ""),
    ("Ksor H'Hen", 7, date(1988, 4, 4), Sex.FEMALE, ""),
    ("Ksor Hen", 8, date(1987, 4, 4), Sex.FEMALE, ""),
]


@pytest.fixture
def people(any_db: Database) -> Database:
    """Eight people registered through the real registration service."""
    ctx = ctx_at()
    for name, serial, born, sex, phone in PEOPLE:
        register(any_db, ctx, [draft(name, serial, born, sex, phone)])
    return any_db


def _names(hits: list[PersonHit]) -> list[str]:
    return [h.full_name for h in hits]


def test_fold_and_tokens() -> None:
    """Folding drops accents and đ in NFC and NFD alike; tokens are distinct, in order, <= 40."""
    nfd = "Nguye\u0302\u0303n  \u0110u\u031b\u0301c"
    assert fold("  Nguyễn   Thị ĐỨC ") == "nguyen thi duc"
    assert fold(nfd) == "nguyen duc"
    assert name_tokens("Nguyễn Nguyên Đức nguyen") == ["nguyen", "duc"]
    assert name_tokens("A" * 50) == ["a" * 40]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen thi huyen", ["Nguyễn Thị Huyền"]),
        ("Nguyễn Thị Huyền", ["Nguyễn Thị Huyền"]),
        ("huyen nguyen", ["Nguyễn Thị Huyền"]),
        ("NGUYEN", ["Nguyễn Thị Huyền", "Nguyễn Văn Huy"]),
        ("huy", ["Huỳnh Thị Lan", "Nguyễn Thị Huyền", "Nguyễn Văn Huy"]),
        ("nguy huy", ["Nguyễn Thị Huyền", "Nguyễn Văn Huy"]),
        ("Đức", ["Lê Văn Duc", "Phạm Đức Anh", "Trần Văn Đức"]),
        ("duc", ["Lê Văn Duc", "Phạm Đức Anh", "Trần Văn Đức"]),
        ("van duc", ["Lê Văn Duc", "Trần Văn Đức"]),
        ("thi lan", ["Huỳnh Thị Lan"]),
        ("xuan", []),
        ("nguyen xuan", []),
        ("h", []),
        ("", []),
        ("  ", []),
    ],
)
def test_name_search_folds_accents_and_matches_prefixes(
    people: Database, query: str, expected: list[str]
) -> None:
    """Every word of the query is a prefix of some word of the name, accents ignored, by name."""
    with people.read() as s:
        assert _names(search_people(s, query)) == expected


def test_numbers_find_by_identity_phone_and_codes(people: Database) -> None:
    """12 digits: identity number; 10 starting with 0: phone; other lengths find nothing."""
    with people.read() as s:
        person = s.scalars(select(Person).where(Person.full_name == "Trần Văn Đức")).one()
        person.old_id_number, person.legacy_si_code = "241234567", "6612345678"
        s.flush()
        hits = search_people(s, "066080000002")
        assert _names(hits) == ["Trần Văn Đức"]
        assert hits[0] == PersonHit(
            person.id,
            "Trần Văn Đức",
            "066080000002",
            "6612345678",
            date(1980, 2, 2),
            None,
            "Thôn 3, xã Ea Kao, Đắk Lắk",
            "quoted",
        )
        assert _names(search_people(s, "0912 345 678")) == ["Nguyễn Thị Huyền"]
        assert _names(search_people(s, "241234567")) == ["Trần Văn Đức"]
        assert _names(search_people(s, "6612345678")) == ["Trần Văn Đức"]
        assert search_people(s, "066080000099") == []
        assert search_people(s, "12345") == []


def test_limit_and_naive_search_agree(people: Database) -> None:
    """The limit keeps the first names in order; the naive scan finds the same for a full word."""
    with people.read() as s:
        assert _names(search_people(s, "duc", limit=2)) == ["Lê Văn Duc", "Phạm Đức Anh"]
        assert _names(naive_search_people(s, "Đức")) == _names(search_people(s, "duc"))
        assert _names(naive_search_people(s, "thi huyen")) == ["Nguyễn Thị Huyền"]
        assert naive_search_people(s, "x") == []


def test_renaming_replaces_tokens(db: Database) -> None:
    """A corrected name is found by its new words only; indexing twice changes nothing."""
    ctx = ctx_at()
    register(db, ctx, [draft("Nguyễn Thị Huyền", 1)])
    register(db, ctx, [draft("Nguyễn Thị Huyến Trang", 1)])  # same identity number: refreshed
    with db.unit_of_work() as s:
        assert _names(search_people(s, "trang huyen")) == ["Nguyễn Thị Huyến Trang"]
        person = s.scalars(select(Person)).one()
        index_person_name(s, person)
        tokens = s.scalars(select(PersonNameToken.token).order_by(PersonNameToken.token)).all()
        assert tokens == ["huyen", "nguyen", "thi", "trang"]
        assert person.name_folded == "nguyen thi huyen trang"


def test_find_duplicates_by_identity_or_name_and_birth(db: Database) -> None:
    """Same identity number, or same folded name and birth date, is a possible duplicate."""
    ctx = ctx_at()
    register(db, ctx, [draft("Nguyễn Thị Huyền", 1, with_id=False)])
    register(db, ctx, [draft("Trần Văn Đức", 2, date(1980, 2, 2), Sex.MALE)])
    with db.read() as s:
        assert _names(find_duplicates(s, None, "NGUYEN THI HUYEN", date(1985, 3, 14))) == [
            "Nguyễn Thị Huyền"
        ]
        assert find_duplicates(s, None, "Nguyễn Thị Huyền", date(1985, 3, 15)) == []
        assert _names(find_duplicates(s, "066080000002", "Someone Else", date(2000, 1, 1))) == [
            "Trần Văn Đức"
        ]


def test_purged_people_leave_no_name_tokens(db: Database) -> None:
    """Retention removes the name tokens with the name: the person is no longer found."""
    register(db, ctx_at(), [draft("Nguyễn Thị Huyền", 1)])
    with db.unit_of_work() as s:
        purge_personal_data(s, ctx_at(), date(2030, 1, 1), dry_run=False)
    with db.read() as s:
        assert search_people(s, "huyen") == []
        assert s.scalars(select(PersonNameToken)).all() == []


def test_people_merged_from_a_bundle_are_found_by_name(db: Database, tmp_path: Path) -> None:
    """A person registered at another kiosk and merged here is found by name search."""
    field = Database(sqlite_url(tmp_path / "k02.sqlite3"))
    upgrade(field)
    base = ctx_at()
    k02 = KioskContext("K02", base.event_id, "K02", clock=base.clock)
    with field.unit_of_work() as s:
        s.add(Kiosk(id="K02", receipt_series="K02", event_id=base.event_id))
        s.add(Event(id=base.event_id, name="Sự kiện", starts_on=NOW.date(), ends_on=NOW.date()))
    register(field, k02, [draft("Hoàng Văn Thụ", 7, date(1970, 1, 1), Sex.MALE)])
    key, office = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
    with field.unit_of_work() as s:
        data = export_bundle(s, k02, key, office.public_key())
    field.dispose()
    with db.unit_of_work() as s:
        trust_kiosk(s, ctx_at(), "K02", public_key_text(key))
    with db.unit_of_work() as s:
        merge_bundle(s, ctx_at(), data, office)
    with db.read() as s:
        assert _names(search_people(s, "thu hoang")) == ["Hoàng Văn Thụ"]


def test_apostrophe_names_match_by_prefix(people: Database) -> None:
    """Ethnic-minority names with an apostrophe ("H'Hen") are found by their own prefix and
    not confused with the same letters without it."""
    with people.read() as s:
        assert _names(search_people(s, "ksor h'h")) == ["Ksor H'Hen"]
        assert _names(search_people(s, "ksor he")) == ["Ksor Hen"]


@pytest.mark.postgres
def test_token_column_sorts_by_bytes_on_postgresql(pg_db: Database) -> None:
    """The prefix ranges need byte order: the token column is collated "C" whatever the
    database's locale, so "h'hen" is found by "h'h" as on SQLite."""
    with pg_db.read() as s:
        collation = s.execute(
            text(
                "SELECT collation_name FROM information_schema.columns "
                "WHERE table_name = 'person_name_tokens' AND column_name = 'token'"
            )
        ).scalar_one()
    assert collation == "C"


def test_name_search_reads_the_index_not_every_person(tmp_path: Path) -> None:
    """Among 20,000 people the indexed name search runs under half the SQLite VM steps than the plain
    scan (counted with a progress handler: an operation count, not a time, so CI load cannot
    flip it), and both find the same people."""
    from benchmarks.people import build
    from kiosk.store.db import Database as Db

    db = Db(build(tmp_path / "people.sqlite", 20_000))
    steps = {"n": 0}

    def count() -> int:
        steps["n"] += 1
        return 0

    def measured(search: object) -> tuple[int, list[str]]:
        with db.unit_of_work() as session:
            raw = session.connection().connection.driver_connection
            raw.set_progress_handler(count, 1)
            steps["n"] = 0
            hits = search(session, "nguyen thi huyen", limit=20)  # type: ignore[operator]
            raw.set_progress_handler(None, 1)
        return steps["n"], sorted(h.full_name + str(h.person_id) for h in hits)

    indexed, found = measured(search_people)
    naive, found_naive = measured(naive_search_people)
    assert found == found_naive and found
    assert indexed * 2 < naive, (indexed, naive)
