"""The wizard controller's own messages: a person listed twice, a failed background write, a
field typed past its limit, and what to check in an accepted scan."""

from __future__ import annotations

from kiosk.errors import KioskError
from kiosk.scan.reader import read_scan


def same_person() -> KioskError:
    return KioskError(
        "selfservice.duplicate",
        vi="Người này đã có trong danh sách hộ gia đình.",
        en="This person is already in the household list.",
    )


def calm(error: BaseException) -> KioskError:
    """The sentence for a failed background write: its own for a KioskError, a calm one for a
    bug (ui.tasks / InlineRunner logged the traceback)."""
    if isinstance(error, KioskError):
        return error
    return KioskError(
        "selfservice.failed",
        vi="Có lỗi khi lưu. Mời bạn đến bàn nhân viên để được giúp.",
        en="Something went wrong while saving. Please ask at the staff desk.",
    )


def too_long(limit: int) -> KioskError:
    return KioskError(
        "selfservice.too_long",
        vi=f"Ô này nhận tối đa {limit} ký tự; phần gõ thêm không được ghi.",
        en=f"This field takes at most {limit} characters; the extra ones were not added.",
        limit=limit,
    )


def scan_notes(text: str) -> tuple[KioskError, ...]:
    """What to check in a scan the backend accepted (e.g. a name without its diacritics)."""
    try:
        return read_scan(text).problems
    except KioskError:
        return ()
