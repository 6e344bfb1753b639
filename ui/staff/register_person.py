"""The person on the desk's registration form: identity, name, birth, sex, phone, address."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit

from kiosk.domain.enums import Sex
from kiosk.domain.inputs import parse_date
from kiosk.domain.person import PersonDraft
from kiosk.errors import KioskError

translate = QCoreApplication.translate


class PersonBox(QGroupBox):
    """Two fields a row, as on the CCCD card. `changed` fires when what a quote reads of the
    person changes (identity number, birth date and sex: the number encodes the other two)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(translate("Staff", "Người tham gia"))
        grid = QGridLayout(self)
        self.personal_id = QLineEdit()
        self.personal_id.setObjectName("personal_id")
        self.personal_id.setPlaceholderText(translate("Staff", "12 chữ số, hoặc quét mã QR CCCD"))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.birth = QLineEdit()
        self.birth.setPlaceholderText("dd/mm/yyyy")
        self.sex = QComboBox()
        self.sex.addItem(translate("Staff", "Nữ"), Sex.FEMALE)
        self.sex.addItem(translate("Staff", "Nam"), Sex.MALE)
        self.personal_id.textChanged.connect(lambda _t: self.changed.emit())
        self.birth.textChanged.connect(lambda _t: self.changed.emit())
        self.sex.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.phone = QLineEdit()
        self.address = QLineEdit()
        for i, (label, widget) in enumerate(
            (
                ("Số CCCD", self.personal_id),
                ("Họ và tên", self.full_name),
                ("Ngày sinh", self.birth),
                ("Giới tính", self.sex),
                ("Điện thoại", self.phone),
                ("Địa chỉ", self.address),
            )
        ):
            grid.addWidget(QLabel(translate("Staff", label)), i // 2, (i % 2) * 2)
            grid.addWidget(widget, i // 2, (i % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.renewal = QLabel("")
        self.renewal.setWordWrap(True)
        grid.addWidget(self.renewal, 3, 0, 1, 4)

    def draft(self, ethnicity: str, *, normalized: bool = True) -> PersonDraft:
        """The form as a draft (a bad date is reported when the person is added, not here)."""
        try:
            birth = parse_date(self.birth.text()) if self.birth.text().strip() else None
        except KioskError:
            birth = None
        draft = PersonDraft(
            full_name=self.full_name.text(),
            birth_date=birth,
            sex=self.sex.currentData(),
            personal_id=self.personal_id.text().strip(),
            phone=self.phone.text(),
            address=self.address.text(),
            ethnicity=ethnicity,  # "" when staff left it empty: not asked, never Kinh
        )
        return draft.normalized() if normalized else draft

    def fill(self, draft: PersonDraft) -> None:
        self.personal_id.setText(draft.personal_id)
        self.full_name.setText(draft.full_name)
        self.birth.setText(draft.birth_date.strftime("%d/%m/%Y") if draft.birth_date else "")
        self.sex.setCurrentIndex(max(0, self.sex.findData(draft.sex)))
        self.phone.setText(draft.phone)
        self.address.setText(draft.address)

    def clear(self) -> None:
        """Ready for the next person (the sex stays: households often come in turn)."""
        for field in (self.personal_id, self.full_name, self.birth, self.phone):
            field.clear()
        self.renewal.clear()
