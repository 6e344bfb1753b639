"""Fixtures shared by the staff page tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk.services.context import KioskContext
from kiosk.store.db import Database
from tests.support.paid import fixed_ctx
from tests.ui.staff.office import drain


@pytest.fixture(autouse=True)
def _drain(db: Database) -> Iterator[None]:
    """Pages' worker tasks finish before the test's database is closed."""
    yield
    drain()


@pytest.fixture
def ctx() -> KioskContext:
    """The test kiosk, its clock at noon on 25/11/2026 (Vietnam time)."""
    return fixed_ctx()
