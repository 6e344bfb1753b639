"""The desk's questions that change what a person pays: ethnicity, support group, where they
live, and health insurance they already have elsewhere (issue 15)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QGridLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from kiosk.domain.enums import SupportGroup
from kiosk.domain.ethnicity import Ethnicity, ethnicities, find_ethnicity
from kiosk.domain.provinces import provinces
from kiosk.domain.text import fold_accents
from kiosk.policy.engine import covered_reasons, support_group_for
from ui.i18n import label_text

translate = QCoreApplication.translate
# The groups staff set from papers; ethnic minority follows the ethnicity asked above it.
DECLARED_GROUPS = (SupportGroup.OTHER, SupportGroup.POOR, SupportGroup.NEAR_POOR)
_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


class _FoldedFilter(QSortFilterProxyModel):
    """Keeps the groups whose name or other name contains the typed text, accents ignored."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_text(self, text: str) -> None:
        self._needle = fold_accents(text).replace(" ", "").replace("-", "")
        self.invalidate()

    def filterAcceptsRow(  # Qt's name
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        keys = str(model.data(model.index(source_row, 0, source_parent), _SEARCH_ROLE) or "")
        return self._needle in keys


class EthnicityCombo(QComboBox):
    """The 54 groups in the official order; typing "ede" or "hmong" finds Ê Đê or Mông."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for group in ethnicities():
            self.addItem(group.name, group.code)
            keys = [
                fold_accents(n).replace(" ", "").replace("-", "").replace("'", "")
                for n in (group.name, *group.other_names)
            ]
            self.setItemData(self.count() - 1, "|".join(keys), _SEARCH_ROLE)
        self.filter = _FoldedFilter(self)
        self.filter.setSourceModel(self.model())
        completer = QCompleter(self.filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompleter(completer)
        line = self.lineEdit()
        assert line is not None  # editable
        line.textEdited.connect(self.filter.set_text)
        line.editingFinished.connect(self._settle)
        self.set_ethnicity("")

    def ethnicity(self) -> Ethnicity | None:
        """The group the text names (official name, other name or code), None if none."""
        return find_ethnicity(self.currentText())

    def text(self) -> str:
        """What the draft stores: the list's spelling, or the text as typed (refused later)."""
        found = self.ethnicity()
        return found.name if found else self.currentText().strip()

    def set_ethnicity(self, text: str) -> None:
        """Show `text`'s group; "" leaves the choice empty (not asked: never Kinh by default)."""
        if not text.strip():
            self.setCurrentIndex(-1)
            self.setEditText("")
            return
        found = find_ethnicity(text)
        index = self.findData(found.code) if found else -1
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(text)

    def _settle(self) -> None:
        """A name typed without accents or by another name becomes the list's entry."""
        found = self.ethnicity()
        if found is not None and self.currentText() != found.name:
            self.setCurrentIndex(self.findData(found.code))


class SupportQuestions(QGroupBox):
    """Ethnicity, declared group, residence province, island commune, covered elsewhere.

    `changed` fires on every answer; `applied_group()` is the group the quote will use.
    """

    changed = Signal()

    def __init__(self, today: date, home_province: str | None, parent: QWidget | None = None):
        super().__init__(translate("Staff", "Hỗ trợ tiền đóng và thẻ BHYT đã có"), parent)
        self.today = today
        self.home_province = home_province
        self.ethnicity = EthnicityCombo()
        self.ethnicity.setObjectName("ethnicity")
        self.ethnicity.currentIndexChanged.connect(lambda _i: self._changed())
        self.ethnicity.editTextChanged.connect(lambda _t: self._changed())
        self.group = QComboBox()
        self.group.setObjectName("support_group")
        for group in DECLARED_GROUPS:
            self.group.addItem(label_text(group), group)
        self.group.currentIndexChanged.connect(lambda _i: self._changed())
        self.applied = QLabel("")
        self.applied.setObjectName("applied_group")
        self.applied.setWordWrap(True)
        self.province = QComboBox()
        self.province.setObjectName("residence_province")
        for code, name in sorted(provinces().items(), key=lambda item: fold_accents(item[1])):
            self.province.addItem(name, code)
        self.province.currentIndexChanged.connect(lambda _i: self._changed())
        self.island = QCheckBox(translate("Staff", "Sống ở xã đảo hoặc đặc khu"))
        self.island.setObjectName("island")
        self.island.toggled.connect(lambda _c: self._changed())
        self.covered = QCheckBox(translate("Staff", "Đã có thẻ BHYT nơi khác"))
        self.covered.setToolTip(
            translate("Staff", "Không thu tiền BHYT, không tính vào số người đóng của hộ")
        )
        self.covered.setObjectName("covered")
        self.covered.toggled.connect(self._covered_toggled)
        self.reason = QComboBox()
        self.reason.setObjectName("covered_reason")
        for reason in covered_reasons(today):
            self.reason.addItem(reason.vi, reason.code)
        self.reason.currentIndexChanged.connect(lambda _i: self._changed())
        # Two questions a row: the whole form fits a desk screen without scrolling.
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.addWidget(QLabel(translate("Staff", "Dân tộc gì?")), 0, 0)
        grid.addWidget(self.ethnicity, 0, 1)
        grid.addWidget(QLabel(translate("Staff", "Hộ nghèo, cận nghèo?")), 0, 2)
        grid.addWidget(self.group, 0, 3)
        grid.addWidget(self.applied, 1, 0, 1, 4)
        grid.addWidget(QLabel(translate("Staff", "Đang sống ở tỉnh?")), 2, 0)
        grid.addWidget(self.province, 2, 1)
        grid.addWidget(self.island, 2, 2, 1, 2)
        grid.addWidget(self.covered, 3, 0, 1, 2)
        grid.addWidget(self.reason, 3, 2, 1, 2)
        self.reset()

    def reset(self) -> None:
        """Answers for a new person: ethnicity not chosen yet, no declared group, the event's
        province."""
        self.ethnicity.set_ethnicity("")
        self.group.setCurrentIndex(0)
        index = self.province.findData(self.home_province) if self.home_province else -1
        self.province.setCurrentIndex(max(index, 0))
        self.island.setChecked(False)
        self.covered.setChecked(False)
        self._changed()

    def declared_group(self) -> SupportGroup:
        return SupportGroup(self.group.currentData())

    def applied_group(self) -> SupportGroup:
        """The declared group, or ethnic minority when the ethnicity gives more support."""
        return support_group_for(self.today, self.declared_group(), self.ethnicity.text())

    def residence(self) -> str | None:
        code = self.province.currentData()
        return str(code) if code else None

    def covered_reason(self) -> str | None:
        return str(self.reason.currentData()) if self.covered.isChecked() else None

    def _covered_toggled(self, _checked: bool) -> None:
        self._changed()

    def _changed(self) -> None:
        found = self.ethnicity.ethnicity()
        applied = translate("Staff", "Mức hỗ trợ BHXH tự nguyện áp dụng: {group}").format(
            group=label_text(self.applied_group())
        )
        if not self.ethnicity.text():  # not asked yet: nothing assumed, the desk asks later
            self.applied.setText(
                translate("Staff", "Chưa hỏi dân tộc. {applied}").format(applied=applied)
            )
        elif found is None:
            self.applied.setText(
                translate("Staff", "Chưa rõ dân tộc: chọn trong danh sách 54 dân tộc.")
            )
        else:
            self.applied.setText(applied)
        self.reason.setVisible(self.covered.isChecked())  # asked only when it applies
        self.changed.emit()
