"""The import and GDPR commands, through the command line as a user types them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from clubdesk.cli import main
from clubdesk.db import Member, Referral, ReferralStatusChange, close_database, open_database


@pytest.fixture
def club(tmp_path: Path) -> Path:
    path = open_database(tmp_path / "club.db")
    Member.create(first_name="Zoë", last_name="Łukasiewicz", email="zoe@exemple.fr")
    close_database()
    return path


@pytest.fixture(autouse=True)
def _close() -> None:
    yield
    close_database()


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8-sig")
    return path


def test_import_dry_run_then_for_real(club: Path, tmp_path: Path, capsys) -> None:
    source = _csv(tmp_path / "adherents.csv",
                  "Nom;Prénom;Courriel\nNguyễn;Anaïs;anais@exemple.fr\nDupont;Jean;\n")
    before = club.read_bytes()
    assert main(["--db", str(club), "import", "members", str(source), "--dry-run"]) == 0
    assert "2" in capsys.readouterr().out
    close_database()
    assert club.read_bytes() == before
    assert main(["--db", str(club), "import", "members", str(source)]) == 0
    open_database(club)
    assert Member.select().count() == 3


def test_import_with_invalid_rows_is_refused(club: Path, tmp_path: Path, capsys) -> None:
    source = _csv(tmp_path / "adherents.csv",
                  "Nom;Prénom;Courriel\nMartin;Luc;pas-une-adresse\nDurand;Léa;lea@ex.fr\n")
    assert main(["--db", str(club), "import", "members", str(source)]) == 2
    assert "line 2" in capsys.readouterr().err
    open_database(club)
    assert Member.select().count() == 1
    close_database()
    assert main(["--db", str(club), "import", "members", str(source), "--skip-invalid"]) == 0
    open_database(club)
    assert Member.select().count() == 2


def test_gdpr_export_and_anonymize(club: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "donnees.json"
    assert main(["--db", str(club), "gdpr", "export", "--member", "1", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "Łukasiewicz" in json.dumps(data, ensure_ascii=False)
    assert main(["--db", str(club), "gdpr", "anonymize", "--member", "1"]) == 0
    close_database()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("club.db*") if p.is_file())
    assert "Łukasiewicz".encode() not in raw and b"zoe@exemple.fr" not in raw
    assert main(["--db", str(club), "gdpr", "anonymize", "--member", "99"]) == 2
    assert main(["--db", str(club), "gdpr", "export", "--member", "1"]) == 2


def test_anonymize_leaves_no_trace_and_export_covers_everything(club: Path, tmp_path: Path,
                                                                capsys) -> None:
    source = _csv(tmp_path / "adhesion_jean-dupont.csv",
                  "Nom;Prénom;Courriel;Téléphone\n"
                  "Dupont;Jean;Jean.Dupont@Exemple.fr;06 12 34 56 78\n"
                  "Martinez;Jeanne;jeanne@exemple.fr;\n")
    assert main(["--db", str(club), "import", "members", str(source)]) == 0
    open_database(club)
    jean = Member.get(Member.last_name == "Dupont")
    zoe = Member.get(Member.first_name == "Zoë")
    referral = Referral.create(giver=zoe, receiver=jean, date=dt.date(2024, 5, 2),
                               description="de la part de jean dupont",
                               contact="06.12.34.56.78")
    ReferralStatusChange.create(referral=referral, status="won", changed_on=dt.date(2024, 6, 1))
    close_database()
    out = tmp_path / "jean.json"
    assert main(["--db", str(club), "gdpr", "export", "--member", str(jean.id),
                 "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["referrals_received"][0]["status_history"] == [
        {"status": "won", "changed_on": "2024-06-01"}]
    assert [entry["action"] for entry in data["audit_entries"]] == ["import"]
    assert "adhesion_jean-dupont.csv" in data["audit_entries"][0]["details"]
    capsys.readouterr()
    assert main(["--db", str(club), "gdpr", "anonymize", "--member", str(jean.id)]) == 0
    assert str(jean.id) in capsys.readouterr().out
    close_database()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("club.db*") if p.is_file()).lower()
    for trace in (b"dupont", b"06 12 34 56 78", b"06.12.34.56.78", b"+33612345678"):
        assert trace not in raw, trace
    open_database(club)
    assert Member.get(Member.email == "jeanne@exemple.fr").last_name == "Martinez"
    assert "Membre anonymisé" in Referral.get_by_id(referral.id).description
