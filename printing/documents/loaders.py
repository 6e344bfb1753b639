"""Pluggable loaders that turn stored records into document models (the lead wires the DB)."""

from __future__ import annotations

from kiosk.errors import KioskError
from printing.documents.models import (
    BookletCoverDocument,
    CardDocument,
    DeclarationDocument,
    ReceiptDocument,
)

Document = CardDocument | BookletCoverDocument | DeclarationDocument | ReceiptDocument


def load_for_enrollment(enrollment_id: str, kind: str, provisional: bool = False) -> Document:
    """The `kind` document ("card", "booklet", "declaration", "receipt") for an enrollment.

    Not wired to the database yet: replace this function (or assign the module attribute) to
    plug a loader in; until then the CLI says the feature is unavailable.
    """
    raise KioskError(
        "render.enrollment_unavailable",
        vi="Chưa thể in theo mã đăng ký: chức năng đọc dữ liệu chưa được kết nối.",
        en="Rendering by enrollment is not available yet: the data loader is not connected.",
        enrollment_id=enrollment_id,
    )
