"""Small dialogs: a new report's template, year and agency."""

from __future__ import annotations

import datetime

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from model.document import YEAR_MAX, YEAR_MIN
from model.template import available_templates, load_template


class NewReportDialog(QDialog):
    """The New Report dialog: template (2021/2019), year, agency."""

    def __init__(self, parent: QWidget | None = None, agency: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New Report"))
        form = QFormLayout(self)
        self.template = QComboBox()
        for template_id in available_templates():
            self.template.addItem(load_template(template_id).name, template_id)
        self.year = QSpinBox()
        self.year.setRange(YEAR_MIN, YEAR_MAX)
        self.year.setValue(datetime.date.today().year - 1)  # reports are written in January for last year
        self.agency = QLineEdit(agency)
        self.agency.setPlaceholderText(self.tr("e.g. 某某市某某局"))
        form.addRow(self.tr("Layout"), self.template)
        form.addRow(self.tr("Report year"), self.year)
        form.addRow(self.tr("Agency"), self.agency)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.year.valueChanged.connect(self._suggest_template)
        self._suggest_template(self.year.value())

    def _suggest_template(self, year: int) -> None:
        for index in range(self.template.count()):
            if load_template(self.template.itemData(index)).covers_year(year):
                self.template.setCurrentIndex(index)
                return

    def values(self) -> tuple[str, int, str]:
        return self.template.currentData(), self.year.value(), self.agency.text()
