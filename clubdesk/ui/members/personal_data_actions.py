"""The Members tab's GDPR actions: export a member's personal data, anonymise a member."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from clubdesk.domain.common.files import OutputFileError
from clubdesk.domain.gdpr.gdpr import (
    UnknownMemberError,
    anonymize_member,
    erasure_message,
    export_personal_data_json,
)
from clubdesk.domain.members.members import MemberNotFoundError, member_name
from clubdesk.domain.safety.backups import BackupError
from clubdesk.i18n import _
from clubdesk.ui.common.prompts import confirm_warning as confirm
from clubdesk.ui.common.prompts import inform
from clubdesk.ui.common.purge_prompt import offer_purge


def choose_export_path(parent: QWidget, suggested: str) -> str | None:
    """The file the user chose to export to, or None (tests replace this)."""
    path, _selected = QFileDialog.getSaveFileName(
        parent, _("Export personal data"), suggested,
        _("JSON file (*.json);;PDF document (*.pdf)"))
    return path or None


def export_personal_data(parent: QWidget, member_id: int,
                         path: str | None = None) -> Path | None:
    """Write member ``member_id``'s personal data to a .json or .pdf file (asked for when
    ``path`` is None); the file written, or None when cancelled or failed (the user is told).
    """
    title = _("Export personal data")
    if path is None:
        path = choose_export_path(parent, f"donnees-personnelles-{member_id}.json")
        if not path:
            return None
    suffix = Path(path).suffix.lower()
    if suffix not in (".json", ".pdf"):
        inform(parent, title, _("Choose a file ending in .json or .pdf."))
        return None
    try:
        if suffix == ".json":
            written = export_personal_data_json(member_id, path)
        else:
            # reportlab takes a while to load: only when a PDF is asked for.
            from clubdesk.reports.personal_data import build_personal_data_pdf

            written = build_personal_data_pdf(member_id, Path(path))
    except (UnknownMemberError, OutputFileError) as error:
        inform(parent, title, _("The personal data could not be exported: {error}")
               .format(error=error))
        return None
    inform(parent, title, _("Personal data of member no. {number} written to {path}.")
           .format(number=member_id, path=written))
    return written


def anonymize(parent: QWidget, member_id: int) -> bool:
    """Anonymise member ``member_id`` after a clear confirmation; True when done."""
    title = _("Anonymise member")
    try:
        name = member_name(member_id)
    except MemberNotFoundError:
        inform(parent, title, str(UnknownMemberError(member_id)))
        return False
    text = _(
        "Anonymise {name} (no. {number})? Their name, e-mail, phone, address, company, "
        "profession, notes and consents are erased for good; wherever other records or the "
        "audit log mention their name, e-mail or phone, however written, the anonymous "
        "label replaces it. Their attendance, volunteer hours, referrals and dues are kept "
        "for the statistics under the number only. This cannot be undone.").format(
            name=name, number=member_id)
    if not confirm(parent, title, text, _("Anonymise")):
        return False
    try:
        result = anonymize_member(member_id)
    except (UnknownMemberError, RuntimeError, BackupError) as error:
        inform(parent, title, str(error))
        return False
    lines = erasure_message(member_id, result).split("\n")
    if result.backups:
        offer_purge(parent, title, "\n".join(lines), list(result.backups))
    else:
        inform(parent, title, "\n".join(lines))
    return True
