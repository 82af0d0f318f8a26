"""After an erasure: the backups that still hold the person, and removing them now."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from clubdesk.domain.safety.backups import BackupError
from clubdesk.domain.safety.held_backups import HeldBackup, purge_backups
from clubdesk.i18n import _
from clubdesk.ui.common.prompts import confirm_warning as confirm
from clubdesk.ui.common.prompts import inform


def offer_purge(parent: QWidget, title: str, text: str, held: list[HeldBackup]) -> bool:
    """Say which backups still hold the person, and remove them if the user asks; True
    when they were removed."""
    if not confirm(parent, title, text + "\n\n" + _(
            "Remove these backups now? A fresh backup, without the person, is made first."),
            _("Remove them now")):
        return False
    try:
        fresh = purge_backups(held)
    except BackupError as error:
        inform(parent, title, str(error))
        return False
    inform(parent, title, _("The backups holding the person were removed; the fresh "
                              "backup is {path}.").format(path=fresh.path))
    return True
