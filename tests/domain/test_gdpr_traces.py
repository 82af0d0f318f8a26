"""Finding a person in free text: however their name, address or number is written, and
never inside someone else's name."""

from __future__ import annotations

import pytest

from clubdesk.domain.gdpr.gdpr_patterns import FoldedText, fold_text
from clubdesk.domain.gdpr.gdpr_traces import Bystander, Person, TraceFinder

JEAN = Person(1, "Jean", "Dupont", "Jean.Dupont@Exemple.fr", "+33612345678")
LABEL = {1: "[X]", 2: "[Y]"}


def _finder(*bystanders: Bystander, people: tuple[Person, ...] = (JEAN,)) -> TraceFinder:
    return TraceFinder(people, bystanders)


@pytest.mark.parametrize("text", [
    "Jean Dupont", "jean dupont", "JEAN DUPONT", "DUPONT Jean", "Dupont, Jean",
    "Jéan Dupônt", "J\u0301EAN DUPONT", "Jean  Dupont", "jean-dupont", "jean_dupont",
    "jean.dupont", "J. Dupont", "J Dupont", "DUPONT J.",
])
def test_every_way_of_writing_the_name(text: str) -> None:
    assert _finder().replace(f"Vu {text} hier", LABEL) == "Vu [X] hier"


@pytest.mark.parametrize("text", [
    "06 12 34 56 78", "06.12.34.56.78", "0612345678", "06-12-34-56-78", "+33612345678",
    "+33 6 12 34 56 78", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78", "612345678",
    "06\u00a012\u00a034\u00a056\u00a078",
])
def test_every_way_of_writing_the_phone(text: str) -> None:
    assert _finder().replace(f"tél. : {text}, le soir", LABEL) == "tél. : [X], le soir"


@pytest.mark.parametrize("text", ["jean.dupont@exemple.fr", "JEAN.DUPONT@EXEMPLE.FR",
                                  "Jean.Dupont@Exemple.fr"])
def test_the_email_in_any_case(text: str) -> None:
    assert _finder().replace(f"écrire à {text}.", LABEL) == "écrire à [X]."


def test_the_name_in_an_unknown_address_goes_too() -> None:
    assert _finder().replace("jean.dupont@gmail.com", LABEL) == "[X]@gmail.com"


def test_file_names_keep_their_other_parts() -> None:
    finder = _finder()
    assert finder.replace("adhesion_jean-dupont.xlsx", LABEL) == "adhesion_[X].xlsx"
    assert finder.replace("Dupont_Jean_2024.csv", LABEL) == "[X]_2024.csv"
    assert finder.replace("export-0612345678.csv", LABEL) == "export-[X].csv"


@pytest.mark.parametrize("text", [
    "Jeanne Dupontel", "Jean Dupontel", "Jeanne Dupont", "Jean-Pierre Dupont aussi",
    "Dupont j'ai vu", "Jean, Dupont", "jeandupont", "réf. 106123456789", "+44 6 12 34 56 78",
    "2024 06 12 34 56 789",
])
def test_no_false_positive(text: str) -> None:
    assert _finder().replace(text, LABEL) == text


def test_another_members_longer_name_is_kept() -> None:
    finder = _finder(Bystander("Jean", "Dupont-Moretti", "jean.dupont.moretti@ex.fr"),
                     Bystander("Anne-Marie Jean Dupont"))
    text = ("Jean Dupont-Moretti, jean.dupont.moretti@ex.fr, Anne-Marie Jean Dupont "
            "et Jean Dupont")
    assert finder.replace(text, LABEL) == (
        "Jean Dupont-Moretti, jean.dupont.moretti@ex.fr, Anne-Marie Jean Dupont et [X]")
    # Without them as bystanders, the shorter name would have been found inside.
    assert _finder().replace("Jean Dupont-Moretti", LABEL) == "[X]-Moretti"


def test_initials_only_when_nobody_else_has_them() -> None:
    text = "J. Dupont et Jean Dupont"
    assert _finder(Bystander("Jacques", "Dupont")).replace(text, LABEL) == "J. Dupont et [X]"
    assert _finder(Bystander("Jacques Dupont")).replace(text, LABEL) == "J. Dupont et [X]"
    assert _finder(Bystander("Paul", "Dupont")).replace(text, LABEL) == "[X] et [X]"
    # Nor when two people erased together share them.
    jacques = Person(2, "Jacques", "Dupont")
    assert _finder(people=(JEAN, jacques)).replace(text, LABEL) == "J. Dupont et [X]"


def test_a_homonym_cannot_be_told_apart() -> None:
    assert _finder(Bystander("Jean", "Dupont")).replace("Jean Dupont", LABEL) == "[X]"


def test_several_people_at_once_and_the_longest_name_wins() -> None:
    longer = Person(2, "Jean", "Dupont-Moretti", "", "+49 30 12345678")
    finder = _finder(people=(JEAN, longer))
    text = "Jean Dupont-Moretti et Jean Dupont ; +49 30 12345678 ou 030 12345678"
    assert finder.replace(text, LABEL) == "[Y] et [X] ; [Y] ou [Y]"
    assert finder.people_in(text) == {1, 2}
    assert finder.people_in("Jeanne Dupontel") == set()


def test_accents_are_kept_around_the_replacement() -> None:
    text = "Réunion chez Jéan DUPÔNT à Évreux, Œuvre n°1"
    assert _finder().replace(text, LABEL) == "Réunion chez [X] à Évreux, Œuvre n°1"


def test_a_person_without_first_name_is_not_looked_for_by_name() -> None:
    nameless = Person(1, "", "Membre anonymisé n° 1")
    assert _finder(people=(nameless,)).replace("Membre anonymisé n° 1", LABEL) \
        == "Membre anonymisé n° 1"


def test_folding_maps_back_to_the_original() -> None:
    text = "Œuf « Élan » e\u0301te\u0301"
    folded = FoldedText(text)
    assert folded.folded == fold_text(text) == "oeuf « elan » ete"
    start = folded.folded.index("elan")
    assert text[slice(*folded.original_span(start, start + 4))] == "Élan"
    start = folded.folded.index("ete")
    assert text[slice(*folded.original_span(start, start + 3))] == "e\u0301te\u0301"
