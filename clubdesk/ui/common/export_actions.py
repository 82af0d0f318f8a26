"""The "Export" button of a tab: the lines its list shows, to CSV or Excel, in the background.

The button exports exactly what the table shows after the search and the filters, in the
order shown: it reads the ids from the table's model (through any proxy, in the proxy's
order) and hands them to the domain writers (:mod:`clubdesk.domain.exchange.csv_export`,
:mod:`clubdesk.domain.exchange.xlsx_export`), which write the whole file or nothing. A tab offering
several lists (members and their dues, say) gets a menu on the button.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractProxyModel,
    QModelIndex,
    QObject,
    QStandardPaths,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QMenu,
    QMessageBox,
    QPushButton,
    QWidget,
)

from clubdesk.domain.common.files import OutputFileError
from clubdesk.domain.common.output_paths import checked_output_path
from clubdesk.domain.exchange.csv_export import export_csv
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common import app_settings
from clubdesk.ui.common.background import BackgroundTask, run_with_progress
from clubdesk.ui.common.report_runner import failure_message
from clubdesk.ui.common.row_model import RowListModel

CSV, XLSX = ".csv", ".xlsx"
SUFFIXES = (CSV, XLSX)
FOLDER_KEY, FORMAT_KEY = "export/folder", "export/format"
Writer = Callable[..., int]  # export_csv, export_xlsx: (kind, path, ids=, progress=) -> rows


def _choice(kind: str) -> tuple[str, str]:
    """The menu entry of list ``kind`` and its file name (``{date}`` in it)."""
    choices = {
        "members": (_("Members shown…"), _("members-{date}")),
        "fees": (_("Dues of these members…"), _("dues-{date}")),
        "events": (_("Events shown…"), _("events-{date}")),
        "attendance": (_("Attendance at these events…"), _("attendance-{date}")),
        "guests": (_("Guests of these events…"), _("guests-{date}")),
        "volunteering": (_("Entries shown…"), _("volunteering-{date}")),
        "referrals": (_("Referrals shown…"), _("referrals-{date}")),
    }
    return choices[kind]


def shown_ids(view: QAbstractItemView) -> list[int]:
    """The ids of the rows ``view`` shows, top to bottom (through proxies, if any)."""
    model = view.model()
    if isinstance(model, RowListModel):
        return [model.row_id(row) for row in model.rows()]
    ids = []
    for position in range(model.rowCount()):
        index: QModelIndex = model.index(position, 0)
        while isinstance(index.model(), QAbstractProxyModel):
            index = index.model().mapToSource(index)
        source = index.model()
        if isinstance(source, RowListModel):
            ids.append(source.row_id(source.row_at(index.row())))
    return ids


def _remembered(key: str) -> str:
    value = app_settings.application_settings().value(key)
    return value if isinstance(value, str) else ""


def _remember(key: str, value: str) -> None:
    app_settings.application_settings().setValue(key, value)


def default_folder() -> Path:
    """The folder of the last export if it is still there, else the documents folder."""
    last = _remembered(FOLDER_KEY)
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def with_format(path: str | Path) -> Path:
    """``path`` if it ends in .csv or .xlsx, else ``path`` + .xlsx."""
    path = Path(path)
    return path if path.suffix.lower() in SUFFIXES else path.with_name(path.name + XLSX)


def choose_file(parent: QWidget, title: str, suggested: Path, file_types: dict[str, str],
                suffix: str) -> Path | None:
    """Ask where to save ``suggested`` (a name without suffix); the file type chosen gives
    the suffix, before the dialog asks whether to replace an existing file. None when
    cancelled (tests replace this)."""
    dialog = QFileDialog(parent, title, str(suggested.parent))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilters(list(file_types))
    dialog.filterSelected.connect(
        lambda name_filter: dialog.setDefaultSuffix(file_types.get(name_filter, XLSX)[1:]))
    chosen_type = next(text for text, type_suffix in file_types.items()
                       if type_suffix == suffix)
    dialog.selectNameFilter(chosen_type)
    dialog.setDefaultSuffix(suffix[1:])
    dialog.selectFile(suggested.name)
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        files = dialog.selectedFiles()
    finally:
        dialog.deleteLater()
    return Path(files[0]) if accepted and files else None


class ListExport(QObject):
    """An export button for ``view``'s rows; one list, or a menu of ``kinds``
    (see ``export_lists.SELECTION_OF`` for what the view's ids must be)."""

    export_finished = Signal(object)  # the file written, or None (cancelled, failed)

    def __init__(self, tab: QWidget, view: QAbstractItemView, kinds: Sequence[str],
                 notify: Callable[[str], None] | None = None) -> None:
        super().__init__(tab)
        self._tab = tab
        self._view = view
        self._notify = notify
        self._available = True
        self.task: BackgroundTask | None = None
        self.message: QMessageBox | None = None  # the last result shown, closed by the next
        self.actions: dict[str, QAction] = {}
        for kind in kinds:
            action = QAction(_choice(kind)[0], tab)
            action.triggered.connect(lambda _checked=False, kind=kind: self.export(kind))
            self.actions[kind] = action
        self.button = QPushButton(_("Export…"))
        self.button.setToolTip(_("Save the list as shown (search, filters and order) "
                                       "as an Excel workbook or a CSV file"))
        self.menu: QMenu | None = None
        if len(kinds) == 1:
            self.button.clicked.connect(self.actions[kinds[0]].trigger)
        else:
            self.menu = QMenu(tab)
            self.menu.addActions(list(self.actions.values()))
            self.button.setMenu(self.menu)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self._update_enabled)
        self._update_enabled()

    def set_available(self, available: bool) -> None:
        """Offer the export or not (the tab shows something else than its list)."""
        self._available = available
        self._update_enabled()

    def _update_enabled(self) -> None:
        enabled = (self._available and self.task is None
                   and self._view.model().rowCount() > 0)
        self.button.setEnabled(enabled)
        for action in self.actions.values():
            action.setEnabled(enabled)

    # -- exporting ------------------------------------------------------------------------

    def ask_path(self, kind: str) -> Path | None:
        """The file the user chose, with its format's suffix; None when cancelled."""
        name = _choice(kind)[1].format(date=dt.date.today().isoformat())
        file_types = {_("Excel workbook (*.xlsx)"): XLSX,
                      _("CSV file, semicolons, for Excel (*.csv)"): CSV}
        chosen = choose_file(self._tab, _("Export the list"), default_folder() / name,
                             file_types, CSV if _remembered(FORMAT_KEY) == CSV else XLSX)
        return with_format(chosen) if chosen else None

    def export(self, kind: str, path: str | Path | None = None) -> BackgroundTask | None:
        """Write the rows shown as list ``kind`` to ``path`` (asked for when None), in the
        background; the user is told how it went."""
        ids = shown_ids(self._view)
        target = with_format(path) if path is not None else self.ask_path(kind)
        if target is None:
            return None
        try:  # never the database, a backup or another SQLite file
            target = checked_output_path(target, SUFFIXES)
        except OutputFileError as error:
            self._show(QMessageBox.Icon.Warning, str(error))
            return None
        writer: Writer = export_csv
        if target.suffix.lower() == XLSX:
            # openpyxl takes a while to load: only when exporting to Excel (the tabs are
            # built at start-up).
            from clubdesk.domain.exchange.xlsx_export import export_xlsx

            writer = export_xlsx
        title = _("Export the list")
        self.task = run_with_progress(
            self._tab, title, _("Writing {file}…").format(file=target.name),
            lambda progress: writer(kind, target, ids=ids, progress=progress),
            lambda count: self._done(target, int(count)),
            lambda error: self._failed(target, error))
        # Only a click on Cancel, after this line, can cancel: no signal is missed.
        self.task.cancelled.connect(self._cancelled)
        self._update_enabled()
        return self.task

    def _ended(self) -> None:
        self.task = None
        self._update_enabled()

    def _cancelled(self) -> None:
        self._ended()
        self.export_finished.emit(None)

    def _done(self, path: Path, count: int) -> None:
        self._ended()
        _remember(FOLDER_KEY, str(path.parent))
        _remember(FORMAT_KEY, path.suffix.lower())
        text = ngettext("{n} row exported to {path}",
                        "{n} rows exported to {path}", count).format(path=str(path))
        if self._notify is not None:
            self._notify(text)
        self._show(QMessageBox.Icon.Information, text, opens=path)
        self.export_finished.emit(path)

    def _failed(self, path: Path, error: BaseException) -> None:
        self._ended()
        self._show(QMessageBox.Icon.Warning,
                   _("The list could not be exported to {path}.").format(path=str(path))
                   + "\n\n" + failure_message(error))
        self.export_finished.emit(None)

    def _show(self, icon: QMessageBox.Icon, text: str, opens: Path | None = None) -> None:
        """A message that does not block the window (the export ended in the background);
        with an Open button for the file ``opens``."""
        if self.message is not None:
            self.message.close()
        box = QMessageBox(icon, _("Export the list"), text,
                          QMessageBox.StandardButton.Close, self._tab)
        if opens is not None:
            open_button = box.addButton(_("Open"), QMessageBox.ButtonRole.ActionRole)
            open_button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(opens))))
        box.setDefaultButton(QMessageBox.StandardButton.Close)
        box.finished.connect(lambda _result: self._forget(box))
        self.message = box
        box.open()

    def _forget(self, box: QMessageBox) -> None:
        if self.message is box:
            self.message = None
        box.deleteLater()
