"""Settings (supervisors): event, VietQR account, language, printers with test pages, staff."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from kiosk.config import Config
from kiosk.config_edit import save_settings
from kiosk.domain.enums import PrinterRole, Role
from kiosk.services.staff_auth import create_staff
from printing.issue import issue_test_page
from ui.staff.common import error_label, error_text, heading
from ui.staff.state import StaffState

translate = QCoreApplication.translate
ROLE_NAMES = {
    PrinterRole.RECEIPT: "Máy in biên lai",
    PrinterRole.CARD: "Máy in thẻ",
    PrinterRole.BOOKLET: "Máy in bìa sổ",
    PrinterRole.DECLARATION: "Máy in tờ khai",
}


class SettingsPage(QWidget):
    """Only a supervisor can change anything here; staff see why it is locked.

    Changes are written to the configuration file (comments kept, validated first) and take
    effect at the next start; each change is in the audit log.
    """

    def __init__(
        self,
        state: StaffState,
        config_path: Path | None,
        wake_printers: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.config_path = config_path
        self.wake_printers = wake_printers
        config = state.config
        outer = QVBoxLayout(self)
        outer.addWidget(heading(translate("Staff", "Cài đặt")))
        self.locked = QLabel(translate("Staff", "Chỉ giám sát viên được thay đổi cài đặt."))
        self.locked.setObjectName("locked")
        outer.addWidget(self.locked)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        scroll.setWidget(self.body)
        outer.addWidget(scroll, 1)
        self.fields: dict[str, QLineEdit] = {}
        body.addWidget(
            self._group(
                "Sự kiện",
                [
                    ("event.name", "Tên sự kiện"),
                    ("event.venue", "Địa điểm"),
                    ("event.commune", "Xã"),
                    ("event.province", "Tỉnh"),
                ],
                config,
            )
        )
        body.addWidget(
            self._group(
                "Tài khoản nhận VietQR",
                [
                    ("bank.bin", "Mã ngân hàng (BIN)"),
                    ("bank.account", "Số tài khoản"),
                    ("bank.account_name", "Tên tài khoản"),
                ],
                config,
            )
        )
        self.language = QComboBox()
        for code, name in (("vi", "Tiếng Việt"), ("en", "English")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(config.default_language)))
        lang_box = QGroupBox(translate("Staff", "Ngôn ngữ mặc định"))
        QVBoxLayout(lang_box).addWidget(self.language)
        body.addWidget(lang_box)
        body.addWidget(self._printers(config))
        body.addWidget(self._staff_box())
        self.save_button = QPushButton(translate("Staff", "Lưu cài đặt"))
        self.save_button.setObjectName("save_settings")
        self.save_button.clicked.connect(self.save)
        outer.addWidget(self.save_button)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        outer.addWidget(self.message)
        self.error = error_label()
        outer.addWidget(self.error)
        state.staff_changed.connect(lambda _staff: self._apply_role())
        self._apply_role()

    # Layout --------------------------------------------------------------------------------

    def _group(self, title: str, keys: list[tuple[str, str]], config: Config) -> QGroupBox:
        box = QGroupBox(translate("Staff", title))
        form = QFormLayout(box)
        for key, label in keys:
            edit = QLineEdit(str(_value(config, key)))
            edit.setObjectName(key)
            self.fields[key] = edit
            form.addRow(translate("Staff", label), edit)
        return box

    def _printers(self, config: Config) -> QGroupBox:
        box = QGroupBox(translate("Staff", "Máy in"))
        layout = QVBoxLayout(box)
        self.offsets: dict[str, QDoubleSpinBox] = {}
        for role in PrinterRole:
            printer = config.printers[role.value]
            row = QHBoxLayout()
            target = printer.options.get("host") or printer.options.get("queue") or ""
            row.addWidget(
                QLabel(f"{translate('Staff', ROLE_NAMES[role])}: {printer.backend} {target}")
            )
            row.addStretch(1)
            if role == PrinterRole.BOOKLET:
                for axis in ("x", "y"):
                    spin = QDoubleSpinBox()
                    spin.setRange(-10.0, 10.0)
                    spin.setSingleStep(0.5)
                    spin.setSuffix(" mm")
                    spin.setValue(float(printer.options.get(f"offset_{axis}_mm", 0.0)))
                    self.offsets[axis] = spin
                    row.addWidget(QLabel(translate("Staff", f"Lệch {axis.upper()}")))
                    row.addWidget(spin)
            test = QPushButton(
                translate("Staff", "In trang hiệu chỉnh")
                if role == PrinterRole.BOOKLET
                else translate("Staff", "In thử")
            )
            test.setObjectName(f"test_{role.value}")
            test.clicked.connect(lambda _checked=False, r=role: self.test_print(r))
            row.addWidget(test)
            layout.addLayout(row)
        return box

    def _staff_box(self) -> QGroupBox:
        box = QGroupBox(translate("Staff", "Thêm nhân viên"))
        row = QHBoxLayout(box)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(translate("Staff", "Họ và tên"))
        self.new_role = QComboBox()
        self.new_role.addItem(translate("Staff", "Nhân viên"), Role.STAFF)
        self.new_role.addItem(translate("Staff", "Giám sát viên"), Role.SUPERVISOR)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setPlaceholderText(translate("Staff", "Mã PIN 4–8 số"))
        add = QPushButton(translate("Staff", "Thêm"))
        add.clicked.connect(self.add_staff)
        for widget in (self.new_name, self.new_role, self.new_pin, add):
            row.addWidget(widget)
        return box

    def _apply_role(self) -> None:
        staff = self.state.staff
        allowed = staff is not None and staff.role == Role.SUPERVISOR
        self.body.setEnabled(allowed)
        self.save_button.setEnabled(allowed and self.config_path is not None)
        self.locked.setVisible(not allowed)

    # Actions -------------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {key: edit.text().strip() for key, edit in self.fields.items()}
        out["languages.default"] = self.language.currentData()
        for axis, spin in self.offsets.items():
            out[f"printers.booklet.offset_{axis}_mm"] = round(spin.value(), 1)
        return out

    def save(self) -> None:
        path = self.config_path
        if path is None:
            return
        changes = self.changes()
        staff = self.state.staff_id

        def write(session: Session) -> None:  # the service checks the supervisor and audits
            save_settings(session, self.state.ctx, path, changes, staff)

        self.state.write(write, lambda _none: self._saved(), self._failed)

    def test_print(self, role: PrinterRole) -> None:
        staff = self.state.staff_id

        def enqueue(session: Session) -> uuid.UUID:
            return issue_test_page(session, self.state.ctx, role, staff).id

        self.state.write(enqueue, lambda _id: self._queued(role), self._failed)

    def add_staff(self) -> None:
        name, role, pin = self.new_name.text(), self.new_role.currentData(), self.new_pin.text()
        self.state.write(
            lambda s: create_staff(s, self.state.ctx, name, role, pin, by=self.state.staff_id).name,
            self._added,
            self._failed,
        )

    def _added(self, name: str) -> None:
        self.new_name.clear()
        self.new_pin.clear()
        self.message.setText(translate("Staff", "Đã thêm {name}.").format(name=name))

    def _queued(self, role: PrinterRole) -> None:
        self.wake_printers()
        self.message.setText(
            translate("Staff", "Đã gửi trang in thử tới {p}.").format(
                p=translate("Staff", ROLE_NAMES[role]).lower()
            )
        )

    def _saved(self) -> None:
        self.error.clear()
        self.message.setText(translate("Staff", "Đã lưu. Khởi động lại ki-ốt để áp dụng."))

    def _failed(self, error: BaseException) -> None:
        self.error.setText(error_text(error))


def _value(config: Config, dotted: str) -> object:
    node: object = config
    for part in dotted.split("."):
        node = getattr(node, part)
    return node
