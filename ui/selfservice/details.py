"""Personal details: prefilled from the scan, checked field by field, typed on screen keys."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain.enums import Sex
from ui.selfservice.base import Screen, big_button, error_text, flip, label
from ui.selfservice.controller import Step, WizardController
from ui.theme import Theme
from ui.widgets.keyboard import OnScreenKeyboard
from ui.widgets.numpad import NumPad

translate = QCoreApplication.translate

TEXT_FIELDS = ("full_name", "birth_date", "personal_id", "phone", "address")
NUMERIC = {"birth_date", "personal_id", "phone"}
MAX_LENGTH = {"full_name": 80, "birth_date": 10, "personal_id": 12, "phone": 12, "address": 200}


class DetailsScreen(Screen):
    """Full name, date of birth, sex, identity number, phone and address with a message under each."""

    def __init__(self, controller: WizardController, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self._syncing = False
        self.edits: dict[str, QLineEdit] = {}
        self.captions: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.body = body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        form_host = QWidget()
        form_host.setProperty("screen", True)
        grid = QGridLayout(form_host)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setVerticalSpacing(2)
        grid.setHorizontalSpacing(12)
        for row, name in enumerate(
            ("full_name", "birth_date", "sex", "personal_id", "phone", "address")
        ):
            caption = label()
            caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.captions[name] = caption
            grid.addWidget(caption, row * 2, 0)
            if name == "sex":
                grid.addLayout(self._sex_row(), row * 2, 1)
            else:
                edit = QLineEdit()
                edit.setObjectName(f"field_{name}")
                edit.setMaxLength(MAX_LENGTH[name])
                edit.textChanged.connect(lambda text, n=name: self._edited(n, text))
                edit.installEventFilter(self)
                self.edits[name] = edit
                grid.addWidget(edit, row * 2, 1)
            error = label("error", name=f"error_{name}")
            error.hide()
            self.errors[name] = error
            grid.addWidget(error, row * 2 + 1, 1)
        grid.addLayout(self._address_offer(), 12, 1)
        grid.setRowStretch(13, 1)
        scroll = QScrollArea()
        scroll.setWidget(form_host)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.addWidget(scroll, 1)
        self.keyboard = OnScreenKeyboard()
        self.keyboard.limitReached.connect(self._limit)
        self.numpad = NumPad(with_slash=True, follow_focus=False)
        self.numpad.limitReached.connect(self._limit)
        self.inputs = QStackedWidget()
        # the keys take their own size; the form gets the rest of the width
        self.inputs.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.inputs.addWidget(self.keyboard)
        numpad_host = QWidget()
        numpad_row = QHBoxLayout(numpad_host)
        numpad_row.addStretch(1)
        numpad_row.addWidget(self.numpad)
        numpad_row.addStretch(1)
        self.inputs.addWidget(numpad_host)
        body.addWidget(self.inputs, 0, Qt.AlignmentFlag.AlignTop)
        self.root.addLayout(body, 1)
        self.add_nav()
        self.next_button.clicked.connect(self._submit)
        self.retranslate()

    def _address_offer(self) -> QVBoxLayout:
        """One tap gives a new member the household's address (commune and province with it)."""
        row = QVBoxLayout()
        self.same_address = big_button("useHouseholdAddress", "home", role="secondary")
        self.same_address.setIconSize(QSize(28, 28))
        self.same_address.clicked.connect(self.controller.use_household_address)
        self.household_address = label(name="householdAddress")
        row.addWidget(self.same_address, 0, Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.household_address)
        return row

    def _sex_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.male = big_button("sex_male", "person", role="choice")
        self.female = big_button("sex_female", "person", role="choice")
        self.sex_group = QButtonGroup(self)
        self.sex_group.setExclusive(True)
        for button, sex in ((self.male, Sex.MALE), (self.female, Sex.FEMALE)):
            button.setIconSize(QSize(28, 28))
            button.setStyleSheet("padding: 4px 10px;")  # room for "Female" in larger text
            self.sex_group.addButton(button)
            button.clicked.connect(lambda _=False, s=sex: self.controller.set_field("sex", s))
            row.addWidget(button)
        row.addStretch(1)
        return row

    # -- input --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and watched in self.edits.values():
            name = watched.objectName().removeprefix("field_")
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
                full = len(watched.text()) >= watched.maxLength() and not watched.hasSelectedText()
                if full and event.text() and event.text().isprintable():
                    self.controller.note_limit(name, watched.maxLength())  # not a silent cut
            elif event.type() == QEvent.Type.FocusIn:
                self.focus_field(name)
            elif (
                event.type() == QEvent.Type.FocusOut
                and not self._syncing
                and self.controller.step == Step.DETAILS  # not while the wizard moves away
            ):
                # leaving a field is when a half-typed value becomes a mistake worth showing
                self.controller.set_field(name, watched.text(), check=True)
        return False

    def focus_field(self, name: str) -> None:
        """Point the on-screen keys at `name` (numbers get the pad, text the Telex keyboard)."""
        edit = self.edits[name]
        if name in NUMERIC:
            self.numpad.set_target(edit)
            self.keyboard.set_target(None)
            self.inputs.setCurrentIndex(1)
        else:
            self.keyboard.set_target(edit)
            self.numpad.set_target(None)
            self.inputs.setCurrentIndex(0)
        if not edit.hasFocus():
            edit.setFocus()

    def _limit(self, limit: int) -> None:
        target = self.keyboard.target or self.numpad.target
        if target is not None and target in self.edits.values():
            self.controller.note_limit(target.objectName().removeprefix("field_"), limit)

    def _edited(self, name: str, text: str) -> None:
        if not self._syncing:
            self.controller.set_field(name, text, check=False)

    def _submit(self) -> None:
        self.controller.submit_details()
        first = next((n for n in TEXT_FIELDS if n in self.controller.field_errors), None)
        if first is not None:
            self.focus_field(first)

    # -- showing ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        super().retranslate()
        captions = {
            "full_name": translate("DetailsScreen", "Họ và tên"),
            "birth_date": translate("DetailsScreen", "Ngày sinh"),
            "sex": translate("DetailsScreen", "Giới tính"),
            "personal_id": translate("DetailsScreen", "Số định danh (CCCD)"),
            "phone": translate("DetailsScreen", "Số điện thoại"),
            "address": translate("DetailsScreen", "Địa chỉ"),
        }
        for name, text in captions.items():
            self.captions[name].setText(text)
        self.edits["birth_date"].setPlaceholderText(translate("DetailsScreen", "ngày/tháng/năm"))
        self.edits["phone"].setPlaceholderText(translate("DetailsScreen", "không bắt buộc"))
        self.same_address.setText(translate("DetailsScreen", "Cùng địa chỉ với hộ"))
        self.male.setText(translate("DetailsScreen", "Nam"))
        self.female.setText(translate("DetailsScreen", "Nữ"))
        self._set_title()

    def _set_title(self) -> None:
        if self.controller.editing == 0:
            self.title.setText(translate("DetailsScreen", "Thông tin của bạn"))
        else:
            self.title.setText(
                translate(
                    "DetailsScreen", "Thông tin người thứ %n", "", self.controller.editing + 1
                )
            )

    def refresh(self) -> None:
        super().refresh()
        c = self.controller
        if not c.members:
            return
        person = c.person
        self._syncing = True
        try:
            for name, edit in self.edits.items():
                value = getattr(person, name)
                if edit.text() != value:
                    edit.setText(value)
                    if not edit.hasFocus():
                        edit.setCursorPosition(0)  # show the start of a long address
            self.sex_group.setExclusive(False)  # lets both go unchecked for a new person
            self.male.setChecked(person.sex == Sex.MALE)
            self.female.setChecked(person.sex == Sex.FEMALE)
            self.sex_group.setExclusive(True)
        finally:
            self._syncing = False
        shared = c.household_address()
        offer = bool(shared) and shared != person.address.strip()
        self.same_address.setVisible(offer)
        self.household_address.setVisible(offer)
        self.household_address.setText(shared if offer else "")
        for name, lab in self.errors.items():
            err = c.field_errors.get(name)
            lab.setText(error_text(err))
            lab.setVisible(err is not None)
            if name in self.edits:
                edit = self.edits[name]
                if edit.property("invalid") != (err is not None):
                    edit.setProperty("invalid", err is not None)
                    edit.style().unpolish(edit)
                    edit.style().polish(edit)
        self._set_title()

    def clear(self) -> None:
        self._syncing = True
        try:
            for edit in self.edits.values():
                edit.clear()
        finally:
            self._syncing = False
        self.keyboard.clear_state()
        self.keyboard.set_target(None)
        self.numpad.set_target(None)
        for lab in self.errors.values():
            lab.clear()
            lab.hide()
        self.household_address.clear()
        self.household_address.hide()
        self.same_address.hide()

    def adapt(self, theme: Theme, portrait: bool) -> None:
        super().adapt(theme, portrait)
        flip(self.body, portrait)
        self._key_px = max(theme.touch_px(), theme.dim(56))
        self._portrait = portrait
        self._size_keys()

    def _size_keys(self) -> None:
        """Keys of at least 10 mm; on a portrait totem as wide as the screen allows (ten to a
        row), since the keyboard has the whole width below the form."""
        px = getattr(self, "_key_px", 56)
        if getattr(self, "_portrait", False):
            margins = self.outer.contentsMargins()
            row = self.width() - margins.left() - margins.right() - 9 * 6  # ten keys, nine gaps
            px = max(px, min(row // 10, round(px * 1.6)))
        self.keyboard.set_key_size(px)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._size_keys()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Start where the work is: the first wrong field, or the name for a new person.
        first = next((n for n in TEXT_FIELDS if n in self.controller.field_errors), None)
        if first is None and self.controller.members and not self.controller.person.full_name:
            first = "full_name"
        self.focus_field(first or "full_name")
        edit = self.edits[first or "full_name"]
        edit.setCursorPosition(len(edit.text()))  # go on typing after what is there
