"""Printing a paid visit's documents at the desk: issue, follow each job, retry, reprint, void."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from kiosk.domain.enums import DocumentKind, EnrollmentStatus, PrintStatus
from kiosk.services.receipts import void_receipt
from kiosk.services.visits import VisitSummary
from printing import catalogue, queue, recovery
from printing.issue import JobRow
from ui.i18n import label_text
from ui.staff.common import cell, error_label, error_text, fill_table, make_table, money
from ui.staff.dialogs import ConfirmDialog
from ui.staff.state import StaffState

translate = QCoreApplication.translate


@dataclass(frozen=True)
class DeskPrinting:
    """How the desk issues documents: `issue(session, visit_id, staff_id)` queues them and
    `wake()` tells the printers to look now."""

    issue: Callable[[Session, uuid.UUID, uuid.UUID | None], list[uuid.UUID]]
    wake: Callable[[], None]


class IssuancePanel(QGroupBox):
    """The documents of the visit on screen; every action runs off the GUI thread."""

    def __init__(
        self, state: StaffState, printing: DeskPrinting, parent: QWidget | None = None
    ) -> None:
        super().__init__(translate("Staff", "In giấy tờ"), parent)
        self.state = state
        self.printing = printing
        self.summary: VisitSummary | None = None
        self.jobs: list[JobRow] = []
        self.dialog: ConfirmDialog | None = None
        layout = QVBoxLayout(self)
        self.issue = QPushButton(translate("Staff", "In biên lai, thẻ BHYT và bìa sổ BHXH"))
        self.issue.setObjectName("issue")
        self.issue.clicked.connect(self.issue_documents)
        layout.addWidget(self.issue)
        self.job_table = make_table(
            [
                translate("Staff", "Giấy tờ"),
                translate("Staff", "Của"),
                translate("Staff", "Trạng thái"),
                translate("Staff", "Lỗi gần nhất"),
            ]
        )
        self.job_table.setMinimumHeight(190)
        layout.addWidget(self.job_table)
        row = QHBoxLayout()
        self.retry = QPushButton(translate("Staff", "Thử in lại ngay"))
        self.retry.clicked.connect(self.retry_selected)
        self.reprint = QPushButton(translate("Staff", "In lại (ghi lý do)…"))
        self.reprint.setObjectName("reprint")
        self.reprint.clicked.connect(self.reprint_selected)
        self.came_out = QPushButton(translate("Staff", "Đã in ra"))
        self.came_out.clicked.connect(lambda: self.resolve_selected(printed=True))
        self.not_out = QPushButton(translate("Staff", "Chưa in ra, in lại"))
        self.not_out.clicked.connect(lambda: self.resolve_selected(printed=False))
        self.void = QPushButton(translate("Staff", "Hủy biên lai…"))
        self.void.setObjectName("void")
        self.void.setProperty("role", "secondary")
        self.void.clicked.connect(self.ask_void)
        for button in (self.retry, self.reprint, self.came_out, self.not_out, self.void):
            row.addWidget(button)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.error = error_label()
        layout.addWidget(self.error)

    def show_jobs(self, summary: VisitSummary, jobs: list[JobRow]) -> None:
        """The visit's documents and their state (after every reload of the visit)."""
        self.summary, self.jobs = summary, jobs
        fill_table(
            self.job_table,
            [
                (
                    label_text(j.kind) + (translate("Staff", " (in lại)") if j.is_reprint else ""),
                    j.label,
                    label_text(j.status),
                    j.error,
                )
                for j in jobs
            ],
        )
        review = any(j.status == PrintStatus.REVIEW for j in jobs)
        self.came_out.setVisible(review)  # only after a crash interrupted a card or booklet
        self.not_out.setVisible(review)
        paid = summary.status == EnrollmentStatus.PAID
        self.void.setEnabled(paid and summary.receipt_id is not None)

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_text(error))

    def ask_void(self) -> None:
        """Void the receipt: money handed back, the number kept; a reason and a supervisor."""
        summary = self.summary
        if summary is None or summary.receipt_id is None:
            return
        receipt_id = summary.receipt_id

        def void(reason: str, supervisor: uuid.UUID | None) -> None:
            assert supervisor is not None  # the dialog asked for one
            self.state.write(
                lambda s: void_receipt(s, self.state.ctx, receipt_id, reason, supervisor),
                lambda _receipt: self.message.setText(
                    translate("Staff", "Đã hủy biên lai {n}; số biên lai được giữ lại.").format(
                        n=summary.receipt_number
                    )
                ),
                self._failed,
            )

        self.dialog = ConfirmDialog(
            self.state,
            translate("Staff", "Hủy biên lai {n} và hoàn {m}").format(
                n=summary.receipt_number, m=money(summary.total)
            ),
            void,
            need_reason=True,
            need_supervisor=True,
            parent=self,
        )
        self.dialog.open()

    def issue_documents(self) -> None:
        summary = self.summary
        if summary is None:
            return
        staff = self.state.staff_id
        self.state.write(
            lambda s: self.printing.issue(s, summary.visit_id, staff),
            lambda _jobs: self.printing.wake(),
            self._failed,
        )

    def selected_job(self) -> JobRow | None:
        row = self.job_table.currentRow()
        return self.jobs[row] if 0 <= row < len(self.jobs) else None

    def select_job(self, kind: DocumentKind) -> None:
        """Select the first job of `kind` (keyboard users and tests)."""
        for row, job in enumerate(self.jobs):
            if job.kind == kind:
                self.job_table.selectRow(row)
                return

    def retry_selected(self) -> None:
        job = self.selected_job()
        if job is not None:
            staff = self.state.staff_id
            self.state.write(
                lambda s: queue.retry(s, self.state.ctx, job.job_id, staff),
                lambda _job: self.printing.wake(),
                self._failed,
            )

    def reprint_selected(self) -> None:
        """A printed document again: a reason always, a supervisor for a card."""
        job = self.selected_job()
        if job is None:
            return
        staff = self.state.staff_id

        def reprint(reason: str, supervisor: uuid.UUID | None) -> None:
            self.state.write(
                lambda s: queue.reprint(s, self.state.ctx, job.job_id, reason, staff, supervisor),
                lambda _job: self.printing.wake(),
                self._failed,
            )

        title = translate("Staff", "In lại {kind}").format(kind=label_text(job.kind).lower())
        self.dialog = ConfirmDialog(
            self.state,
            title,
            reprint,
            need_reason=True,
            need_supervisor=catalogue.entry(job.kind).needs_supervisor,
            parent=self,
        )
        self.dialog.open()

    def resolve_selected(self, *, printed: bool) -> None:
        """After a crash: did the card come out? "No" needs a supervisor for the kinds whose
        catalogue entry says so (cards)."""
        job = self.selected_job()
        if job is None or job.status != PrintStatus.REVIEW:
            return
        staff = self.state.staff_id

        def resolve(_reason: str, supervisor: uuid.UUID | None) -> None:
            self.state.write(
                lambda s: recovery.resolve_review(
                    s,
                    self.state.ctx,
                    job.job_id,
                    printed=printed,
                    staff_id=staff,
                    supervisor_id=supervisor,
                ),
                lambda _job: self.printing.wake(),
                self._failed,
            )

        if printed or not catalogue.entry(job.kind).needs_supervisor:
            resolve("", None)
            return
        self.dialog = ConfirmDialog(
            self.state,
            translate("Staff", "{kind} chưa in ra: in lại").format(kind=label_text(job.kind)),
            resolve,
            need_reason=False,
            need_supervisor=True,
            parent=self,
        )
        self.dialog.open()

    def job_status_text(self, row: int) -> str:
        return cell(self.job_table, row, 2)
