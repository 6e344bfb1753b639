"""What a person joins at the desk: the schemes, their periods and the chosen income, with the
live figure of what the person on the form would pay."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QGroupBox, QLabel, QPushButton

from kiosk.domain.enums import Scheme, SupportGroup
from kiosk.policy.engine import allowed_periods
from kiosk.services.register import SchemeChoice
from ui.i18n import label_text
from ui.staff.common import MoneyField

translate = QCoreApplication.translate


class SchemeBox(QGroupBox):
    """Household health insurance and voluntary SI with their periods; the income is the
    strict MoneyField (its note says how the text was read, or why it is refused)."""

    changed = Signal()

    def __init__(self, today: date) -> None:
        super().__init__(translate("Staff", "Loại bảo hiểm"))
        grid = QGridLayout(self)
        self.bhyt = QCheckBox(label_text(Scheme.BHYT_HOUSEHOLD))
        self.bhyt.setChecked(True)
        self.bhyt_months = QComboBox()
        self.voluntary = QCheckBox(label_text(Scheme.BHXH_VOLUNTARY))
        self.voluntary.setObjectName("voluntary")
        self.voluntary_months = QComboBox()
        self.voluntary_months.setObjectName("voluntary_months")
        for combo, scheme in (
            (self.bhyt_months, Scheme.BHYT_HOUSEHOLD),
            (self.voluntary_months, Scheme.BHXH_VOLUNTARY),
        ):
            for months in allowed_periods(scheme, today):
                combo.addItem(translate("Staff", "{n} tháng").format(n=months), months)
            combo.setCurrentIndex(combo.count() - 1)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for check in (self.bhyt, self.voluntary):
            check.toggled.connect(lambda _c: self.changed.emit())
        self.income = MoneyField(text="1500000", name="income")
        self.income.textChanged.connect(lambda _t: self.changed.emit())
        grid.addWidget(self.bhyt, 0, 0)
        grid.addWidget(self.bhyt_months, 0, 1)
        grid.addWidget(self.voluntary, 1, 0)
        grid.addWidget(self.voluntary_months, 1, 1)
        grid.addWidget(QLabel(translate("Staff", "Thu nhập chọn đóng")), 2, 0)
        grid.addWidget(self.income.edit, 2, 1)
        grid.addWidget(self.income.note, 3, 0, 1, 2)
        self.person_quote = QLabel("")
        self.person_quote.setObjectName("person_quote")
        self.person_quote.setWordWrap(True)
        self.person_quote.setStyleSheet("font-size: 17px; font-weight: 700; color: #0a5c1e;")
        grid.addWidget(self.person_quote, 4, 0, 1, 2)
        self.add = QPushButton(translate("Staff", "Thêm vào lượt đăng ký"))
        self.add.setObjectName("add_member")
        grid.addWidget(self.add, 5, 0, 1, 2)

    def set_covered(self, covered: bool) -> None:
        """Someone insured elsewhere joins no household health insurance (voluntary SI is a
        separate scheme they may still join)."""
        self.bhyt.setEnabled(not covered)
        self.bhyt_months.setEnabled(not covered)

    def choices(
        self, income: int | None, covered: bool, group: SupportGroup
    ) -> tuple[SchemeChoice, ...]:
        """The schemes ticked; the declared group goes with voluntary SI (the service raises
        it by ethnicity)."""
        out = []
        if self.bhyt.isChecked() and not covered:
            out.append(SchemeChoice(Scheme.BHYT_HOUSEHOLD, int(self.bhyt_months.currentData())))
        if self.voluntary.isChecked():
            out.append(
                SchemeChoice(
                    Scheme.BHXH_VOLUNTARY,
                    int(self.voluntary_months.currentData()),
                    income=income,
                    group=group,
                )
            )
        return tuple(out)
