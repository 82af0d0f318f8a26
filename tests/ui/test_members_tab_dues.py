"""The Members tab and the treasurer: the dues column and filter, read in the background,
several members selected, and the requests the window answers (payments, reminders)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget

from clubdesk.db import Member
from clubdesk.domain.dues.dues_status import current_fiscal_year
from clubdesk.domain.dues.payments import PaymentInput, record_payment
from clubdesk.domain.dues.rates import Rate, save_fee_schedule
from clubdesk.ui.members import members_model as m
from clubdesk.ui.members.member_filters import ANY
from clubdesk.ui.members.members_tab import MembersTab

TODAY = dt.date.today()


@pytest.fixture
def club(make_member) -> dict[str, Member]:
    """This fiscal year's schedule (120 €), and members in every state."""
    year = current_fiscal_year()
    save_fee_schedule(year, [Rate(None, year, "Plein tarif", Decimal("120"))])
    joined = dt.date(2020, 1, 1)
    people = {
        "anne": make_member(first_name="Anne", last_name="Arnaud", joined_on=joined),
        "bruno": make_member(first_name="Bruno", last_name="Bernard", joined_on=joined),
        "chloe": make_member(first_name="Chloé", last_name="Chevalier", joined_on=joined),
        "david": make_member(first_name="David", last_name="Durand", joined_on=joined),
        "emma": make_member(first_name="Emma", last_name="Étienne", status="prospect"),
    }
    for name, amount, exempt in (("anne", "120", False), ("bruno", "50", False),
                                 ("david", "0", True)):
        record_payment(PaymentInput(people[name].id, year, Decimal(amount), TODAY,
                                    exempt=exempt))
    return people


def _loaded(qtbot, host: QWidget) -> MembersTab:
    tab = MembersTab(host)
    tab.setGeometry(host.rect())
    tab.reload()
    qtbot.waitUntil(tab.dues_loaded)
    return tab


@pytest.fixture
def tab(qtbot, host: QWidget, club) -> MembersTab:
    return _loaded(qtbot, host)


def _dues_column(tab: MembersTab) -> dict[str, str]:
    model = tab.model
    return {model.index(row, m.COL_FIRST_NAME).data(): model.index(row, m.COL_DUES).data()
            for row in range(model.rowCount())}


def _shown(tab: MembersTab) -> list[str]:
    return [tab.model.index(row, m.COL_FIRST_NAME).data()
            for row in range(tab.model.rowCount())]


def _choose(combo, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))


