"""Hostile input: fuzzed config files, injection-shaped and odd Unicode text stored verbatim."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kiosk.config import parse_config
from kiosk.config_template import DEFAULT_CONFIG
from kiosk.domain.enums import Scheme, Sex
from kiosk.domain.localtime import UTC
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError
from kiosk.services.context import KioskContext
from kiosk.services.register import MemberRequest, RegistrationInvalid, SchemeChoice, register_visit
from kiosk.store.db import Database
from kiosk.store.models import Person
from tests.support.factories import kiosk_context


@settings(max_examples=150)
@given(st.text(max_size=300))
def test_config_fuzz_gives_only_config_errors(text: str) -> None:
    """Any text as a config file either loads or gives a config.* error with a message."""
    try:
        parse_config(text)
    except KioskError as err:
        assert err.code.startswith("config.") and err.vi and err.en


@settings(max_examples=150)
@given(line=st.sampled_from(DEFAULT_CONFIG.splitlines()), junk=st.text(max_size=40))
def test_config_with_one_line_broken(line: str, junk: str) -> None:
    """Replacing any one line of the defaults with junk never crashes the loader."""
    try:
        parse_config(DEFAULT_CONFIG.replace(line, junk, 1) if line else DEFAULT_CONFIG)
    except KioskError as err:
        assert err.code.startswith("config.")


def _ctx() -> KioskContext:
    base = kiosk_context()
    return KioskContext(
        base.kiosk_id,
        base.event_id,
        base.receipt_series,
        clock=lambda: datetime(2026, 11, 25, 3, tzinfo=UTC),
    )


ODD_ADDRESSES = [
    "Robert'); DROP TABLE persons;-- , xã Ea Kao",
    "<script>alert('x')</script> thôn 3",
    "%s %d {0} ${HOME} $(rm -rf /) `id`",
    "Buôn Ma Thuột " * 20,
]


@pytest.mark.parametrize("address", ODD_ADDRESSES)
def test_injection_shaped_text_is_stored_verbatim(db: Database, address: str) -> None:
    """SQL-, HTML- and shell-shaped text is data: stored and read back unchanged."""
    draft = PersonDraft(
        full_name="H'Hen Niê", birth_date=date(1990, 1, 1), sex=Sex.FEMALE, address=address[:300]
    )
    with db.unit_of_work() as s:
        register_visit(
            s, _ctx(), [MemberRequest(draft, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))]
        )
    with db.read() as s:
        person = s.scalars(select(Person)).one()
    assert person.address == " ".join(address[:300].split()) and person.full_name == "H'Hen Niê"


def test_decomposed_input_is_stored_composed(db: Database) -> None:
    """A name typed or scanned in NFD is stored in NFC, so search and printing agree."""
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Huyền")
    draft = PersonDraft(full_name=nfd, birth_date=date(1985, 3, 14), sex=Sex.FEMALE)
    with db.unit_of_work() as s:
        register_visit(
            s, _ctx(), [MemberRequest(draft, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))]
        )
    with db.read() as s:
        assert s.scalar(select(Person.full_name)) == "Nguyễn Thị Huyền"


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=120))
def test_any_name_is_refused_cleanly_or_stored(db: Database, name: str) -> None:
    """Control characters, overlong and empty names are refused with a message; others store."""
    draft = PersonDraft(full_name=name, birth_date=date(1985, 3, 14), sex=Sex.FEMALE)
    try:
        with db.unit_of_work() as s:
            register_visit(
                s, _ctx(), [MemberRequest(draft, (SchemeChoice(Scheme.BHYT_HOUSEHOLD, 12),))]
            )
    except RegistrationInvalid as err:
        assert err.problems[0][1].code.startswith("name.")
        return
    # Line breaks and tabs between words become one space (a scanner's CR); any other control
    # character must have been refused.
    assert all(unicodedata.category(c) != "Cc" for c in " ".join(name.split()))
