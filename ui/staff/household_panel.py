"""The household's fiscal year at the desk: who joined before, at which position, the next
position, members the attendee says already paid, and staff corrections with a reason."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.domain.labels import MEMBER_STATUS, PAID_SOURCE, coded
from kiosk.errors import KioskError
from kiosk.policy.engine import covered_reasons, fiscal_year
from kiosk.services.context import KioskContext
from kiosk.services.household_corrections import correct_member
from kiosk.services.household_year import (
    HouseholdYearView,
    YearMember,
    find_household_year,
    household_year_view,
)
from kiosk.services.register import (
    DECLARED_SOURCES,
    MemberRequest,
    QuoteContext,
    quote_context,
)
from kiosk.store.models import Enrollment, HouseholdYear
from kiosk.store.models.household_year import COVERED, PAYING
from ui.i18n import current_language
from ui.staff.common import error_label, error_text, fill_table, make_table
from ui.staff.state import StaffState

translate = QCoreApplication.translate
MAX_DECLARED = 20  # a household rarely has more members; the ladder's floor is the 5th
# How the desk words a member's status and where their payment is known from (core codes in
# kiosk.store.models.household_year; these words are the desk's only).


def fit_columns(table: QTableWidget, stretch: int) -> None:
    """Columns as wide as their text, one column takes the rest and wraps (long descriptions
    such as "BHYT hộ gia đình, người thứ 2, 12 tháng" stay whole)."""
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    table.setWordWrap(True)


@dataclass(frozen=True)
class Correction:
    """What staff changes on one member, and why."""

    member_id: uuid.UUID
    position: int | None
    status: str
    covered_reason: str | None
    reason: str


class CorrectionDialog(QDialog):
    """Position, status and covered reason of one member; the reason is required (the service
    refuses a blank one and audits the rest)."""

    submitted = Signal(object)  # a Correction

    def __init__(self, member: YearMember, today_reasons: list[tuple[str, str]], parent: QWidget):
        super().__init__(parent)
        self.member = member
        self.setWindowTitle(translate("Staff", "Sửa thông tin thành viên hộ"))
        form = QFormLayout(self)
        form.addRow(QLabel(member.full_name or translate("Staff", "(người dân khai, không tên)")))
        self.status = QComboBox()
        for code in MEMBER_STATUS:
            self.status.addItem(coded(MEMBER_STATUS, code, current_language()), code)
        self.status.setCurrentIndex(max(0, self.status.findData(member.status)))
        self.position = QSpinBox()
        self.position.setRange(1, MAX_DECLARED)
        self.position.setValue(member.position or 1)
        self.covered_reason = QComboBox()
        for code, text in today_reasons:
            self.covered_reason.addItem(text, code)
        if member.covered_reason:
            self.covered_reason.setCurrentIndex(
                max(0, self.covered_reason.findData(member.covered_reason))
            )
        self.reason = QLineEdit()
        self.reason.setObjectName("correction_reason")
        self.reason.setPlaceholderText(translate("Staff", "Vì sao sửa (bắt buộc, ghi vào nhật ký)"))
        self.error = error_label()
        self.save = QPushButton(translate("Staff", "Lưu thay đổi"))
        self.save.setObjectName("save_correction")
        self.save.clicked.connect(self.submit)
        cancel = QPushButton(translate("Staff", "Hủy"))
        cancel.setProperty("role", "secondary")
        cancel.clicked.connect(self.reject)
        for label, widget in (
            ("Trạng thái", self.status),
            ("Thứ tự đóng", self.position),
            ("Lý do đã có thẻ", self.covered_reason),
            ("Lý do sửa", self.reason),
        ):
            form.addRow(translate("Staff", label), widget)
        form.addRow(self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel)
        buttons.addWidget(self.save)
        form.addRow(buttons)
        self.status.currentIndexChanged.connect(lambda _i: self._enable())
        self._enable()

    def _enable(self) -> None:
        paying = self.status.currentData() == PAYING
        self.position.setEnabled(paying)
        self.covered_reason.setEnabled(not paying)

    def submit(self) -> None:
        self.error.clear()
        paying = self.status.currentData() == PAYING
        self.save.setEnabled(False)
        self.submitted.emit(
            Correction(
                self.member.id,
                self.position.value() if paying else None,
                str(self.status.currentData()),
                None if paying else str(self.covered_reason.currentData()),
                self.reason.text(),
            )
        )

    def refused(self, text: str) -> None:
        self.save.setEnabled(True)
        self.error.setText(text)


class HouseholdPanel(QGroupBox):
    """Shows a household's record for the fiscal year (found by the page) and its ladder.

    `lookup_changed` fires when staff asks for a household by a member's identity number or
    changes the count of members declared paid: the page reads the records again.
    `corrected` fires after a correction was stored.
    """

    lookup_changed = Signal()
    corrected = Signal()

    def __init__(self, state: StaffState, year: int, parent: QWidget | None = None) -> None:
        super().__init__(translate("Staff", "Hộ gia đình trong năm {y}").format(y=year), parent)
        self.state = state
        self.view: HouseholdYearView | None = None
        self.dialog: CorrectionDialog | None = None
        layout = QVBoxLayout(self)
        find = QHBoxLayout()
        self.lookup = QLineEdit()
        self.lookup.setObjectName("household_lookup")
        self.lookup.setPlaceholderText(
            translate("Staff", "CCCD của một người trong hộ đã đóng năm nay")
        )
        self.lookup.editingFinished.connect(self.lookup_changed.emit)
        self.find_button = QPushButton(translate("Staff", "Tìm hộ"))
        self.find_button.clicked.connect(self.lookup_changed.emit)
        find.addWidget(self.lookup, 1)
        find.addWidget(self.find_button)
        layout.addLayout(find)
        self.table = make_table(
            [
                translate("Staff", "Thứ tự"),
                translate("Staff", "Họ và tên"),
                translate("Staff", "Trạng thái"),
                translate("Staff", "Nơi đóng"),
            ]
        )
        self.table.setObjectName("household_members")
        fit_columns(self.table, stretch=1)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(170)
        layout.addWidget(self.table)
        self.summary = QLabel("")
        self.summary.setObjectName("household_summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.summary)
        declared = QHBoxLayout()
        self.declared_label = QLabel(
            translate("Staff", "Số người trong hộ đã đóng nơi khác năm nay (người dân khai):")
        )
        self.declared_label.setWordWrap(True)
        self.declared = QSpinBox()
        self.declared.setObjectName("declared_paid")
        self.declared.setRange(0, MAX_DECLARED)
        self.declared.valueChanged.connect(lambda _v: self.lookup_changed.emit())
        # How the desk knows those members paid: the attendee's word, or the VSS records
        # (recorded with each declared member as its paid source).
        self.source = QComboBox()
        self.source.setObjectName("declared_source")
        for code in DECLARED_SOURCES:
            self.source.addItem(coded(PAID_SOURCE, code, current_language()), code)
        declared.addWidget(self.declared_label, 1)
        declared.addWidget(self.declared)
        declared.addWidget(self.source)
        layout.addLayout(declared)
        self.correct_button = QPushButton(translate("Staff", "Sửa thứ tự / trạng thái…"))
        self.correct_button.setObjectName("correct_member")
        self.correct_button.setProperty("role", "secondary")
        self.correct_button.clicked.connect(self.open_correction)
        layout.addWidget(self.correct_button)
        self.error = error_label()
        layout.addWidget(self.error)
        self.show_view(None)

    # What the page reads ---------------------------------------------------------------------

    def lookup_id(self) -> str:
        return "".join(self.lookup.text().split())

    def household_year_id(self) -> uuid.UUID | None:
        return self.view.id if self.view else None

    def declared_paid(self) -> int:
        """Members declared paid elsewhere: only for a household with no record yet."""
        return 0 if self.view else self.declared.value()

    def declared_source(self) -> str:
        """Where the members declared paid are known from: "declared" or "vss_record"."""
        return str(self.source.currentData())

    def already_paid(self) -> int:
        return self.view.already_paid if self.view else self.declared.value()

    # Showing -----------------------------------------------------------------------------------

    def show_view(self, view: HouseholdYearView | None, error: str = "") -> None:
        self.view = view
        self.error.setText(error)
        rows = []
        for m in view.members if view else ():
            status = coded(MEMBER_STATUS, m.status, current_language())
            if m.status == COVERED and m.covered_reason:
                status += f" ({self._reason_text(m.covered_reason)})"
            source = coded(PAID_SOURCE, m.paid_source, current_language())
            if m.paid_on is not None:
                source += m.paid_on.strftime(" %d/%m/%Y")
            name = m.full_name or translate("Staff", "(không tên)")
            rows.append((str(m.position) if m.position else "—", name, status, source))
        fill_table(self.table, rows)
        self.table.resizeRowsToContents()
        self.declared.setEnabled(view is None)
        self.declared_label.setEnabled(view is None)
        self.source.setEnabled(view is None)
        self.correct_button.setEnabled(bool(rows))
        if view is None:
            self.summary.setText(
                translate(
                    "Staff",
                    "Chưa có hồ sơ của hộ trong năm. Người đóng đầu tiên hôm nay là người thứ {n}.",
                ).format(n=self.declared.value() + 1)
            )
            return
        self.summary.setText(
            translate(
                "Staff",
                "Đã đóng trong năm: {k} người. Người đóng tiếp theo là người thứ {n}.",
            ).format(k=view.already_paid, n=view.next_position)
        )

    def _reason_text(self, code: str) -> str:
        return next((r.vi for r in covered_reasons(self.state.ctx.today()) if r.code == code), code)

    # Corrections -------------------------------------------------------------------------------

    def selected_member(self) -> YearMember | None:
        row = self.table.currentRow()
        if self.view is None or not 0 <= row < len(self.view.members):
            return None
        return self.view.members[row]

    def open_correction(self) -> None:
        member = self.selected_member()
        if member is None:
            self.error.setText(translate("Staff", "Chọn một thành viên trong bảng để sửa."))
            return
        reasons = [(r.code, r.vi) for r in covered_reasons(self.state.ctx.today())]
        self.dialog = CorrectionDialog(member, reasons, self)
        self.dialog.submitted.connect(self._store)
        self.dialog.open()

    def _store(self, correction: Correction) -> None:
        dialog = self.dialog
        ctx, staff = self.state.ctx, self.state.staff_id

        def store(session: Session) -> HouseholdYearView:
            return correct_member(
                session,
                ctx,
                correction.member_id,
                reason=correction.reason,
                staff_id=staff,
                position=correction.position,
                status=correction.status,
                covered_reason=correction.covered_reason,
            )

        def done(view: HouseholdYearView) -> None:
            if dialog is not None:
                dialog.accept()
            self.show_view(view)
            self.corrected.emit()

        def failed(exc: BaseException) -> None:
            if dialog is not None:
                dialog.refused(error_text(exc))

        self.state.write(store, done, failed)


@dataclass(frozen=True)
class Records:
    """What the stored records add to the page's quote, read off the GUI thread for `key`."""

    key: tuple[object, ...]
    view: HouseholdYearView | None
    context: QuoteContext | None
    error: str = ""


