"""The dialog that merges two member records: a value chosen for each field, what moves,
the events both attended, then Merge."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from clubdesk.domain.common.labels import (
    attendance_status_label,
    bureau_role_label,
    member_status_label,
)
from clubdesk.domain.members.member_form import FIELD_NAMES
from clubdesk.domain.members.member_merge import (
    MergeError,
    MergeResult,
    merge_members,
    merge_preview,
)
from clubdesk.domain.members.members import (
    MemberNotFoundError,
    MemberValidationError,
    sponsor_choices,
)
from clubdesk.domain.safety.backups import BackupError
from clubdesk.i18n import _, ngettext
from clubdesk.ui.common.form_widgets import member_search_combo


class MergeDialog(QDialog):
    """Merge member ``other_id`` into ``keep_id``; ``result`` is set once merged."""

    def __init__(self, keep_id: int, other_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = merge_preview(keep_id, other_id)
        self.result_: MergeResult | None = None
        self.choices: dict[str, QButtonGroup] = {}
        self._error_box: QMessageBox | None = None
        self._sponsors = dict(sponsor_choices())
        self.setWindowTitle(_("Merge members — {name}").format(
            name=self.preview.keep_name))
        self._build()

    @classmethod
    def ask(cls, parent: QWidget | None, keep_id: int, other_id: int) -> bool:
        """Show the dialog modally; True once the two members are merged."""
        dialog = cls(keep_id, other_id, parent)
        try:
            dialog.exec()
            if dialog.result_ is None:
                return False
            box = QMessageBox(QMessageBox.Icon.Information, _("Members merged"),
                              dialog.summary_text(), QMessageBox.StandardButton.Ok, parent)
            box.setTextFormat(Qt.TextFormat.RichText)
            box.exec()
            return True
        finally:
            dialog.deleteLater()

    # -- building ---------------------------------------------------------------------------

    def _labels(self) -> dict[str, str]:
        return {
            "first_name": _("First name"), "last_name": _("Last name"),
            "email": _("Email"), "phone": _("Phone"),
            "company": _("Company"), "profession": _("Profession"),
            "sector": _("Sector"), "address": _("Address"),
            "city": _("City"), "postcode": _("Postcode"),
            "status": _("Status"), "role": _("Bureau role"),
            "sponsor_id": _("Sponsor"), "joined_on": _("Joined on"),
            "left_on": _("Left on"),
            "consent_directory": _("Directory consent"),
            "consent_directory_on": _("Directory consent given on"),
            "consent_directory_withdrawn_on": _("Directory consent withdrawn on"),
            "consent_photos": _("Photo consent"),
            "consent_photos_on": _("Photo consent given on"),
            "consent_photos_withdrawn_on": _("Photo consent withdrawn on"),
            "consent_newsletter": _("Newsletter consent"),
            "consent_newsletter_on": _("Newsletter consent given on"),
            "consent_newsletter_withdrawn_on": _("Newsletter consent withdrawn on"),
            "notes": _("Notes"),
        }

    def _shown(self, name: str, value: Any) -> str:
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        if name == "status":
            return member_status_label(value)
        if name == "role":
            return bureau_role_label(value)
        if name == "sponsor_id":
            return self._sponsors.get(value, str(value))
        return str(value)

    def _build(self) -> None:
        preview = self.preview
        defaults = preview.default_values()
        grid = QGridLayout()
        grid.addWidget(QLabel(_("<b>Field</b>")), 0, 0)
        grid.addWidget(QLabel("<b>" + preview.keep_name + "</b>"), 0, 1)
        grid.addWidget(QLabel("<b>" + preview.other_name + "</b>"), 0, 2)
        labels = self._labels()
        for row, name in enumerate(FIELD_NAMES, start=1):
            kept = getattr(preview.keep_values, name)
            other = getattr(preview.other_values, name)
            grid.addWidget(QLabel(labels[name]), row, 0)
            keep_button = QRadioButton(self._shown(name, kept))
            other_button = QRadioButton(self._shown(name, other))
            keep_button.setObjectName(f"keep_{name}")
            other_button.setObjectName(f"other_{name}")
            group = QButtonGroup(self)
            group.addButton(keep_button, 0)
            group.addButton(other_button, 1)
            (keep_button if defaults[name] == kept else other_button).setChecked(True)
            if kept == other:
                other_button.setEnabled(False)
            self.choices[name] = group
            grid.addWidget(keep_button, row, 1)
            grid.addWidget(other_button, row, 2)
        fields_widget = QWidget()
        fields_widget.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(fields_widget)

        self.moves = QLabel(self._moves_text())
        self.moves.setWordWrap(True)
        self.conflicts = QLabel(self._conflicts_text())
        self.conflicts.setWordWrap(True)
        self.conflicts.setVisible(bool(preview.conflicts))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = QPushButton(_("Merge the two members"))
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.clicked.connect(self._merge)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_(
            "{other} will be deleted; choose the value to keep for each field.").format(
                other=preview.other_name)))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.moves)
        layout.addWidget(self.conflicts)
        layout.addWidget(self.buttons)
        self.resize(820, 640)

    def _moves_text(self) -> str:
        counts = self.preview.other_counts
        texts = {
            "fees": ngettext("{n} fee", "{n} fees", counts["fees"]),
            "attendances": ngettext("{n} attendance row",
                                    "{n} attendance rows", counts["attendances"]),
            "proxies_held": ngettext("{n} proxy held", "{n} proxies held", counts["proxies_held"]),
            "guests_invited": ngettext("{n} guest invited",
                                       "{n} guests invited", counts["guests_invited"]),
            "guests_converted": ngettext("{n} converted guest",
                                         "{n} converted guests", counts["guests_converted"]),
            "volunteer_entries": ngettext("{n} volunteer entry",
                                          "{n} volunteer entries", counts["volunteer_entries"]),
            "referrals_given": ngettext("{n} referral given",
                                        "{n} referrals given", counts["referrals_given"]),
            "referrals_received": ngettext("{n} referral received",
                                           "{n} referrals received", counts["referrals_received"]),
            "sponsored": ngettext("{n} sponsored member",
                                  "{n} sponsored members", counts["sponsored"]),
        }
        parts = [text for kind, text in texts.items() if counts[kind]]
        if not parts:
            return _("Nothing else moves to {name}.").format(name=self.preview.keep_name)
        text = _("{rows} move to {name}.").format(
            rows=", ".join(parts), name=self.preview.keep_name)
        if self.preview.referrals_between:
            text += " " + ngettext("{n} referral between the two will keep the recipient's name "
                                   "as an external recipient.",
                                   "{n} referrals between the two will keep the recipient's name "
                                   "as an external recipient.", self.preview.referrals_between)
        return text

    def _conflicts_text(self) -> str:
        lines = [_("Both attended these events; the best status is kept:")]
        for conflict in self.preview.conflicts:
            lines.append(_("• {date} {title}: {keep} / {other}").format(
                date=conflict.starts_at.strftime("%d/%m/%Y"), title=conflict.title,
                keep=attendance_status_label(conflict.keep_status),
                other=attendance_status_label(conflict.other_status)))
        return "\n".join(lines)

    def _kind_names(self) -> dict[str, str]:
        return {
            "fees": _("Fees"), "attendances": _("Attendance rows"),
            "proxies_held": _("Proxies held"), "guests_invited": _("Guests invited"),
            "guests_converted": _("Converted guests"),
            "volunteer_entries": _("Volunteer entries"),
            "referrals_given": _("Referrals given"),
            "referrals_received": _("Referrals received"),
            "sponsored": _("Sponsored members"),
        }

    def summary_text(self) -> str:
        """After the merge: each kind of row, counted for both records before and for the
        kept one after, so the secretary sees that nothing was lost."""
        result = self.result_
        if result is None:
            return ""
        cell = "<td style='padding: 2px 10px; text-align: right'>{}</td>"
        head = "<th style='padding: 2px 10px'>{}</th>"
        rows = [
            f"<tr><td>{escape(name)}</td>"
            + "".join(cell.format(counts[kind]) for counts in (
                result.keep_before, result.other_before, result.after))
            + "</tr>"
            for kind, name in self._kind_names().items()
            if result.keep_before[kind] or result.other_before[kind] or result.after[kind]
        ]
        text = "<p>{}</p>".format(escape(_("{other} was merged into {name}.").format(
            other=self.preview.other_name, name=self.preview.keep_name)))
        if not rows:
            return text + "<p>{}</p>".format(escape(_("Neither had any related rows.")))
        notes = []
        if result.conflicts_resolved:
            notes.append(ngettext("{n} event attended by both now counts once, with the best "
                                  "status.",
                                  "{n} events attended by both now count once, with the best "
                                  "status.", result.conflicts_resolved))
        if result.referrals_externalised:
            notes.append(ngettext("{n} referral between the two keeps the recipient as an "
                                  "external name.",
                                  "{n} referrals between the two keep the recipient as an "
                                  "external name.", result.referrals_externalised))
        return (text + "<table><tr><th></th>{}{}{}</tr>{}</table>".format(
            head.format(escape(_("Kept record"))),
            head.format(escape(_("Merged record"))),
            head.format(escape(_("After"))), "".join(rows))
            + "".join(f"<p>{escape(note)}</p>" for note in notes))

    # -- merging ----------------------------------------------------------------------------

    def chosen_values(self) -> dict[str, Any]:
        """The value chosen for each field."""
        source = {0: self.preview.keep_values, 1: self.preview.other_values}
        return {name: getattr(source[group.checkedId()], name)
                for name, group in self.choices.items()}

    def _merge(self) -> None:
        try:
            self.result_ = merge_members(
                self.preview.keep_id, self.preview.other_id, self.chosen_values())
        except MemberValidationError as error:
            self._refuse(list(error.result.errors.values()))
            return
        except (MergeError, MemberNotFoundError, BackupError) as error:
            self._refuse([str(error)])
            return
        self.accept()

    def _refuse(self, messages: list[str]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, _("Members not merged"),
            _("The members were not merged:") + "\n\n"
            + "\n".join(f"• {message}" for message in messages),
            QMessageBox.StandardButton.Ok, self)
        if self._error_box is not None:
            self._error_box.deleteLater()
        self._error_box = box
        box.open()


def chosen_member(combo: QComboBox) -> int | None:
    """The member a :func:`member_search_combo` names exactly, or None."""
    text = combo.currentText().strip()
    row = combo.findText(text, Qt.MatchFlag.MatchExactly) if text else -1
    return combo.itemData(row) if row > 0 else None


def ask_other_member(parent: QWidget | None, keep_id: int) -> int | None:
    """Which member is the duplicate of ``keep_id``: a searchable list of the others."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(_("Merge with another member"))
    combo = member_search_combo(sponsor_choices(exclude_id=keep_id),
                                _("Type part of the duplicate's name"), dialog)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(_("The record to merge into the selected member:")))
    layout.addWidget(combo)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return chosen_member(combo)
