"""CSV exports that French Excel opens: BOM, semicolons, French dates and decimals, no formulas."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from clubdesk import i18n
from clubdesk.db import AuditEntry, Event, Guest, MembershipFee, Referral, VolunteerEntry
from clubdesk.domain.common.settings import update_settings
from clubdesk.domain.exchange.csv_export import (
    export_csv,
    export_referrals,
    export_volunteering,
    neutralise,
    write_csv,
)


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


def test_members_csv_neutralises_formulas_and_keeps_scripts(db_path: Path, make_member,
                                                             tmp_path: Path) -> None:
    make_member(first_name="Łukasz", last_name='=HYPERLINK("x")', company="+33",
                profession="-2", sector="@SUM", city="Nguyễn", joined_on=dt.date(2026, 2, 1))
    make_member(first_name="Жанна", last_name="Петрова", joined_on=dt.date(2019, 1, 1))
    i18n.set_language("fr")
    out = tmp_path / "membres.csv"
    assert export_csv("members", out, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 1
    rows = _read(out)
    assert rows[0][:3] == ["Nom", "Prénom", "E-mail"]
    assert rows[1][:10] == ["\'=HYPERLINK(\"x\")", "Łukasz", "", "", "\'+33", "\'-2", "\'@SUM",
                            "", "", "Nguyễn"]
    assert rows[1][13] == "01/02/2026"
    assert export_csv("members", out) == 2
    assert _read(out)[2][:2] == ["Петрова", "Жанна"]
    audit = [(entry.details, entry.rows) for entry in AuditEntry.select().order_by(AuditEntry.id)]
    assert audit == [("members csv", 1), ("members csv", 2)]


def test_events_guests_and_fees_csv(db_path: Path, make_member, tmp_path: Path) -> None:
    member = make_member(first_name="Zoë", last_name="Martin")
    event = Event.create(title="Réunion", starts_at=dt.datetime(2026, 3, 10, 8, 30))
    Guest.create(event=event, name="Nguyễn Văn An", invited_by=member)
    MembershipFee.create(member=member, period_start=dt.date(2026, 1, 1),
                         period_end=dt.date(2026, 12, 31), amount=Decimal("1234.5"),
                         paid_on=dt.date(2026, 2, 3), method="transfer")
    i18n.set_language("fr")
    export_csv("events", tmp_path / "e.csv")
    assert _read(tmp_path / "e.csv")[1][:8] == ["10/03/2026", "08:30", "", "Réunion", "Réunion",
                                                "", "0", "1"]
    export_csv("guests", tmp_path / "g.csv")
    assert _read(tmp_path / "g.csv")[1] == ["10/03/2026", "Réunion", "Nguyễn Văn An", "", "",
                                            "Zoë Martin", ""]
    export_csv("fees", tmp_path / "f.csv")
    assert _read(tmp_path / "f.csv")[1] == ["Martin", "Zoë", "01/01/2026", "31/12/2026",
                                            "1234,50", "03/02/2026", "Virement"]
    assert export_csv("fees", tmp_path / "f.csv", dt.date(2026, 3, 1)) == 0
    assert len(_read(tmp_path / "f.csv")) == 1


def test_a_failed_export_keeps_the_old_file_and_writes_no_audit(db_path: Path, make_member,
                                                                tmp_path: Path,
                                                                monkeypatch) -> None:
    from clubdesk.domain.exchange import csv_export

    make_member()
    out = tmp_path / "m.csv"
    out.write_text("old", encoding="utf-8")

    def broken(value):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(csv_export, "format_cell", broken)
    with pytest.raises(RuntimeError):
        export_csv("members", out)
    assert out.read_text(encoding="utf-8") == "old"
    assert not list(tmp_path.glob("*.part"))
    assert AuditEntry.select().count() == 0