def _select(tab: MembersTab, *members: Member) -> None:
    selection = tab.table.selectionModel()
    selection.clearSelection()
    for member in members:
        selection.select(tab.model.index(tab.model.row_of(member.id), 0),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_the_dues_column_is_read_in_the_background(qtbot, host, club) -> None:
    widget = MembersTab(host)
    widget.reload()
    # The list is there at once; the column follows.
    assert widget.model.rowCount() == 5
    qtbot.waitUntil(widget.dues_loaded)
    year = current_fiscal_year()
    assert widget.model.headerData(m.COL_DUES, Qt.Orientation.Horizontal) == f"Dues {year}"
    assert _dues_column(widget) == {"Anne": "Paid", "Bruno": "Partly paid",
                                    "Chloé": "Unpaid", "David": "Exempt", "Emma": ""}
    assert widget.dues_label.text() == f"Dues {year}: 2 up to date, 2 not up to date"


@pytest.mark.parametrize(("choice", "names"), [
    ("up_to_date", ["Anne", "David"]),
    ("owing", ["Bruno", "Chloé"]),
    ("paid", ["Anne"]),
    ("partly_paid", ["Bruno"]),
    ("unpaid", ["Chloé"]),
    ("exempt", ["David"]),
    (ANY, ["Anne", "Bruno", "Chloé", "David", "Emma"]),
])
def test_the_dues_filter(tab: MembersTab, choice: str, names: list[str]) -> None:
    _choose(tab.filters.dues, choice)
    assert _shown(tab) == names
    total = 5
    assert tab.count_label.text() == (f"{len(names)} of {total} members"
                                      if len(names) < total else f"{total} members")


def test_the_dues_filter_waits_for_the_dues(qtbot, host, club) -> None:
    widget = MembersTab(host)
    _choose(widget.filters.dues, "owing")
    widget.reload()
    assert widget.model.rowCount() == 0
    assert widget.count_label.text() == "Reading the dues…"
    qtbot.waitUntil(widget.dues_loaded)
    assert _shown(widget) == ["Bruno", "Chloé"]
    assert widget.count_label.text() == "2 of 5 members"


def test_sorting_on_the_dues_and_refreshing_them(qtbot, tab: MembersTab, club) -> None:
    tab.table.sortByColumn(m.COL_DUES, Qt.SortOrder.AscendingOrder)
    assert _shown(tab) == ["Chloé", "Bruno", "Anne", "David", "Emma"]
    _choose(tab.filters.dues, "owing")
    tab.select_member(club["chloe"].id)
    record_payment(PaymentInput(club["chloe"].id, current_fiscal_year(), Decimal("120"),
                                TODAY))  # the payment form, answering the tab's request
    tab.refresh_dues()
    qtbot.waitUntil(tab.dues_loaded)
    assert _shown(tab) == ["Bruno"]
    tab.filters.dues.setCurrentIndex(0)
    assert _dues_column(tab)["Chloé"] == "Paid"


def test_a_member_saved_hidden_by_the_dues_filter_is_shown_anyway(
        qtbot, tab: MembersTab, club, monkeypatch: pytest.MonkeyPatch) -> None:
    from clubdesk.ui.members import members_tab

    _choose(tab.filters.dues, "owing")
    monkeypatch.setattr(members_tab, "edit_member_dialog",
                        lambda parent, member_id: club["anne"].id)
    tab.new_member()  # as if Anne had just been entered
    assert tab.filters.dues.currentData() == ANY
    assert tab.selected_member_id() == club["anne"].id


def test_record_a_payment_and_remind_the_selected_members(
        qtbot, tab: MembersTab, club) -> None:
    _select(tab, club["chloe"], club["anne"], club["bruno"])
    assert tab.selected_count() == 3
    with qtbot.waitSignal(tab.payment_requested) as asked:
        tab.actions.payment_button.click()
    assert asked.args == [[club["anne"].id, club["bruno"].id, club["chloe"].id]]  # list order
    with qtbot.waitSignal(tab.reminder_requested) as reminded:
        tab.actions.reminder_button.click()
    assert reminded.args == [[club["anne"].id, club["bruno"].id, club["chloe"].id]]
    # One member: the same, from the context menu too.
    tab.select_member(club["chloe"].id)
    menu = tab.context_menu()
    texts = [action.text() for action in menu.actions()]
    assert "Record a payment…" in texts and "Send a reminder…" in texts
    with qtbot.waitSignal(tab.payment_requested) as asked:
        next(action for action in menu.actions()
             if action.text() == "Record a payment…").trigger()
    assert asked.args == [[club["chloe"].id]]


def test_several_selected_members_have_no_single_member_actions(
        tab: MembersTab, club) -> None:
    tab.select_member(club["anne"].id)
    assert tab.actions.edit_button.isEnabled() and tab.detail.member_id() == club["anne"].id
    _select(tab, club["anne"], club["bruno"])
    assert not tab.actions.edit_button.isEnabled()
    assert not tab.actions.archive_button.isEnabled()
    assert not tab.actions.delete.isEnabled()
    assert tab.actions.payment_button.isEnabled() and tab.actions.reminder_button.isEnabled()
    assert tab.detail.placeholder.text().startswith("2 members selected")
    assert tab.detail.member_id() is None
    tab.table.selectionModel().clearSelection()
    assert not tab.actions.payment_button.isEnabled()
    assert tab.detail.placeholder.text() == "Select a member to see their details and history."


def test_the_selection_of_several_survives_filtering(tab: MembersTab, club) -> None:
    _select(tab, club["anne"], club["bruno"], club["chloe"])
    tab.filters.search.setText("n")  # Chloé Chevalier has none
    assert tab.selected_member_ids() == [club["anne"].id, club["bruno"].id]
    assert tab.detail.placeholder.text().startswith("2 members selected")


def test_the_panel_asks_for_payments_through_the_tab(qtbot, tab: MembersTab, club) -> None:
    tab.select_member(club["bruno"].id)
    dues = tab.detail.dues
    dues.table.selectRow(0)
    fee_id = dues.selected_fee_id()
    assert fee_id is not None
    with qtbot.waitSignal(tab.payment_edit_requested) as edited:
        dues.edit_button.click()
    with qtbot.waitSignal(tab.payment_delete_requested) as deleted:
        dues.delete_button.click()
    with qtbot.waitSignal(tab.payment_requested) as recorded:
        dues.record_button.click()
    assert (edited.args, deleted.args, recorded.args) == (
        [fee_id], [fee_id], [[club["bruno"].id]])


def test_the_dashboard_narrows_to_who_owes(tab: MembersTab) -> None:
    tab.narrow({"dues": "owing"})
    assert _shown(tab) == ["Bruno", "Chloé"]


def test_the_dues_in_french(qtbot, host, club, in_french: None) -> None:
    widget = _loaded(qtbot, host)
    year = current_fiscal_year()
    assert widget.model.headerData(m.COL_DUES, Qt.Orientation.Horizontal) == f"Cotisation {year}"
    assert _dues_column(widget) == {"Anne": "Payée", "Bruno": "Payée en partie",
                                    "Chloé": "Impayée", "David": "Exonéré", "Emma": ""}
    assert widget.filters.dues.itemText(0) == "Toutes les cotisations"
    assert [widget.filters.dues.itemText(row) for row in (1, 2)] == ["À jour", "Pas à jour"]
    assert widget.dues_label.text() == f"Cotisations {year}\u00a0: 2 à jour, 2 pas à jour"
    assert widget.actions.payment_button.text() == "Enregistrer un paiement…"
    assert widget.actions.reminder_button.text() == "Envoyer une relance…"
    _select(widget, *(club[name] for name in ("anne", "bruno", "chloe")))
    assert widget.detail.placeholder.text().startswith("3 membres sélectionnés\u00a0:")
    widget.filters.search.setText("anne")
    assert widget.dues_label.text() == f"Cotisations {year}\u00a0: 1 à jour, 0 pas à jour"


def test_the_dues_column_fits_a_fiscal_year_over_two_years(qtbot, host, club) -> None:
    from clubdesk.domain.common.settings import update_settings

    update_settings(fiscal_year_start_month=9)
    widget = _loaded(qtbot, host)
    header = widget.table.horizontalHeader()
    text = widget.model.headerData(m.COL_DUES, Qt.Orientation.Horizontal)
    assert text.startswith("Dues ") and "-" in text
    assert header.sectionSize(m.COL_DUES) > header.fontMetrics().horizontalAdvance(text)
