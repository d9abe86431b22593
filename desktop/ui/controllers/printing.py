"""Print and save as PDF: answers and the visit sheet, always in the light colours on paper."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QTextDocument
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.ui.settings import qt_settings_unwritable
from desktop.ui.theme import document_css

ANSWER_POINTS = 12.0
LARGE_PRINT_POINTS = 16.0
#: A folder that can never be created (it is under a file), for Qt settings in private mode.
NOWHERE = str(Path(sys.executable) / "no-settings")
PRINT_CSS = " body { background-color: #ffffff; } a { color: #0b57a4; } .note { color: #1b1f24; }"


def _document(html: str, points: float) -> QTextDocument:
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(points)
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
            QMarginsF(18, 18, 18, 18),
            QPageLayout.Unit.Millimeter,
        )
    )
    if pdf_path is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf_path))
    return printer


def export_pdf(html: str, path: Path, *, large_print: bool = False, title: str = "") -> Path:
    """Write a document as a PDF file; returns the path written."""
    printer = _printer(path)
    if title:
        printer.setDocName(title)
    _document(html, LARGE_PRINT_POINTS if large_print else ANSWER_POINTS).print_(printer)
    return path


def print_with_dialog(
    parent: QWidget,
    html: str,
    *,
    large_print: bool = False,
    title: str = "",
    to_file: bool = True,
) -> bool:
    """Ask which printer, then print; True when printed. `to_file=False` (kiosks) leaves out
    "Print to file", whose file chooser would open the computer's folders."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    printer = _printer()
    if title:
        printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, to_file)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    _document(html, LARGE_PRINT_POINTS if large_print else ANSWER_POINTS).print_(printer)
    return True


def ask_pdf_path(
    parent: QWidget, suggested_name: str, *, folder: Path | None = None, private: bool = False
) -> Path | None:
    """Ask where to save a PDF (starting in `folder`, else home); None when the reader
    cancels. When private, the dialog's remembered folders are not written anywhere."""
    start = (folder or Path.home()) / suggested_name
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
