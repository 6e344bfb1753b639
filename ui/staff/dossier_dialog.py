"""The day and the optional certificate for the electronic dossier sent to VSS (issue 21).

The password is read once, handed to the export task and cleared from the field: it is never
kept on the page, written to the settings or logged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ui.i18n import label_text
from ui.staff.common import money

if TYPE_CHECKING:  # lxml and friends load only when a dossier is written
    from kiosk.dossier.service import DossierResult

translate = QCoreApplication.translate


@dataclass(frozen=True)
class DossierRequest:
    """What staff chose: the day, and a PKCS#12 file with its password to sign (or none)."""

    day: date
    certificate: Path | None = None
    password: bytes | None = field(default=None, repr=False)  # never in a log line


class DossierDialog(QDialog):
    """Day (today by default) and, to sign, the agent's .p12/.pfx file and its password."""

    submitted = Signal(object)  # a DossierRequest

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Staff", "Hồ sơ điện tử gửi BHXH"))
        self.setMinimumWidth(560)
        form = QFormLayout(self)
        intro = QLabel(
            translate(
                "Staff",
                "Lập tờ khai TK1-TS và danh sách D03-TS, D05-TS, D01-TS (XML) của những người "
                "đã nộp tiền trong ngày, để đại lý thu nộp qua nhà cung cấp I-VAN.",
            )
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("dossier_day")
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        self.day.setMaximumDate(QDate(today.year, today.month, today.day))
        form.addRow(translate("Staff", "Ngày"), self.day)
        self.certificate = QLineEdit()
        self.certificate.setObjectName("dossier_certificate")
        self.certificate.setPlaceholderText(
            translate("Staff", "Không bắt buộc: tệp chứng thư số .p12 / .pfx để ký")
        )
        browse = QPushButton(translate("Staff", "Chọn tệp…"))
        browse.setProperty("role", "secondary")
        browse.clicked.connect(self.choose_certificate)
        row = QHBoxLayout()
        row.addWidget(self.certificate, 1)
        row.addWidget(browse)
        form.addRow(translate("Staff", "Chứng thư số"), row)
        self.password = QLineEdit()
        self.password.setObjectName("dossier_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("Staff", "Mật khẩu chứng thư"), self.password)
        self.make = QPushButton(translate("Staff", "Lập hồ sơ"))
        self.make.setObjectName("dossier_make")
        self.make.clicked.connect(self.submit)
        cancel = QPushButton(translate("Staff", "Hủy"))
        cancel.setProperty("role", "secondary")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.make)
        form.addRow(buttons)

    def choose_certificate(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            translate("Staff", "Chọn tệp chứng thư số"),
            "",
            translate("Staff", "Chứng thư số (*.p12 *.pfx)"),
        )
        if chosen:
            self.certificate.setText(chosen)

    def request(self) -> DossierRequest:
        """The choice; the password leaves the field as it is read."""
        picked = self.day.date()
        path = self.certificate.text().strip()
        password = self.password.text().encode("utf-8") if path else None
        self.password.clear()
        return DossierRequest(
            date(picked.year(), picked.month(), picked.day()),
            Path(path) if path else None,
            password or None,
        )

    def submit(self) -> None:
        self.submitted.emit(self.request())
        self.accept()


def result_text(result: DossierResult) -> str:
    """What was written, per procedure (code, people, total), and which visits were left out."""
    day = result.day.strftime("%d/%m/%Y")
    if result.folder is None:
        head = translate("Staff", "Ngày {d} chưa có ai nộp tiền: không lập hồ sơ nào.").format(
            d=day
        )
    else:
        head = translate("Staff", "Đã lập hồ sơ ngày {d}{s} trong thư mục:\n{f}").format(
            d=day,
            s=translate("Staff", " (đã ký số)") if result.signed else "",
            f=result.folder,
        )
    lines = [head]
    for p in result.procedures:
        lines.append(
            translate("Staff", "• Thủ tục {code} — {scheme}: {n} người, {total}").format(
                code=p.code, scheme=label_text(p.scheme), n=p.people, total=money(p.total)
            )
        )
    for left in result.left_out:
        why = (
            translate("Staff", "biên lai {r} đã hủy").format(r=left.receipt)
            if left.reason == "voided"
            else translate("Staff", "chưa nộp tiền")
        )
        lines.append(
            translate("Staff", "Không đưa vào: {who} ({why})").format(
                who=", ".join(left.people), why=why
            )
        )
    return "\n".join(lines)
