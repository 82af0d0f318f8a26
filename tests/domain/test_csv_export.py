"""CSV exports that French Excel opens: BOM, semicolons, French dates and decimals, no formulas."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from clubdesk import i18n
from clubdesk.db import Event, Referral, VolunteerEntry
from clubdesk.domain.csv_export import (
    export_referrals,
    export_volunteering,
    neutralise,
    write_csv,
)
from clubdesk.domain.settings import update_settings


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


@pytest.mark.parametrize("text", ["=SUM(A1)", "+33 6", "-2", "@cmd", "\tx", "\rx"])
def test_no_cell_starts_a_formula(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert neutralise("Zoë") == "Zoë"


def test_volunteering_export(db_path: Path, make_member, tmp_path: Path) -> None:
    update_settings(volunteer_hourly_rate=Decimal("15"))
    member = make_member(first_name="Łukasz", last_name="=Nowak")
    event = Event.create(title="AG; 2026", starts_at=dt.datetime(2026, 6, 20, 18))
    VolunteerEntry.create(member=member, date=dt.date(2026, 6, 20), hours=Decimal("2.25"),
                          category="Événements", event=event,
                          description='Stand "accueil"\nsur deux lignes')
    VolunteerEntry.create(member=member, date=dt.date(2025, 1, 2), hours=Decimal("1"))
    i18n.set_language("fr")
    count = export_volunteering(tmp_path / "heures.csv", dt.date(2026, 1, 1))
    rows = _read(tmp_path / "heures.csv")
    assert count == 1
    assert rows[0][:5] == ["Date", "Nom", "Prénom", "Heures", "Valeur (€)"]
    assert rows[1] == ["20/06/2026", "'=Nowak", "Łukasz", "2,25", "33,75", "Événements",
                       "AG; 2026", 'Stand "accueil"\nsur deux lignes']


def test_referrals_export(db_path: Path, make_member, tmp_path: Path) -> None:
    giver = make_member(first_name="Zoë", last_name="Martin")
    receiver = make_member(first_name="Anaïs", last_name="Nguyễn")
    Referral.create(giver=giver, receiver=receiver, date=dt.date(2026, 3, 3), status="won",
                    amount=Decimal("1250.5"), closed_on=dt.date(2026, 4, 1), contact="+33 6 12")
    Referral.create(giver=receiver, external_recipient="Boulangerie Müller",
                    date=dt.date(2026, 3, 4))
    count = export_referrals(tmp_path / "reco.csv")
    rows = _read(tmp_path / "reco.csv")
    assert count == 2
    assert rows[0][0] == "Date" and len(rows[0]) == 9
    assert rows[1] == ["03/03/2026", "Zoë Martin", "Anaïs Nguyễn", "no", "'+33 6 12", "",
                       "Won", "1250.50", "01/04/2026"]
    assert rows[2][2:4] == ["Boulangerie Müller", "yes"]


def test_a_failed_write_leaves_nothing(tmp_path: Path) -> None:
    def rows():
        yield ("a",)
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        write_csv(tmp_path / "x.csv", ["A"], rows())
    assert list(tmp_path.iterdir()) == []
