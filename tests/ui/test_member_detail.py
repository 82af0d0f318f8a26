"""The member detail panel: the card a secretary reads before calling someone."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from clubdesk.domain.dues.payments import PaymentInput, record_payment
from clubdesk.domain.dues.rates import Rate, save_fee_schedule
from clubdesk.domain.members.mandates import MandateInput, save_member_mandates
from clubdesk.ui.common.palette import Role, colour
from clubdesk.ui.members import dues_history as h
from clubdesk.ui.members.member_detail import MemberDetail


def test_detail_shows_given_and_withdrawn_consents(qtbot, make_member) -> None:
    member = make_member(first_name="Inès", last_name="Lefèvre", consent_directory=True,
                         consent_directory_on=dt.date(2020, 1, 2),
                         consent_newsletter_on=dt.date(2020, 1, 2),
                         consent_newsletter_withdrawn_on=dt.date(2025, 6, 30))
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member.id)
    assert detail.member_id() == member.id
    text = detail.membership.text()
    assert "Consents: directory" in text
    assert "withdrawn: newsletter on 30/06/2025" in text


def test_detail_without_consents_says_none(qtbot, make_member) -> None:
    member = make_member(first_name="Paul", last_name="Durand")
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member.id)
    assert "Consents: none" in detail.membership.text()
    assert "withdrawn" not in detail.membership.text()


# -- dues and roles ------------------------------------------------------------------------

YEAR = dt.date.today().year  # a new file's fiscal years are calendar years


@pytest.fixture
def treasurer(make_member):
    """Three years of dues: this one partly paid in two payments, the last unpaid, the one
    before exempt; a role history."""
    for year, amount in ((YEAR - 2, "100"), (YEAR - 1, "110"), (YEAR, "120")):
        save_fee_schedule(year, [Rate(None, year, "Plein tarif", Decimal(amount))])
    member = make_member(first_name="Inès", last_name="Morel",
                         joined_on=dt.date(YEAR - 3, 1, 1))
    record_payment(PaymentInput(member.id, YEAR - 2, Decimal("0"), dt.date(YEAR - 2, 2, 1),
                                exempt=True))
    first = record_payment(PaymentInput(member.id, YEAR, Decimal("50"), dt.date(YEAR, 1, 5),
                                        method="cheque", cheque_number="1234567",
                                        payer="Cabinet Morel"))
    second = record_payment(PaymentInput(member.id, YEAR, Decimal("20"), dt.date(YEAR, 1, 6),
                                         method="cash"))
    save_member_mandates(member.id, [
        MandateInput("secretary", dt.date(2019, 3, 15), dt.date(2022, 3, 14)),
        MandateInput("treasurer", dt.date(2022, 3, 15)),
    ])
    return member.id, first, second


def _cells(model, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_dues_page_lists_each_year_and_its_payments(
        qtbot, qtmodeltester, treasurer) -> None:
    member_id, first, second = treasurer
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member_id)
    model = detail.dues.model
    qtmodeltester.check(model)
    assert _cells(model, h.COL_YEAR) == [str(YEAR), "", str(YEAR - 1), str(YEAR - 2)]
    assert _cells(model, h.COL_STATUS) == ["Partly paid: 50.00\u00a0€ still owed", "",
                                            "Unpaid: 110.00\u00a0€ owed", "Exempt"]
    assert _cells(model, h.COL_AMOUNT) == ["20.00\u00a0€", "50.00\u00a0€", "", "Exempt"]
    assert _cells(model, h.COL_METHOD) == ["Cash", "Cheque no. 1234567", "", ""]
    assert _cells(model, h.COL_PAYER) == ["", "Cabinet Morel", "", ""]
    # No rate chosen: the year's; none for an exemption.
    assert _cells(model, h.COL_RATE) == ["Plein tarif", "Plein tarif", "Plein tarif", ""]
    assert _cells(model, h.COL_RECEIPT)[:2] == ["2", "1"]
    status = model.index(2, h.COL_STATUS).data(Qt.ItemDataRole.ForegroundRole)
    assert status.color() == colour(Role.ERROR)
    assert model.index(0, h.COL_STATUS).data(Qt.ItemDataRole.ToolTipRole) == (
        "Due 120.00\u00a0€, paid 70.00\u00a0€")
    assert detail.pages.tabText(1) == "Dues (3 years)"
    # Edit and Delete only on a payment; a year without any has nothing to edit.
    dues = detail.dues
    assert not dues.edit_button.isEnabled()
    dues.table.selectRow(2)
    assert not dues.edit_button.isEnabled() and dues.selected_fee_id() is None
    dues.table.selectRow(1)
    assert dues.edit_button.isEnabled() and dues.selected_fee_id() == first
    # The selected payment stays selected when the panel reads the member again.
    detail.show_member(member_id)
    assert dues.selected_fee_id() == first


def test_the_overview_shows_the_years_and_the_roles_held(qtbot, treasurer) -> None:
    member_id, _first, _second = treasurer
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member_id)
    fees = detail.fees.text()
    assert "Partly paid: 50.00\u00a0€ still owed" in fees and "Unpaid" in fees
    assert colour(Role.ERROR).name() in fees  # the unpaid year in red
    assert "Last payment: 20.00\u00a0€ on" in fees and "(cash)" in fees
    assert "2026 : 300,00 €" not in fees
    membership = detail.membership.text()
    assert "Roles held" in membership
    assert "Treasurer since 15/03/2022" in membership
    assert "Secretary from 15/03/2019 to 14/03/2022" in membership
    detail.fees.linkActivated.emit("dues")
    assert detail.pages.currentWidget() is detail.dues


def test_a_member_without_dues_or_roles(qtbot, make_member) -> None:
    member = make_member(first_name="Paul", last_name="Durand")
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member.id)
    assert detail.fees.text() == "No dues recorded."
    assert "Roles held" not in detail.membership.text()
    assert detail.pages.tabText(1) == "Dues"
    assert detail.dues.empty_label.text() == "No dues recorded for this member."
    assert detail.dues.table.isHidden()


def test_dues_and_roles_in_french(qtbot, treasurer, in_french: None) -> None:
    member_id, _first, _second = treasurer
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member_id)
    model = detail.dues.model
    assert [model.headerData(column, Qt.Orientation.Horizontal)
            for column in range(model.columnCount())] == [
        "Exercice", "Tarif", "Montant", "Payée le", "Moyen de paiement", "Reçu n°",
        "Payé par", "Statut"]
    assert _cells(model, h.COL_STATUS) == [
        "Payée en partie\u00a0: reste 50,00\u00a0€ à payer", "",
        "Impayée\u00a0: 110,00\u00a0€ à payer", "Exonéré"]
    assert _cells(model, h.COL_METHOD)[:2] == ["Espèces", "Chèque n°\u00a01234567"]
    assert detail.pages.tabText(0) == "Aperçu"
    assert detail.pages.tabText(1) == "Cotisations (3 exercices)"
    membership = detail.membership.text()
    assert "Trésorier·ère depuis le 15/03/2022" in membership
    assert "Secrétaire du 15/03/2019 au 14/03/2022" in membership
    assert "Dernier paiement\u00a0: 20,00\u00a0€ le" in detail.fees.text()


def test_one_year_of_dues_is_singular_in_french(qtbot, make_member, in_french: None) -> None:
    save_fee_schedule(YEAR, [Rate(None, YEAR, "Plein tarif", Decimal("120"))])
    member = make_member(joined_on=dt.date(YEAR, 1, 1))
    detail = MemberDetail()
    qtbot.addWidget(detail)
    detail.show_member(member.id)
    assert detail.pages.tabText(1) == "Cotisations (1 exercice)"
