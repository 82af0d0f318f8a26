"""The check-in's texts: counts and quorum, each number agreeing with its word."""

from __future__ import annotations

from decimal import Decimal

from clubdesk.domain.events.general_assembly import QuorumResult, required_votes
from clubdesk.ui.events.checkin.checkin_panels import counts_text, quorum_text, summary_text

HALF = Decimal("0.5")


def _quorum(entitled: int, present: int, represented: int) -> QuorumResult:
    return QuorumResult(entitled, present, represented, HALF, required_votes(entitled, HALF))


def test_counts_name_every_status_that_has_someone() -> None:
    counts = {"present": 12, "late": 1, "substitute": 0, "excused": 2, "absent": 25}
    assert counts_text(counts) == "12 present · 1 late · 2 excused · 25 absent"
    assert summary_text(counts) == "40 on the list: 12 present · 1 late · 2 excused · 25 absent"
    assert summary_text(dict.fromkeys(counts, 0)) == ""


def test_counts_in_french_agree_with_their_number(in_french) -> None:
    counts = {"present": 1, "late": 0, "substitute": 2, "excused": 1, "absent": 0}
    assert summary_text(counts) == "4 sur la liste\u00a0: 1 présent · 2 remplacés · 1 excusé"
    assert counts_text({"present": 0, "absent": 2}) == "0 présent · 2 absents"


def test_quorum_in_english() -> None:
    assert quorum_text(_quorum(40, 20, 1)) == (
        "Quorum reached: 20 present + 1 represented = 21 of 40 members entitled to vote "
        "(at least 20 needed)")
    assert quorum_text(_quorum(1, 0, 0)) == (
        "Quorum not reached: 1 more member needed (0 present + 0 represented = 0 of 1 member "
        "entitled to vote, at least 1 needed)")


def test_quorum_in_french_agrees_with_each_number(in_french) -> None:
    assert quorum_text(_quorum(1, 1, 0)) == (
        "Quorum atteint\u00a0: 1 présent + 0 représenté = 1 sur 1 membre appelé à voter "
        "(au moins 1 requis)")
    assert quorum_text(_quorum(41, 3, 2)) == (
        "Quorum non atteint\u00a0: il manque 16 membres (3 présents + 2 représentés = 5 sur 41 "
        "membres appelés à voter, au moins 21 requis)")
    assert quorum_text(_quorum(0, 0, 0)).startswith(
        "Quorum non atteint\u00a0: il manque 1 membre (0 présent + 0 représenté = 0 sur 0 "
        "membre appelé à voter")


def _dues_quorum(entitled: int, present: int, represented: int,
                 not_entitled: int) -> QuorumResult:
    return QuorumResult(entitled, present, represented, HALF, required_votes(entitled, HALF),
                        "2026", not_entitled)


def test_quorum_of_members_up_to_date_in_english() -> None:
    assert quorum_text(_dues_quorum(40, 20, 1, 5)) == (
        "Quorum reached: 20 present + 1 represented = 21 of 40 members up to date with their "
        "dues entitled to vote (at least 20 needed)\n"
        "5 members on the list are not up to date with their 2026 dues and do not vote.")
    assert quorum_text(_dues_quorum(1, 0, 0, 1)).endswith(
        "0 of 1 member up to date with their dues entitled to vote, at least 1 needed)\n"
        "1 member on the list is not up to date with their 2026 dues and does not vote.")
    assert "\n" not in quorum_text(_dues_quorum(3, 2, 0, 0))


def test_quorum_of_members_up_to_date_in_french(in_french) -> None:
    assert quorum_text(_dues_quorum(41, 3, 2, 1)) == (
        "Quorum non atteint\u00a0: il manque 16 membres (3 présents + 2 représentés = 5 sur 41 "
        "membres à jour de cotisation appelés à voter, au moins 21 requis)\n"
        "1 membre de la liste n'est pas à jour de sa cotisation 2026 et ne vote pas.")
    assert quorum_text(_dues_quorum(1, 1, 0, 2)) == (
        "Quorum atteint\u00a0: 1 présent + 0 représenté = 1 sur 1 membre à jour de cotisation "
        "appelé à voter (au moins 1 requis)\n"
        "2 membres de la liste ne sont pas à jour de leur cotisation 2026 et ne votent pas.")
