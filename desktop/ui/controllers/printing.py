"""Print and save as PDF: answers and the visit sheet, always in the light colours on paper."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

from PySide6.QtCore import QMarginsF, QStandardPaths
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtWidgets import QFileDialog, QLineEdit, QMainWindow, QWidget

from desktop.ui.settings import qt_settings_unwritable
from desktop.ui.theme import document_css

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


def _printer(pdf_path: Path | None = None):  # type: ignore[no-untyped-def]
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


def print_dialog(parent: QWidget | None, printer, title: str = "", *, to_file: bool = True):  # type: ignore[no-untyped-def]
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
