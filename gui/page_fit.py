"""Text sections as wide as the visible page, not as the widest table.

On a small screen (1024×600) table 三 is wider than the page's visible part, so the page scrolls
sideways; a text section stretched to the page's full width then ran under the right edge and each
line had to be scrolled to. Capped at the visible width, its lines wrap where they can be read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QScrollArea, QWidget

NARROWEST = 320  # below this a text section is hard to write in: the page scrolls instead


class PageFit(QObject):
    """Keeps the widgets given no wider than the scroll area's visible width less ``margins``."""

    def __init__(self, scroll: QScrollArea, margins: int, widgets: Callable[[], Iterable[QWidget]]) -> None:
        super().__init__(scroll)
        self._scroll = scroll
        self._margins = margins
        self._widgets = widgets
        scroll.viewport().installEventFilter(self)

    @staticmethod
    def row(widget: QWidget) -> QHBoxLayout:
        """A row holding ``widget`` at the left, so a capped widget does not sit centred."""
        row = QHBoxLayout()
        row.addWidget(widget, 1)
        row.addStretch(0)
        return row

    def fit(self) -> None:
        """Cap every widget at the visible width (called on each resize of the visible part)."""
        width = max(NARROWEST, self._scroll.viewport().width() - self._margins)
        for widget in self._widgets():
            widget.setMaximumWidth(width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
