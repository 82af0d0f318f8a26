"""The Referrals tab: business passed between members (read-only for now)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from clubdesk.domain.activity_lists import ReferralRow, referral_rows
from clubdesk.domain.labels import referral_status_label
from clubdesk.ui.formatting import format_date, format_money
from clubdesk.ui.list_tab import ReadOnlyListTab
from clubdesk.ui.record_model import Column


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("ReferralsTab", text, None, n)


def make_referrals_tab(parent: QWidget | None = None) -> ReadOnlyListTab:
    statuses: dict[str, str] = {}

    def status(row: ReferralRow) -> str:
        if row.status not in statuses:
            statuses[row.status] = referral_status_label(row.status)
        return statuses[row.status]

    columns = [
        Column(_tr("Date"), lambda r: format_date(r.date), lambda r: r.date),
        Column(_tr("Given by"), lambda r: r.giver_name, lambda r: r.search_key),
        Column(_tr("Received by"), lambda r: r.receiver_name,
               lambda r: r.receiver_name.casefold()),
        Column(_tr("Contact"), lambda r: r.contact, lambda r: r.contact.casefold()),
        Column(_tr("Status"), status, status),
        Column(_tr("Business"), lambda r: format_money(r.amount),
               lambda r: -1 if r.amount is None else r.amount, align_right=True),
    ]
    tab = ReadOnlyListTab(
        columns, referral_rows,
        lambda shown, total: (_tr("%n referral(s)", total) if shown == total
                              else _tr("%1 of %n referral(s)", total).replace("%1", str(shown))),
        _tr("Search giver, receiver, contact…"),
        parent,
    )
    tab.set_column_widths([100, 220, 220, 220, 110])
    tab.set_note(_tr("Recording and following referrals come in a later version."))
    return tab
