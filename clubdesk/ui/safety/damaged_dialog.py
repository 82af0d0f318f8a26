"""What to do with a damaged file: restore the latest good backup, open another, or quit."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from clubdesk.domain.safety.backups import Backup
from clubdesk.domain.safety.damage import format_moment
from clubdesk.i18n import _


class DamageChoice(enum.Enum):
    RESTORE = "restore"
    OPEN_OTHER = "open_other"
    QUIT = "quit"


def build_damaged_dialog(parent: QWidget | None, path: Path, detail: str,
                         backup: Backup | None) -> tuple[QMessageBox, dict[object, DamageChoice]]:
    """The dialog and what each of its buttons chooses."""
    box = QMessageBox(QMessageBox.Icon.Critical, _("Damaged database"),
                      _("{name} is damaged: parts of it can no longer be read.").format(
                          name=path.name), QMessageBox.StandardButton.NoButton, parent)
    box.setDetailedText(detail)  # SQLite's own words, for whoever helps
    choices: dict[object, DamageChoice] = {}
    if backup is not None:
        box.setInformativeText(_(
            "Nothing more will be written to it. The newest verified backup is from {when}. "
            "Restoring it keeps the damaged file beside it as {kept}, then opens the backup; "
            "what was entered since {when} will have to be entered again.").format(
                when=format_moment(backup.created), kept=f"{path.name}.damaged-…"))
        restore = box.addButton(_("Restore the backup of {when}").format(
            when=format_moment(backup.created)), QMessageBox.ButtonRole.AcceptRole)
        choices[restore] = DamageChoice.RESTORE
        box.setDefaultButton(restore)
    else:
        box.setInformativeText(_(
            "Nothing more will be written to it, and no backup of it was found. Open a copy "
            "you keep elsewhere (File > Backups… can restore any clubdesk file), or quit; "
            "the damaged file is left as it is."))
    other = box.addButton(_("Open another file…"), QMessageBox.ButtonRole.ActionRole)
    choices[other] = DamageChoice.OPEN_OTHER
    quit_button = box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    choices[quit_button] = DamageChoice.QUIT
    box.setEscapeButton(quit_button)
    return box, choices


class DamagedDialog:
    """``DamagedDialog.ask(...)`` returns the user's :class:`DamageChoice`."""

    @staticmethod
    def ask(parent: QWidget | None, path: Path, detail: str,
            backup: Backup | None) -> DamageChoice:
        box, choices = build_damaged_dialog(parent, path, detail, backup)
        box.exec()
        return choices.get(box.clickedButton(), DamageChoice.QUIT)
