"""The members table model: Qt's model checks, display, sorting on folded keys."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, QPersistentModelIndex, QSortFilterProxyModel, Qt

from clubdesk import i18n
from clubdesk.domain.dues.dues_status import DuesStatus, MemberDues
from clubdesk.domain.members.member_dues import YearDues, fiscal_year_label
from clubdesk.domain.members.member_list import MemberRow, search_key
from clubdesk.ui.common.palette import Role, colour
from clubdesk.ui.common.translator import install_translators
from clubdesk.ui.members import members_model as m
from clubdesk.ui.members.members_model import MemberIdRole, MembersModel, RowRole, SortRole

DISPLAY = Qt.ItemDataRole.DisplayRole


def _row(member_id: int, first: str, last: str, **fields: object) -> MemberRow:
    values: dict[str, object] = {
        "company": "", "profession": "", "email": "", "phone": "", "city": "",
        "status": "active", "role": "none", "joined_on": None,
    }
    values.update(fields)
    key = search_key(first, last, str(values["company"]), str(values["profession"]),
                     str(values["email"]), str(values["city"]))
    return MemberRow(id=member_id, first_name=first, last_name=last, search_key=key,
                     **values)  # type: ignore[arg-type]


@pytest.fixture
def rows() -> list[MemberRow]:
    return [
        _row(1, "Zoë", "Éluard", company="Œnologie & Co", city="Lyon", status="former",
             phone="+33612345678", joined_on=dt.date(2019, 9, 1)),
        _row(2, "Éloïse", "Dupont", company="Boulangerie", role="treasurer",
             joined_on=dt.date(2021, 1, 15)),
        _row(3, "Adèle", "Ellis", city="Évreux", status="prospect", phone="01 23"),
        _row(4, "Jean", "Zéphyr", role="president", email="jean@example.fr"),
        _row(5, "Émile", "Dupont", company="Atelier", status="lapsed"),
    ]


@pytest.fixture
def model(qapp, rows: list[MemberRow]) -> MembersModel:
    model = MembersModel()
    model.set_rows(rows)
    return model


def _column(model, column: int, role: int = DISPLAY) -> list[object]:
    return [model.index(row, column).data(role) for row in range(model.rowCount())]


def test_model_passes_qt_checks(qtmodeltester, model: MembersModel) -> None:
    qtmodeltester.check(model)
    model.sort(m.COL_LAST_NAME)
    qtmodeltester.check(model)


def test_model_passes_qt_checks_behind_a_sorting_proxy(
    qtmodeltester, model: MembersModel
) -> None:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.sort(m.COL_LAST_NAME)
    qtmodeltester.check(proxy)
    # The proxy sorts on SortRole as the model does itself: accents do not send É after Z.
    assert _column(proxy, m.COL_LAST_NAME) == ["Dupont", "Dupont", "Ellis", "Éluard", "Zéphyr"]


def test_headers_and_displayed_values(model: MembersModel) -> None:
    headers = [model.headerData(column, Qt.Orientation.Horizontal, DISPLAY)
               for column in range(model.columnCount())]
    assert headers == ["Last name", "First name", "Company", "Profession", "City", "Email",
                       "Phone", "Status", "Dues", "Role", "Joined"]
    first = [model.index(0, column).data() for column in range(model.columnCount())]
    assert first[:m.COL_PHONE] == ["Éluard", "Zoë", "Œnologie & Co", "", "Lyon", ""]
    assert first[m.COL_PHONE] == "06 12 34 56 78"
    assert first[m.COL_STATUS] == "Former"
    assert first[m.COL_ROLE] == ""  # no bureau role: an empty cell
    assert first[m.COL_DUES] == ""  # the dues are not read yet
    assert "2019" in first[m.COL_JOINED]
    assert model.index(1, m.COL_ROLE).data() == "Treasurer"
    assert model.index(2, m.COL_PHONE).data() == "01 23"  # not a number: shown as typed
    assert model.index(2, m.COL_JOINED).data() == ""


def test_object_and_id_roles(model: MembersModel, rows: list[MemberRow]) -> None:
    assert model.index(1, m.COL_CITY).data(RowRole) is rows[1]
    assert model.index(1, m.COL_EMAIL).data(MemberIdRole) == 2


def test_sort_role_values(model: MembersModel) -> None:
    assert model.index(0, m.COL_LAST_NAME).data(SortRole) == "eluard"
    assert model.index(0, m.COL_COMPANY).data(SortRole) == "oenologie & co"
    assert model.index(1, m.COL_JOINED).data(SortRole) == "2021-01-15"
    assert model.index(2, m.COL_JOINED).data(SortRole) == ""
    assert isinstance(model.index(0, m.COL_STATUS).data(SortRole), int)


def test_sorting_ignores_accents_and_breaks_ties_by_first_name(model: MembersModel) -> None:
    model.sort(m.COL_LAST_NAME)
    assert _column(model, m.COL_FIRST_NAME) == ["Éloïse", "Émile", "Adèle", "Zoë", "Jean"]
    model.sort(m.COL_LAST_NAME, Qt.SortOrder.DescendingOrder)
    assert _column(model, m.COL_FIRST_NAME) == ["Jean", "Zoë", "Adèle", "Émile", "Éloïse"]
    model.sort(m.COL_FIRST_NAME)
    assert _column(model, m.COL_FIRST_NAME) == ["Adèle", "Éloïse", "Émile", "Jean", "Zoë"]


def test_sorting_status_follows_the_membership_cycle(model: MembersModel) -> None:
    model.sort(m.COL_STATUS)
    assert _column(model, m.COL_STATUS) == ["Prospect", "Active", "Active", "Lapsed",
                                            "Former"]
    model.sort(m.COL_ROLE)
    assert _column(model, m.COL_ROLE)[:2] == ["President", "Treasurer"]


def test_set_rows_keeps_the_sort_order(model: MembersModel, rows: list[MemberRow]) -> None:
    model.sort(m.COL_CITY)
    model.set_rows(list(reversed(rows)))
    assert _column(model, m.COL_CITY) == ["", "", "", "Évreux", "Lyon"]
    model.sort(-1)
    model.set_rows(rows)
    assert _column(model, m.COL_LAST_NAME)[0] == "Éluard"  # given order


def test_sorting_keeps_the_selection(model: MembersModel) -> None:
    tracked = QPersistentModelIndex(model.index(3, m.COL_CITY))  # Jean Zéphyr
    model.sort(m.COL_LAST_NAME)
    assert tracked.row() == 4 and tracked.column() == m.COL_CITY
    assert tracked.data(MemberIdRole) == 4


def test_update_row_changes_one_row_and_moves_it(
    qtbot, model: MembersModel, rows: list[MemberRow]
) -> None:
    model.sort(m.COL_LAST_NAME)
    position = model.row_of(4)
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.update_row(_row(4, "Jean", "Zéphyr", city="Nîmes", role="president"))
    assert changed.args[0].row() == position and changed.args[1].row() == position
    assert model.index(position, m.COL_CITY).data() == "Nîmes"

    tracked = QPersistentModelIndex(model.index(position, 0))
    with qtbot.waitSignal(model.layoutChanged):
        model.update_row(_row(4, "Jean", "Aubert"))
    assert model.row_of(4) == 0 and tracked.row() == 0
    assert _column(model, m.COL_LAST_NAME)[:2] == ["Aubert", "Dupont"]
    assert not model.update_row(_row(99, "Nobody", "Here"))


def test_row_of_follows_resets(model: MembersModel, rows: list[MemberRow]) -> None:
    assert model.row_of(5) == 4
    model.set_rows(rows[3:])
    assert (model.row_of(5), model.row_of(1)) == (1, -1)


def test_labels_and_headers_in_french(qapp, rows: list[MemberRow]) -> None:
    translators = install_translators(qapp, "fr")
    try:
        model = MembersModel()
        model.set_rows(rows)
        assert model.headerData(0, Qt.Orientation.Horizontal, DISPLAY) == "Nom"
        assert model.index(0, m.COL_STATUS).data() == "Ancien membre"
        assert model.index(1, m.COL_JOINED).data() == "15/01/2021"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def _dues(year: int = 2026, start_month: int = 1, **statuses: str) -> YearDues:
    """Dues of the year for members 1 to 5 (``m2="paid"``): 120 € due, paid according."""
    by_member = {}
    for key, status in statuses.items():
        member_id = int(key[1:])
        paid = {"paid": "120", "partly_paid": "50"}.get(status, "0")
        by_member[member_id] = MemberDues(member_id, "", "", "", year, "Plein tarif",
                                          Decimal("120.00"), Decimal(paid),
                                          DuesStatus(status))
    return YearDues(year, fiscal_year_label(year, start_month), by_member)


def test_the_dues_column_with_its_colours_and_tooltips(
        qtmodeltester, model: MembersModel) -> None:
    assert model.dues() is None and model.dues_status() is None  # not read yet
    model.set_dues(_dues(m1="unpaid", m2="paid", m3="partly_paid", m4="exempt"))
    qtmodeltester.check(model)
    assert model.headerData(m.COL_DUES, Qt.Orientation.Horizontal, DISPLAY) == "Dues 2026"
    assert _column(model, m.COL_DUES) == ["Unpaid", "Paid", "Partly paid", "Exempt", ""]
    colours = [brush.color().name() if brush else None
               for brush in _column(model, m.COL_DUES, Qt.ItemDataRole.ForegroundRole)]
    assert colours[:4] == [colour(Role.ERROR).name(), colour(Role.SUCCESS).name(),
                           colour(Role.IN_PROGRESS).name(), colour(Role.MUTED).name()]
    assert colours[4] is None  # Émile is not expected to pay this year
    # A former member's dues keep their colour; the rest of the line is grey.
    assert model.index(0, m.COL_CITY).data(Qt.ItemDataRole.ForegroundRole) is not None
    tip = model.index(2, m.COL_DUES).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["Dues 2026 — Partly paid", "Rate: Plein tarif",
                                "Due 120.00\u00a0€, paid 50.00\u00a0€",
                                "Still owed: 70.00\u00a0€"]
    assert model.index(4, m.COL_DUES).data(Qt.ItemDataRole.ToolTipRole) is None
    model.set_dues(_dues(2025, 9))
    assert model.headerData(m.COL_DUES, Qt.Orientation.Horizontal, DISPLAY) == (
        "Dues 2025-2026")


def test_sorting_on_the_dues_puts_who_owes_first(
        qtbot, model: MembersModel) -> None:
    model.set_dues(_dues(m1="paid", m2="unpaid", m3="exempt", m4="partly_paid"))
    model.sort(m.COL_DUES)
    assert _column(model, m.COL_DUES) == ["Unpaid", "Partly paid", "Paid", "Exempt", ""]
    assert isinstance(model.index(0, m.COL_DUES).data(SortRole), int)
    # New statuses read: the column sorts again, the selection follows the rows.
    tracked = QPersistentModelIndex(model.index(0, m.COL_CITY))  # Éloïse, unpaid
    with qtbot.waitSignal(model.layoutChanged):
        model.set_dues(_dues(m1="paid", m2="paid", m3="exempt", m4="partly_paid"))
    assert _column(model, m.COL_DUES) == ["Partly paid", "Paid", "Paid", "Exempt", ""]
    assert tracked.data(MemberIdRole) == 2


def test_dues_labels_in_french(qapp, rows: list[MemberRow], in_french: None) -> None:
    model = MembersModel()
    model.set_rows(rows)
    model.set_dues(_dues(m1="unpaid", m2="paid", m3="partly_paid", m4="exempt", m5="not_due"))
    assert _column(model, m.COL_DUES) == ["Impayée", "Payée", "Payée en partie", "Exonéré",
                                          "Rien à payer"]
    assert model.headerData(m.COL_DUES, Qt.Orientation.Horizontal, DISPLAY) == (
        "Cotisation 2026")
    tip = model.index(2, m.COL_DUES).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.splitlines() == ["Cotisation 2026 — Payée en partie", "Tarif\u00a0: Plein tarif",
                                "Dû 120,00\u00a0€, payé 50,00\u00a0€",
                                "Reste dû\u00a0: 70,00\u00a0€"]
