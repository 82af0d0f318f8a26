"""The question a second window asks: the file is open elsewhere, open it read-only?"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from clubdesk.domain.safety.damage import format_moment
from clubdesk.domain.safety.lock import LockHolder
from clubdesk.i18n import _


def holder_text(path: Path, holder: LockHolder) -> str:
    """Who has the file open and since when, in one sentence."""
    return (_("{name} is already open in clubdesk by {user} on the computer {host}, since "
                "{since}.")
            .format(name=path.name, user=holder.user, host=holder.host,
                    since=format_moment(holder.since)))


def build_lock_prompt(parent: QWidget | None, path: Path,
                      holder: LockHolder) -> tuple[QMessageBox, object]:
    """The question, and its "read-only" button (Cancel, "do not open", is the default)."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("File already open"),
                      holder_text(path, holder), QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(_("Two windows writing to one file would overwrite each other's "
                               "changes. You can look at it read-only, or not open it."))
    read_only = box.addButton(_("Open read-only"), QMessageBox.ButtonRole.AcceptRole)
    box.button(QMessageBox.StandardButton.Cancel).setText(_("Do not open"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box, read_only


class LockPrompt:
    """``LockPrompt.ask(...)``: True to open read-only, False not to open."""

    @staticmethod
    def ask(parent: QWidget | None, path: Path, holder: LockHolder) -> bool:
        box, read_only = build_lock_prompt(parent, path, holder)
        box.exec()
        return box.clickedButton() is read_only
