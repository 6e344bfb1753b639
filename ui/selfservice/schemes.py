"""Which scheme each person joins, then the period (and the income for voluntary SI, live amount)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSlider, QWidget

from kiosk.domain.money import format_vnd
from ui.selfservice.base import Screen, big_button, label
from ui.selfservice.controller import Choice, WizardController

translate = QCoreApplication.translate


def _person_name(controller: WizardController) -> str:
    return controller.plan.person.full_name.strip()


class SchemeScreen(Screen):
    """Three big choices with icons: health insurance, voluntary social insurance, or both."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.buttons: dict[Choice, QPushButton] = {}
        self.explain: dict[Choice, str] = {}
        for choice, icon_name in (
            (Choice.BHYT, "health"),
            (Choice.BHXH, "pension"),
            (Choice.BOTH, "family"),
        ):
            button = big_button(f"choice_{choice.value}", icon_name, role="choice")
            button.setProperty("tall", True)
            button.setIconSize(QSize(80, 80))
            button.clicked.connect(lambda _=False, c=choice: self.controller.choose(c))
            self.buttons[choice] = button
            self.root.addWidget(button)
        self.root.addStretch(1)
        self.add_nav()
        self.next_button.hide()  # choosing is the step forward
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        texts = {
            Choice.BHYT: translate(
                "SchemeScreen", "Bảo hiểm y tế hộ gia đình\nKhám chữa bệnh có thẻ BHYT"
            ),
            Choice.BHXH: translate(
                "SchemeScreen", "Bảo hiểm xã hội tự nguyện\nĐóng để có lương hưu khi về già"
            ),
            Choice.BOTH: translate("SchemeScreen", "Cả hai\nBHYT hộ gia đình và BHXH tự nguyện"),
        }
        for choice, text in texts.items():
            self.buttons[choice].setText(text)
        self.refresh_title()

    def refresh_title(self) -> None:
        if self.controller.members:
            self.title.setText(
                translate("SchemeScreen", "%1 muốn tham gia bảo hiểm nào?").replace(
                    "%1", _person_name(self.controller)
                )
            )

    def refresh(self) -> None:
        super().refresh()
        if not self.controller.members:
            return
        current = self.controller.current_choice()
        for choice, button in self.buttons.items():
            button.setChecked(choice == current)
        self.refresh_title()


class PeriodScreen(Screen):
    """Months to pay for each chosen scheme; for voluntary SI an income slider from the minimum."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        backend = controller.backend
        self.bhyt_label = label("subtitle")
        self.root.addWidget(self.bhyt_label)
        self.bhyt_buttons, bhyt_row = self._month_row(
            "bhyt", backend.bhyt_periods, controller.set_bhyt_months
        )
        self.root.addLayout(bhyt_row)
        self.vol_label = label("subtitle")
        self.root.addWidget(self.vol_label)
        self.vol_buttons, vol_row = self._month_row(
            "vol", backend.voluntary_periods, controller.set_voluntary_months
        )
        self.root.addLayout(vol_row)
        self.income_label = label("subtitle")
        self.root.addWidget(self.income_label)
        slider_row = QHBoxLayout()
        self.minus = big_button("incomeMinus", role="key")
        self.minus.setText("−")
        self.plus = big_button("incomePlus", role="key")
        self.plus.setText("+")
        for button in (self.minus, self.plus):
            button.setMinimumSize(96, 72)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("incomeSlider")
        self.slider.valueChanged.connect(self._slid)
        self.minus.clicked.connect(lambda: self.slider.setValue(self.slider.value() - 1))
        self.plus.clicked.connect(lambda: self.slider.setValue(self.slider.value() + 1))
        slider_row.addWidget(self.minus)
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.plus)
        self.root.addLayout(slider_row)
        self.income_value = label("amount", name="incomeValue")
        self.monthly = label("big", name="monthlyAmount")
        self.root.addWidget(self.income_value)
        self.root.addWidget(self.monthly)
        self.root.addStretch(1)
        self.add_nav()
        self.next_button.clicked.connect(controller.period_done)
        self._syncing = False
        self.retranslate()

    def _month_row(
        self, prefix: str, periods: tuple[int, ...], setter: Callable[[int], None]
    ) -> tuple[dict[int, QPushButton], QHBoxLayout]:
        row = QHBoxLayout()
        group = QButtonGroup(self)
        buttons: dict[int, QPushButton] = {}
        for months in periods:
            button = big_button(f"{prefix}_months_{months}", "calendar", role="choice")
            button.setMinimumWidth(200)
            button.setIconSize(QSize(36, 36))
            group.addButton(button)
            button.clicked.connect(lambda _=False, m=months, s=setter: s(m))
            buttons[months] = button
            row.addWidget(button)
        row.addStretch(1)
        return buttons, row

    def _slid(self, steps: int) -> None:
        if self._syncing:
            return
        low, _high = self.controller.income_bounds()
        self.controller.set_income(low + steps * self.controller.backend.income_step)

    def retranslate(self) -> None:
        super().retranslate()
        self.bhyt_label.setText(translate("PeriodScreen", "Bảo hiểm y tế: đóng cho bao lâu?"))
        self.vol_label.setText(
            translate("PeriodScreen", "Bảo hiểm xã hội tự nguyện: đóng mỗi lần bao lâu?")
        )
        self.income_label.setText(
            translate("PeriodScreen", "Thu nhập chọn để đóng (kéo hoặc bấm − +):")
        )
        for buttons in (self.bhyt_buttons, self.vol_buttons):
            for months, button in buttons.items():
                button.setText(translate("PeriodScreen", "%n tháng", "", months))
        self.refresh_texts()

    def refresh_texts(self) -> None:
        c = self.controller
        if not c.members:
            return
        self.title.setText(
            translate("PeriodScreen", "Thời gian đóng của %1").replace("%1", _person_name(c))
        )
        if c.plan.joins_voluntary:
            self.income_value.setText(
                translate("PeriodScreen", "Thu nhập: %1 mỗi tháng").replace(
                    "%1", format_vnd(c.plan.income)
                )
            )
            self.monthly.setText(
                translate("PeriodScreen", "Số tiền đóng: %1 mỗi tháng").replace(
                    "%1", format_vnd(c.monthly_amount())
                )
            )

    def refresh(self) -> None:
        super().refresh()
        c = self.controller
        if not c.members:
            return
        plan = c.plan
        for widget in (self.bhyt_label, *self.bhyt_buttons.values()):
            widget.setVisible(plan.joins_bhyt)
        voluntary = (self.vol_label, self.income_label, self.minus, self.slider, self.plus)
        for widget in (*voluntary, self.income_value, self.monthly, *self.vol_buttons.values()):
            widget.setVisible(plan.joins_voluntary)
        for months, button in self.bhyt_buttons.items():
            button.setChecked(months == plan.bhyt_months)
        for months, button in self.vol_buttons.items():
            button.setChecked(months == plan.voluntary_months)
        if plan.joins_voluntary:
            low, high = c.income_bounds()
            step = c.backend.income_step
            self._syncing = True
            try:
                self.slider.setRange(0, (high - low + step - 1) // step)
                self.slider.setValue((plan.income - low) // step)
            finally:
                self._syncing = False
        self.refresh_texts()
