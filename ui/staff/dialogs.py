"""Asking for a reason and a supervisor's name and PIN without blocking the event loop."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.enums import Role
from kiosk.errors import KioskError
from kiosk.services.staff_auth import login, staff_names
from ui.staff.common import error_label, error_text
from ui.staff.state import StaffState

translate = QCoreApplication.translate


class ConfirmDialog(QDialog):
    """A reason (optional) and a supervisor's sign-off (optional), checked off the GUI thread.

    `on_ok(reason, supervisor_id)` runs after the supervisor's PIN checked out as a supervisor
    (or at once when no supervisor is needed). Opened with `open()`: window-modal, not blocking.
    """

    def __init__(
        self,
        state: StaffState,
        title: str,
        on_ok: Callable[[str, uuid.UUID | None], None],
        *,
        need_reason: bool,
        need_supervisor: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.on_ok = on_ok
        self.need_reason = need_reason
        self.need_supervisor = need_supervisor
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(title))
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(translate("Staff", "Ví dụ: thẻ bị kẹt giấy"))
        self.supervisor = QComboBox()
        self.supervisor.setEditable(True)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        if need_reason:
            form.addRow(translate("Staff", "Lý do"), self.reason)
        if need_supervisor:
            form.addRow(translate("Staff", "Giám sát viên"), self.supervisor)
            form.addRow(translate("Staff", "Mã PIN giám sát"), self.pin)
            state.read(staff_names, self._names)
        layout.addLayout(form)
        self.error = error_label()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.busy = False

    def submit(self) -> None:
        reason = " ".join(self.reason.text().split())
        if self.need_reason and not reason:
            self.error.setText(translate("Staff", "Hãy ghi lý do."))
            return
        if not self.need_supervisor:
            self.accept()
            self.on_ok(reason, None)
            return
        name, pin = self.supervisor.currentText(), self.pin.text()
        self.busy = True
        self.state.tasks.run(
            lambda: self._check(name, pin), lambda sid: self._approved(reason, sid), self._refused
        )

    def _check(self, name: str, pin: str) -> uuid.UUID:
        with self.state.db.unit_of_work() as session:
            staff = login(session, self.state.ctx, name, pin)
            if staff.role != Role.SUPERVISOR:
                raise KioskError(
                    "auth.supervisor_required",
                    vi="Việc này cần giám sát viên xác nhận.",
                    en="This needs a supervisor.",
                )
            return staff.id

    def _approved(self, reason: str, supervisor_id: uuid.UUID) -> None:
        self.busy = False
        self.accept()
        self.on_ok(reason, supervisor_id)

    def _refused(self, error: BaseException) -> None:
        self.busy = False
        self.pin.clear()
        self.error.setText(error_text(error))

    def _names(self, names: list[str]) -> None:
        self.supervisor.clear()
        self.supervisor.addItems(names)