def load_records(
    session: Session,
    ctx: KioskContext,
    members: Sequence[MemberRequest],
    lookup: Sequence[str],
    renewal: uuid.UUID | None,
    declared: int,
    key: tuple[object, ...],
) -> Records:
    """The household's record this fiscal year (by a member's identity number, or the
    household a renewed card belonged to) and the quote context of `members` against it."""
    year = fiscal_year(ctx.today())
    try:
        numbers = [*lookup, *(m.draft.personal_id for m in members)]
        view = find_household_year(session, year, personal_ids=[n for n in numbers if n])
        if view is None and renewal is not None:
            view = _renewal_household(session, renewal, year)
        context = None
        if members:
            context = quote_context(
                session, ctx, members, view.id if view else None, 0 if view else declared
            )
    except KioskError as error:
        return Records(key, None, None, error.vi)
    return Records(key, view, context)


def _renewal_household(
    session: Session, enrollment_id: uuid.UUID, year: int
) -> HouseholdYearView | None:
    """This year's record of the household the renewed card was bought in, if it has one."""
    household = session.scalar(
        select(Enrollment.household_id).where(Enrollment.id == enrollment_id)
    )
    if household is None:
        return None
    record = session.scalar(
        select(HouseholdYear.id).where(
            HouseholdYear.household_id == household, HouseholdYear.fiscal_year == year
        )
    )
    return household_year_view(session, record) if record else None
