"""File ▸ Print worksheet…: choose what to print and on which paper, save the PDF, and open it if wanted.

The dialog only collects choices; ``WorksheetPrinter`` asks the desk for the job (application.printing reads the
database) and hands it to the PDF exporter. Choices are remembered between prints, per computer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget)

from desktop_app.exporters.pdf import PdfExportError, PdfKind
from desktop_app.i18n import N_, _, ngettext, pgettext
from desktop_app.ui.look import elide

if TYPE_CHECKING:
    from desktop_app.application.printing import PreparedJob

# Marked here, translated where they are shown: (name, what it holds, the status line once saved).
KIND_TEXT = {
    PdfKind.BLANK: (N_("Blank worksheet"), N_("The article with line numbers, a key of pen marks and tables to fill "
                                              "in, for a class without computers."),
                    N_("Blank worksheet saved as {file}.")),
    PdfKind.ANNOTATED: (N_("Annotated copy"), N_("The article with the marks made in the desk, each numbered, and a "
                                                 "table of every mark with its note."),
                        N_("Annotated copy saved as {file}.")),
    PdfKind.KEY: (N_("Answer key"),
                  # Translators: "TEACHER COPY" is the stamp on the answer key's pages; say it as the PDF prints it.
                  N_("The key's marks with teacher notes and discussion prompts, marked TEACHER COPY on every page."),
                  N_("Answer key saved as {file}.")),
}


@dataclass(frozen=True)
class PrintChoice:
    kind: PdfKind
    paper: str
    marked_by: str
    open_when_done: bool


def default_paper() -> str:
    """The lab's choice when its machine settings make one (docs/deploying.md); else Letter where the locale
    measures in inches (the US and a few others), A4 everywhere else."""
    from desktop_app.application.machine_settings import machine_settings

    preset = machine_settings().paper
    if preset:
        return preset
    imperial = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if imperial else "a4"


class PrintDialog(QDialog):
    def __init__(self, settings: QSettings, key_layer: str, key_count: int, own_count: int,
                 parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Print worksheet"))
        self.setMinimumWidth(480)
        self.settings = settings
        layout = QVBoxLayout(self)
        if title:
            heading = QLabel(_("Print “{title}” as:").format(title=elide(title, 70)), self)
            heading.setTextFormat(Qt.TextFormat.PlainText)  # a title is data, never markup
            heading.setWordWrap(True)
            layout.addWidget(heading)
        self.kinds = QButtonGroup(self)
        counts = {PdfKind.ANNOTATED: ngettext("{count} mark.", "{count} marks.", own_count).format(count=own_count),
                  PdfKind.KEY: (ngettext("{count} key mark.", "{count} key marks.", key_count).format(count=key_count)
                                if key_layer == "key" else
                                ngettext("This article has no stored key: it prints the desk's {count} mark.",
                                         "This article has no stored key: it prints the desk's {count} marks.",
                                         own_count).format(count=own_count))}
        for n, kind in enumerate(PdfKind):
            name, about, _saved = KIND_TEXT[kind]
            button = QRadioButton(_(name), self)
            button.setObjectName(f"kind_{kind.value}")
            self.kinds.addButton(button, n)
            text = _(about) + (f" {counts[kind]}" if kind in counts else "")
            hint = QLabel(text, self)
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setWordWrap(True)
            hint.setIndent(22)
            layout.addWidget(button)
            layout.addWidget(hint)
        saved_kind = settings.value("print/kind", PdfKind.BLANK.value)
        kinds = list(PdfKind)
        index = next((i for i, k in enumerate(kinds) if k.value == saved_kind), 0)
        self.kinds.button(index).setChecked(True)

        form = QFormLayout()
        self.paper = QComboBox(self)
        self.paper.addItem("A4", "a4")
        self.paper.addItem(pgettext("paper size", "Letter"), "letter")
        self.paper.setCurrentIndex(max(0, self.paper.findData(settings.value("print/paper", default_paper()))))
        form.addRow(_("&Paper:"), self.paper)
        self.marked_by = QLineEdit(str(settings.value("print/marked_by", "")), self)
        # Translators: an example of a student's name; any name common where you teach will do.
        self.marked_by.setPlaceholderText(_("e.g. Sam Okafor"))
        self.marked_by.setToolTip(_("Printed at the top of an annotated copy"))
        self.marked_by.setMaxLength(120)
        form.addRow(_("&Whose marks:"), self.marked_by)
        layout.addLayout(form)
        self.open_when_done = QCheckBox(_("&Open the PDF when it is saved"), self)
        self.open_when_done.setChecked(settings.value("print/open_when_done", "true") in ("true", True))
        layout.addWidget(self.open_when_done)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        save = buttons.addButton(_("Save PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kinds.idToggled.connect(lambda *_: self._update())
        self._update()

    def _update(self) -> None:
        self.marked_by.setEnabled(self.choice().kind is PdfKind.ANNOTATED)

    def choice(self) -> PrintChoice:
        kind = list(PdfKind)[max(0, self.kinds.checkedId())]
        return PrintChoice(kind, self.paper.currentData(), self.marked_by.text().strip(),
                           self.open_when_done.isChecked())

    def remember(self) -> None:
        c = self.choice()
        self.settings.setValue("print/kind", c.kind.value)
        self.settings.setValue("print/paper", c.paper)
        self.settings.setValue("print/marked_by", c.marked_by)
        self.settings.setValue("print/open_when_done", "true" if c.open_when_done else "false")


class WorksheetPrinter(QObject):
    """The print flow of one main window: dialog, save-as, export, open."""

    def __init__(self, window, desk, settings: QSettings) -> None:
        super().__init__(window)
        self.window, self.desk, self.settings = window, desk, settings

    def start(self) -> None:
        if self.desk.article is None:
            self.window.show_problem(_("Open an article first: choose one in the library (Ctrl+L)."))
            return
        self.window.panel.flush_pending()  # a note typed a moment ago belongs on the page
        key_layer, key_count = self.desk.key_source()
        dialog = PrintDialog(self.settings, key_layer, key_count, len(self.desk.marks), self.window,
                             title=self.desk.article.details.title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        dialog.remember()
        choice = dialog.choice()
        try:
            # Read once: nothing can change the marks while the save dialog is open (it is modal).
            prepared = self.desk.prepare_print(choice.kind, choice.paper, choice.marked_by)
        except LookupError as exc:
            self.window.show_problem(str(exc))
            return
        path = self.ask_path(prepared.suggested_name)
        if path is not None:
            self.export(choice, prepared, path)

    def ask_path(self, prepared_name: str) -> Path | None:
        folder = self.settings.value("print/folder") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name, _filter = QFileDialog.getSaveFileName(self.window, _("Save the PDF"), str(Path(folder) / prepared_name),
                                                    # Translators: a file dialog's filter; keep "(*.pdf)" as it is.
                                                    _("PDF files (*.pdf)"))
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        self.settings.setValue("print/folder", str(path.parent))
        return path

    def export(self, choice: PrintChoice, prepared: PreparedJob, path: Path) -> Path | None:
        from desktop_app.exporters.pdf import write_pdf

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            saved = write_pdf(prepared.job, path)
        except PdfExportError as exc:
            QGuiApplication.restoreOverrideCursor()
            self.window.show_problem(str(exc))
            return None
        QGuiApplication.restoreOverrideCursor()
        message = _(KIND_TEXT[choice.kind][2]).format(file=saved)
        if prepared.notice:
            message += f" {prepared.notice}"
        self.window.statusBar().showMessage(message, 15000)
        if choice.open_when_done:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(saved)))
        return saved
