"""A bundle's row that meets another row already here: which one is kept, and what is reported.

The merge only inserts (kiosk.services.bundle): a row here is never overwritten. These helpers
find the row here that a bundle's row repeats under another id (same identity number, receipt
number, payment key, household place or household year) and describe the differences.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from kiosk.store.models import HouseholdYear, Person

PERSON_FIELDS = ("full_name", "personal_id", "birth_date", "phone", "address")
YEAR_MEMBER_FIELDS = ("status", "position", "covered_reason")


def person_clash(session: Session, values: dict[str, Any]) -> Any:
    """The id of the person here with the same identity number (another id), or None."""
    if not values.get("personal_id"):
        return None
    return session.scalar(select(Person.id).where(Person.personal_id == values["personal_id"]))


def year_clash(session: Session, values: dict[str, Any]) -> Any:
    """The id of this household's record for the same fiscal year here (another id), or None:
    two places opened the same household's year; the one here is kept and continued."""
    return session.scalar(
        select(HouseholdYear.id).where(
            HouseholdYear.household_id == values["household_id"],
            HouseholdYear.fiscal_year == values["fiscal_year"],
        )
    )


def compare_person(existing: Any, values: dict[str, Any]) -> str | None:
    """The conflict line when the person here differs from the bundle's copy."""
    changed = [f for f in PERSON_FIELDS if getattr(existing, f) != values[f]]
    if not changed:
        return None
    return describe_person(
        values, f"kept the data here, the bundle differs in {', '.join(changed)}"
    )


def compare_year_member(existing: Any, values: dict[str, Any]) -> str | None:
    """A member corrected on one side after the first merge: the office's row is kept."""
    changed = [f for f in YEAR_MEMBER_FIELDS if getattr(existing, f) != values[f]]
    if not changed:
        return None
    return (
        f"household_year_members: {values['id']} kept the data here, the bundle differs in "
        f"{', '.join(changed)}"
    )


def describe_person(values: dict[str, Any], what: str) -> str:
    """A person in a conflict line, the identity number masked."""
    pid = str(values.get("personal_id") or "")
    shown = f"identity number {pid[:3]}******{pid[-3:]}" if pid else f"person {values['id']}"
    return f"persons: {shown} {what}"


def natural_clash(session: Session, table: Table, values: dict[str, Any]) -> str | None:
    """Another row here already holds this receipt number, payment key, household place or
    household-year place (person or position): the conflict line, or None."""
    if table.name == "receipts":
        found = session.scalar(
            select(table.c.id).where(
                table.c.series == values["series"], table.c.number == values["number"]
            )
        )
        if found is not None:
            return f"receipts: {values['series']}-{values['number']} exists with another id (not imported)"
    if table.name == "payments":
        found = session.scalar(
            select(table.c.id).where(table.c.idempotency_key == values["idempotency_key"])
        )
        if found is not None:
            return f"payments: {values['id']} repeats a payment already here (not imported)"
    if table.name == "household_members":
        found = session.scalar(
            select(table.c.id).where(
                table.c.household_id == values["household_id"],
                table.c.person_id == values["person_id"],
            )
        )
        if found is not None:
            return f"household_members: {values['id']} repeats a member already here (not imported)"
    if table.name == "household_year_members":
        return _year_member_clash(session, table, values)
    return None


def _year_member_clash(session: Session, table: Table, values: dict[str, Any]) -> str | None:
    """The same person, or another member at the same position, in this household's year."""
    same_year = table.c.household_year_id == values["household_year_id"]
    for column, what in (("person_id", "the same person"), ("position", "the same position")):
        if values[column] is None:
            continue
        found = session.scalar(
            select(table.c.id).where(same_year, table.c[column] == values[column])
        )
        if found is not None:
            return (
                f"household_year_members: {values['id']} has {what} as a member already here "
                "(not imported; correct the household's record at the office)"
            )
    return None
