"""Months to pay for each chosen scheme; for voluntary SI the income on a number pad, with the
common amounts as big buttons, −/+ by the engine's step, and the monthly amount beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.money import format_vnd
from ui.selfservice.base import Screen, big_button, error_text, flip, label
from ui.selfservice.controller import WizardController
from ui.selfservice.schemes import person_name
from ui.theme import Theme
from ui.widgets.numpad import NumPad

translate = QCoreApplication.translate
MAX_INCOME_DIGITS = 9  # 999.999.999 đ: far above any ceiling, so the engine's message decides


class PeriodScreen(Screen):
    """Months for each scheme; for voluntary SI the income (pad, common amounts, −/+)."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        backend = controller.backend
        self._syncing = False
        self.portrait = False
        # landscape: months and income on the left, the number pad on the right; portrait: the
        # pad below them
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        left = QVBoxLayout()
        self.bhyt_label = label("subtitle")
        left.addWidget(self.bhyt_label)
        self.bhyt_buttons, self.bhyt_grid = self._month_grid(
            "bhyt", backend.bhyt_periods, controller.set_bhyt_months
        )
        left.addLayout(self.bhyt_grid)
        self.vol_label = label("subtitle")
        left.addWidget(self.vol_label)
        self.vol_buttons, self.vol_grid = self._month_grid(
            "vol", backend.voluntary_periods, controller.set_voluntary_months
        )
        left.addLayout(self.vol_grid)
        self.income_host = QWidget()
        self.income_host.setProperty("screen", True)
        income = self._income_column()
        income.setContentsMargins(0, 0, 0, 0)
        self.income_host.setLayout(income)
        left.addWidget(self.income_host)
        left.addStretch(1)
        self.body.addLayout(left, 1)
        self.pad = NumPad(with_thousands=True, with_clear=True, follow_focus=False)
        self.pad.setObjectName("incomePad")
        self.pad.set_target(self.income_field)
        self.body.addWidget(self.pad, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        self.root.addLayout(self.body, 1)
        self.add_nav()
        self.next_button.clicked.connect(controller.period_done)
        self.retranslate()

    def _income_column(self) -> QGridLayout:
        column = QGridLayout()
        column.setHorizontalSpacing(8)
        self.income_label = label("subtitle")
        self.minus = big_button("incomeMinus", role="key")
        self.minus.setText("−")
        self.plus = big_button("incomePlus", role="key")
        self.plus.setText("+")
        for button in (self.minus, self.plus):
            button.setMinimumSize(96, 56)
        self.minus.clicked.connect(lambda: self.controller.step_income(-1))
        self.plus.clicked.connect(lambda: self.controller.step_income(1))
        self.income_field = QLineEdit()
        self.income_field.setObjectName("incomeField")
        self.income_field.setMaxLength(MAX_INCOME_DIGITS)
        self.income_field.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.income_field.textChanged.connect(self._typed)
        self.income_value = label("amount", name="incomeValue")
        self.income_error = label("error", name="incomeError")
        self.nearest: list[QPushButton] = []
        self.nearest_row = QGridLayout()
        self.presets_grid = QGridLayout()
        self.presets: list[QPushButton] = []
        self.monthly = label("amount", name="monthlyAmount")
        self.monthly.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # the common amounts first (one tap), then the field the pad types into, then what the
        # chosen income costs a month, right under it
        column.addWidget(self.income_label, 0, 0, 1, 3)
        column.addLayout(self.presets_grid, 1, 0, 1, 3)
        column.addWidget(self.minus, 2, 0)
        column.addWidget(self.income_field, 2, 1)
        column.addWidget(self.plus, 2, 2)
        column.addWidget(self.income_error, 3, 0, 1, 3)
        column.addLayout(self.nearest_row, 4, 0, 1, 3)
        figures = QHBoxLayout()
        figures.addWidget(self.income_value)
        figures.addWidget(self.monthly, 1)
        column.addLayout(figures, 5, 0, 1, 3)
        column.setColumnStretch(1, 1)
        return column

    def _month_grid(
        self, prefix: str, periods: tuple[int, ...], setter: Callable[[int], None]
    ) -> tuple[dict[int, QPushButton], QGridLayout]:
        grid = QGridLayout()
        group = QButtonGroup(self)
        buttons: dict[int, QPushButton] = {}
        for months in periods:
            button = big_button(f"{prefix}_months_{months}", "calendar", role="choice")
            button.setIconSize(QSize(36, 36))
            button.setStyleSheet("padding: 2px 16px;")  # two rows of months in little height
            group.addButton(button)
            button.clicked.connect(lambda _=False, m=months, s=setter: s(m))
            buttons[months] = button
        _regrid(grid, list(buttons.values()), len(buttons))
        return buttons, grid

    # -- input --------------------------------------------------------------------------------
    def _typed(self, text: str) -> None:
        if self._syncing or not self.controller.members:
            return
        digits = "".join(ch for ch in text if ch.isdigit())
        self.controller.enter_income(int(digits) if digits else 0)

    def _preset_buttons(self) -> None:
        """One big button per common amount the engine allows today (rebuilt on each refresh)."""
        amounts = self.controller.income_presets()
        self.presets = self._amount_buttons(
            self.presets, self.presets_grid, amounts, "income", "choice", self._columns
        )

    def _nearest_buttons(self) -> None:
        """For an amount off the engine's step: its nearest allowed amounts, one tap each."""
        err = self.controller.income_error
        wanted = []
        if err is not None and "lower" in err.params and "upper" in err.params:
            wanted = sorted({int(err.params["lower"]), int(err.params["upper"])})
        self.nearest = self._amount_buttons(
            self.nearest, self.nearest_row, wanted, "nearest", "secondary", lambda _b: 2
        )

    def _amount_buttons(
        self,
        old: list[QPushButton],
        grid: QGridLayout,
        amounts: Sequence[int],
        name: str,
        role: str,
        columns: Callable[[list[QPushButton]], int],
    ) -> list[QPushButton]:
        """Buttons choosing each of `amounts` in `grid`: the old ones when the amounts are the
        same, else new ones in `columns(buttons)` columns."""
        if [b.property("amount") for b in old] == list(amounts):
            return old
        for button in old:
            grid.removeWidget(button)
            button.deleteLater()
        buttons = []
        for amount in amounts:
            button = big_button(f"{name}_{amount}", role=role)
            button.setProperty("amount", amount)
            button.setText(format_vnd(amount))
            button.clicked.connect(lambda _=False, a=amount: self._choose(a))
            buttons.append(button)
        _regrid(grid, buttons, columns(buttons))
        for button in buttons:
            button.show()  # added to a shown screen: not shown by the layout until later
        return buttons

    def _choose(self, amount: int) -> None:
        self.controller.enter_income(amount)
        self._show_income(force=True)

    # -- showing ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        self.bhyt_label.setText(translate("PeriodScreen", "Bảo hiểm y tế: đóng cho bao lâu?"))
        self.vol_label.setText(
            translate("PeriodScreen", "Bảo hiểm xã hội tự nguyện: đóng mỗi lần bao lâu?")
        )
        self.income_label.setText(
            translate("PeriodScreen", "Thu nhập hằng tháng chọn để đóng (gõ số hoặc chọn):")
        )
        self.pad.retranslate()
        for buttons in (self.bhyt_buttons, self.vol_buttons):
            for months, button in buttons.items():
                button.setText(translate("PeriodScreen", "%n tháng", "", months))
        self.refresh_texts()

    def refresh_texts(self) -> None:
        c = self.controller
        if not c.members:
            return
        who = translate("PeriodScreen", "cả nhà") if c.shared_plan else person_name(c)
        self.title.setText(translate("PeriodScreen", "Thời gian đóng của %1").replace("%1", who))
        if not c.plan.joins_voluntary:
            return
        self.income_value.setText(
            translate("PeriodScreen", "Thu nhập: %1 mỗi tháng").replace(
                "%1", format_vnd(c.plan.income)
            )
        )
        err = c.income_error
        low, high = c.income_bounds()
        typed = self.income_field.text()
        still_typing = err is not None and (not typed.isdigit() or int(typed) < low)
        if still_typing:  # "3" on the way to "3000000": the range, not an error yet
            self.income_error.setProperty("role", "subtitle")
            self.income_error.setText(
                translate("PeriodScreen", "Từ %1 đến %2")
                .replace("%1", format_vnd(low))
                .replace("%2", format_vnd(high))
            )
        else:
            self.income_error.setProperty("role", "error")
            self.income_error.setText(error_text(err))
        self.income_error.style().unpolish(self.income_error)
        self.income_error.style().polish(self.income_error)
        self.income_error.setVisible(err is not None)
        self.monthly.setText(
            translate("PeriodScreen", "Số tiền đóng: %1 mỗi tháng").replace(
                "%1", format_vnd(c.monthly_amount())
            )
        )

    def _show_income(self, *, force: bool = False) -> None:
        """The field shows the chosen income unless the person is typing another one."""
        c = self.controller
        if c.income_error is not None and not force:
            return
        text = str(c.plan.income)
        if self.income_field.text() != text:
            self._syncing = True
            try:
                self.income_field.setText(text)
            finally:
                self._syncing = False

    def refresh(self) -> None:
        super().refresh()
        c = self.controller
        if not c.members:
            return
        plan = c.plan
        for widget in (self.bhyt_label, *self.bhyt_buttons.values()):
            widget.setVisible(plan.joins_bhyt)
        for widget in (self.vol_label, self.income_host, self.pad, *self.vol_buttons.values()):
            widget.setVisible(plan.joins_voluntary)
        for months, button in self.bhyt_buttons.items():
            button.setChecked(months == plan.bhyt_months)
        for months, button in self.vol_buttons.items():
            button.setChecked(months == plan.voluntary_months)
        if plan.joins_voluntary:
            low, high = c.income_bounds()
            self.minus.setEnabled(plan.income > low)
            self.plus.setEnabled(plan.income < high)
            self._preset_buttons()
            for button in self.presets:  # the chosen amount is marked like a chosen period
                button.setChecked(
                    c.income_error is None and button.property("amount") == plan.income
                )
            self._nearest_buttons()
            self._show_income()
        self._fit_grids()
        self.refresh_texts()

    def clear(self) -> None:
        self._syncing = True
        try:
            self.income_field.clear()
        finally:
            self._syncing = False

    def adapt(self, theme: Theme, portrait: bool) -> None:
        super().adapt(theme, portrait)
        self.portrait = portrait
        flip(self.body, portrait)
        for button in (self.minus, self.plus):
            button.setMinimumSize(max(theme.target_px(), theme.dim(96)), theme.target_px())
        # the figure the person decides on: larger than the text around it
        self.monthly.setStyleSheet(f"font-size: {theme.px(1.5)}px; color: #072a66;")
        self._fit_grids()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_grids()

    def _room(self) -> int:
        """The width the month and amount buttons have: the screen's, less the pad beside them."""
        room = self.scroll_area.viewport().width()
        if not self.portrait and self.pad.isVisibleTo(self):
            room -= self.pad.sizeHint().width() + self.body.spacing()
        return room

    def _columns(self, widgets: list[QPushButton]) -> int:
        """As many buttons in a row as fit (at least one)."""
        room, used, columns = self._room(), 0, 0
        for button in widgets:
            used += button.sizeHint().width() + 12
            if used > room:
                break
            columns += 1
        return max(1, columns)

    def _fit_grids(self) -> None:
        """Month and amount buttons in rows as wide as the room allows (a tablet gets two rows)."""
        for buttons, grid in (
            (self.bhyt_buttons, self.bhyt_grid),
            (self.vol_buttons, self.vol_grid),
        ):
            widgets = list(buttons.values())
            _regrid(grid, widgets, self._columns(widgets))
        _regrid(self.presets_grid, self.presets, self._columns(self.presets))


def _regrid(grid: QGridLayout, widgets: list[QPushButton], columns: int) -> None:
    """Lay `widgets` out in rows of `columns` (left-aligned: a stretch column after them)."""
    for widget in widgets:
        grid.removeWidget(widget)
    for i, widget in enumerate(widgets):
        grid.addWidget(widget, i // columns, i % columns)
    for col in range(max(columns, grid.columnCount())):
        grid.setColumnStretch(col, 0)
    grid.setColumnStretch(columns, 1)
