"""Staff login by name and PIN; on a new kiosk, creating the first supervisor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.enums import Role
from ui.staff.common import error_label, error_text, heading
from ui.staff.state import StaffState
from ui.widgets.numpad import NumPad

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from kiosk.store.models import Staff

translate = QCoreApplication.translate


@dataclass(frozen=True)
class StaffSession:
    """Who is at the desk (the console's `state.staff`)."""

    staff_id: uuid.UUID
    name: str
    role: Role

    @property
    def is_supervisor(self) -> bool:
        return self.role == Role.SUPERVISOR


class LoginPage(QWidget):
    """Name and PIN; five wrong PINs lock the name for five minutes (kiosk.services.staff_auth).

    The PIN check (a slow key-derivation function) runs off the GUI thread.
    """

    def __init__(self, state: StaffState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        page = QHBoxLayout(self)
        card = QFrame()
        card.setObjectName("loginCard")
        card.setFixedWidth(560)
        page.addStretch(1)
        page.addWidget(card, 0, Qt.AlignmentFlag.AlignVCenter)
        page.addStretch(1)
        outer = QVBoxLayout(card)
        outer.addWidget(heading(translate("Staff", "Đăng nhập nhân viên")))
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        form = QFormLayout()
        self.name = QComboBox()
        self.name.setEditable(True)
        self.pin = QLineEdit()
        self.pin.setObjectName("pin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(8)
        self.pin.returnPressed.connect(self.submit)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setMaxLength(8)
        form.addRow(translate("Staff", "Họ và tên"), self.name)
        form.addRow(translate("Staff", "Mã PIN"), self.pin)
        self.new_pin_label = QLabel(translate("Staff", "Nhập lại mã PIN"))
        form.addRow(self.new_pin_label, self.new_pin)
        outer.addLayout(form)
        self.pad = NumPad()
        self.pad.target = self.pin
        outer.addWidget(self.pad)
        self.button = QPushButton(translate("Staff", "Đăng nhập"))
        self.button.setObjectName("login")
        self.button.clicked.connect(self.submit)
        outer.addWidget(self.button)
        self.error = error_label()
        outer.addWidget(self.error)
        self.first_run = False
        self._set_first_run(False)

    def refresh(self) -> None:
        """Load the staff names; with none, offer to create the first supervisor.

        At start-up the names wait for the database, which opens behind this page: until they
        come the page says so, rather than look stuck on a slow laptop."""
        if self.name.count() == 0 and not self.first_run:
            self.hint.setText(translate("Staff", "Đang mở dữ liệu của ki-ốt…"))
        self.state.read(_staff_names, self._names)

    def submit(self) -> None:
        name, pin = self.name.currentText().strip(), self.pin.text()
        self.error.clear()
        self.button.setEnabled(False)
        if self.first_run:
            if pin != self.new_pin.text():
                self._failed_text(translate("Staff", "Hai lần nhập mã PIN không giống nhau."))
                return
            self.state.write(lambda s: self._create(s, name, pin), self._logged_in, self._failed)
        else:
            self.state.write(lambda s: self._login(s, name, pin), self._logged_in, self._failed)

    # The three below run on a worker thread: the services load there, not before the page
    # shows (the login page is the first screen; ui/startup.py).
    def _login(self, session: Session, name: str, pin: str) -> StaffSession:
        from kiosk.services.staff_auth import login

        return _session(login(session, self.state.ctx, name, pin))

    def _create(self, session: Session, name: str, pin: str) -> StaffSession:
        from kiosk.services.staff_auth import create_staff

        return _session(create_staff(session, self.state.ctx, name, Role.SUPERVISOR, pin))

    def _logged_in(self, who: StaffSession) -> None:
        self.pin.clear()
        self.new_pin.clear()
        self.button.setEnabled(True)
        self.state.set_staff(who)

    def _failed(self, error: BaseException) -> None:
        self._failed_text(error_text(error))

    def _failed_text(self, text: str) -> None:
        self.pin.clear()
        self.button.setEnabled(True)
        self.error.setText(text)

    def _names(self, names: list[str]) -> None:
        self.name.clear()
        self.name.addItems(names)
        self._set_first_run(not names)

    def _set_first_run(self, first: bool) -> None:
        self.first_run = first
        self.new_pin.setVisible(first)
        self.new_pin_label.setVisible(first)
        self.button.setText(
            translate("Staff", "Tạo giám sát viên và đăng nhập")
            if first
            else translate("Staff", "Đăng nhập")
        )
        self.hint.setText(
            translate(
                "Staff",
                "Ki-ốt chưa có nhân viên nào. Nhập họ tên và mã PIN (4–8 chữ số) của giám sát "
                "viên đầu tiên; người này thêm các nhân viên khác trong Cài đặt.",
            )
            if first
            else ""
        )
        # A wrapped label in a centred card does not grow by itself when its text arrives.
        self.hint.setMinimumHeight(self.hint.heightForWidth(540) if first else 0)


def _staff_names(session: Session) -> list[str]:
    from kiosk.services.staff_auth import staff_names

    return staff_names(session)


def _session(staff: Staff) -> StaffSession:
    return StaffSession(staff.id, staff.name, staff.role)
