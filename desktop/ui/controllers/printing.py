"""Print and save as PDF: answers and the visit sheet, always in the light colours on paper.

A kiosk never opens a file dialog: it saves into the administrator's export folder (and
offers no PDF at all without one); "Print to file" is left out of its print dialog.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QObject, QStandardPaths
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMainWindow, QWidget

from desktop.core.reader.user_data import UserData
from desktop.ui.panels.pages import PageStack
from desktop.ui.settings import Settings, qt_settings_unwritable
from desktop.ui.theme import document_css
from desktop.ui.window.actions import Actions
from desktop.ui.workstation.station import Workstation

if TYPE_CHECKING:  # QtPrintSupport is loaded only when printing
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

#: One print style for answers and the visit sheet: type size (points) and page margins (mm).
#: Qt's QTextDocument.print_ adds 2 cm of its own inside the printer's margins, so the paper
#: margin is PRINT_MARGIN_MM + 20 mm (about an inch all round).
PRINT_POINTS = 12.5
PRINT_MARGIN_MM = 5.0
#: A folder that can never be created (it is under a file), for Qt settings in private mode.
NOWHERE = str(Path(sys.executable) / "no-settings")
PRINT_CSS = " body { background-color: #ffffff; } a { color: #0b57a4; } .note { color: #1b1f24; }"


def _document(html: str) -> QTextDocument:
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(PRINT_POINTS)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(document_css("light") + PRINT_CSS)
    doc.setHtml(html)
    return doc


def _printer(pdf_path: Path | None = None) -> QPrinter:
    from PySide6.QtPrintSupport import QPrinter  # loaded only when printing

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(PRINT_MARGIN_MM, PRINT_MARGIN_MM, PRINT_MARGIN_MM, PRINT_MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    if pdf_path is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf_path))
    return printer


def export_pdf(html: str, path: Path, *, large_print: bool = False, title: str = "") -> Path:
    """Write a document as a PDF file; returns the path written. (`large_print` is accepted
    from older callers: answers and the visit sheet now share one print style.)"""
    printer = _printer(path)
    if title:
        printer.setDocName(title)
    _document(html).print_(printer)
    return path


def print_dialog(
    parent: QWidget | None, printer: QPrinter, title: str = "", *, to_file: bool = True
) -> QPrintDialog:
    """The print dialog for `printer`. "Print to file" (left out in kiosks: its file chooser
    would open the computer's folders) suggests a file named after the question in the
    reader's Documents folder, not the whole question with its "?" in the home folder."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    name = safe_file_name(title) if title else "answer.pdf"
    printer.setDocName(Path(name).stem)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, to_file)
    file_field = dialog.findChild(QLineEdit, "filename")  # Qt's own dialog (Linux)
    if to_file and file_field is not None:
        file_field.setText(str(documents_folder() / name))
    return dialog


def print_with_dialog(
    parent: QWidget,
    html: str,
    *,
    large_print: bool = False,
    title: str = "",
    to_file: bool = True,
) -> bool:
    """Ask which printer, then print; True when printed. Afterwards the window's status bar
    says where it went (the file written, or the printer). `to_file=False` (kiosks) leaves
    out "Print to file"."""
    from PySide6.QtPrintSupport import QPrintDialog

    printer = _printer()
    dialog = print_dialog(parent, printer, title, to_file=to_file)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(html).print_(printer)
    target = printer.outputFileName()
    if target:
        done = f"Saved {target}" if Path(target).exists() else f"Could not save {target}."
    else:
        done = f"Sent to the printer {printer.printerName()}".rstrip() + "."
    tell(parent, done)
    return True


def tell(parent: QWidget | None, message: str) -> None:
    """Say something in the status bar of the window `parent` belongs to."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 10000)


def documents_folder() -> Path:
    """The reader's Documents folder when there is one, else the home folder."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def ask_pdf_path(
    parent: QWidget, suggested_name: str, *, folder: Path | None = None, private: bool = False
) -> Path | None:
    """Ask where to save a PDF (starting in `folder`, else Documents or home); None when the
    reader cancels. When private, the dialog's remembered folders are not written anywhere."""
    start = (folder or documents_folder()) / suggested_name
    keep_quiet = qt_settings_unwritable(NOWHERE) if private else nullcontext()
    with keep_quiet:
        name, _ = QFileDialog.getSaveFileName(
            parent, "Save as PDF", str(start), "PDF files (*.pdf)"
        )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")


def free_pdf_path(folder: Path, suggested_name: str) -> Path:
    """A new file in `folder` (kiosks save there without asking): "name.pdf", "name (2).pdf"…"""
    path = folder / suggested_name
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{Path(suggested_name).stem} ({number}).pdf"
    return path


def safe_file_name(text: str, limit: int = 60) -> str:
    """A question turned into a file name people recognise."""
    kept = "".join(c if c.isalnum() or c in " -" else " " for c in text)
    words = " ".join(kept.split())[:limit].strip()
    return (words or "answer") + ".pdf"


class PrintingController(QObject):
    """Print or save the page shown (an answer, or the visit sheet in large print)."""

    def __init__(
        self,
        pages: PageStack,
        user_data: UserData,
        station: Workstation,
        settings: Settings,
        actions: Actions,
        window: QMainWindow,
    ) -> None:
        super().__init__(window)
        self.pages = pages
        self.user_data = user_data
        self.station = station
        self.settings = settings
        self.window = window
        actions.print_.triggered.connect(self.print_page)
        actions.export_pdf.triggered.connect(lambda: self.export_page_pdf())
        pages.page_made.connect(self._page_made)

    def _page_made(self, page: QWidget) -> None:
        if page is self.pages.made_visit_page():
            self.pages.visit_page.print_requested.connect(self.print_page)
            self.pages.visit_page.pdf_requested.connect(lambda: self.export_page_pdf())

    def printable(self) -> tuple[str, str, bool] | None:
        """(html, title, large print) of the current page, or None."""
        store = self.user_data.store
        if self.pages.showing_visit_sheet() and store.visit_items():
            from desktop.core.reader.pages import visit_sheet_html

            self.pages.flush_notes()
            html = visit_sheet_html(store.visit_answers(), store.visit_items(), store.visit_note())
            return html, "Questions for my visit", True
        if self.pages.showing_answer():
            from desktop.core.render import render_answer

            loaded = self.pages.answer_page.loaded
            assert loaded is not None
            return render_answer(loaded.answer), loaded.answer.question, False
        return None

    def print_page(self) -> None:
        """Print the answer or the visit sheet."""
        page = self.printable()
        if page is not None:
            print_with_dialog(
                self.window,
                page[0],
                large_print=page[2],
                title=page[1],
                to_file=not self.station.kiosk,
            )

    def export_page_pdf(self, path: Path | None = None) -> Path | None:
        """Save the answer or the visit sheet as PDF; the path written, or None."""
        page = self.printable()
        station = self.station
        if page is None or not station.pdf_allowed:
            return None
        name = safe_file_name(page[1])
        if path is None and station.kiosk:
            assert station.export_folder is not None
            path = free_pdf_path(station.export_folder, name)
        if path is None:
            path = ask_pdf_path(
                self.window, name, folder=station.export_folder, private=self.settings.private
            )
        if path is None:
            return None
        export_pdf(page[0], path, large_print=page[2], title=page[1])
        status = self.window.statusBar()
        if not path.exists():
            status.showMessage(f"The PDF could not be saved in {path.parent}.", 10000)
            return None
        status.showMessage(f"Saved {path}", 10000)
        return path

    def reset(self) -> None:
        """Nothing of a session lives here."""
