"""帮助 › 使用说明: the user guide, shipped with the program and shown without a network.

The guide is plain HTML pages in ``resources/guide/`` (one per task, pictures beside them), shown
in a QTextBrowser so it works offline on every machine and needs no web browser. The printable PDF
of the same guide is opened with the desktop's PDF reader.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

GUIDE_DIR = Path(__file__).resolve().parent.parent / "resources" / "guide"
GUIDE_INDEX = GUIDE_DIR / "index.html"
GUIDE_PDF = GUIDE_DIR / "guide.pdf"
GUIDE_CSS = GUIDE_DIR / "guide.css"


class GuideWindow(QDialog):
    """The guide's pages with back, forward and contents; links to the PDF or the web leave the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User Guide"))
        self.setModal(False)
        self.resize(1040, 720)  # the pictures are 960 pixels wide, shown 1:1
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)  # the guide's own pages stay here; anything else goes to the desktop
        self.browser.anchorClicked.connect(self.follow)
        self.browser.setSearchPaths([str(GUIDE_DIR)])
        if GUIDE_CSS.is_file():
            # QTextBrowser ignores <link rel="stylesheet">; a browser showing the same files uses it
            self.browser.document().setDefaultStyleSheet(GUIDE_CSS.read_text(encoding="utf-8"))
        back = QPushButton(self.tr("Back"))
        back.setShortcut(QKeySequence.StandardKey.Back)
        back.clicked.connect(self.browser.backward)
        forward = QPushButton(self.tr("Forward"))
        forward.setShortcut(QKeySequence.StandardKey.Forward)
        forward.clicked.connect(self.browser.forward)
        home = QPushButton(self.tr("Contents"))
        home.clicked.connect(self.browser.home)
        pdf = QPushButton(self.tr("Printable Version (PDF)"))
        pdf.clicked.connect(open_guide_pdf)
        pdf.setEnabled(GUIDE_PDF.is_file())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        self.browser.backwardAvailable.connect(back.setEnabled)
        self.browser.forwardAvailable.connect(forward.setEnabled)
        back.setEnabled(False)
        forward.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (back, forward, home):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(pdf)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.browser)
        self.browser.setSource(QUrl.fromLocalFile(str(GUIDE_INDEX)))

    def follow(self, url: QUrl) -> None:
        """A guide page opens here; the PDF and web addresses open in the desktop's programs."""
        if url.isRelative():
            url = self.browser.source().resolved(url)
        if url.isLocalFile() and url.toLocalFile().lower().endswith(".html"):
            self.browser.setSource(url)
        elif url.scheme() == "" and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())
        else:
            QDesktopServices.openUrl(url)

    def page(self) -> str:
        """The file name of the page shown (``index.html``, ``check.html``...)."""
        return Path(self.browser.source().toLocalFile()).name


def open_guide_pdf() -> bool:
    """Open the printable guide in the desktop's PDF reader."""
    return GUIDE_PDF.is_file() and QDesktopServices.openUrl(QUrl.fromLocalFile(str(GUIDE_PDF)))


def show_guide(parent: QWidget, window: GuideWindow | None) -> GuideWindow:
    """Show the guide (the open one raised again rather than a second copy)."""
    if window is None:
        window = GuideWindow(parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
