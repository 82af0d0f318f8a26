"""Which column of an imported file holds which member field.

Headers are recognised in French and English whatever their accents, case and punctuation
("Téléphone portable", "E-mail", "CP"); a mapping the user corrected is remembered for the
next file with the same header row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from clubdesk.db import ImportMapping, database
from clubdesk.db.errors import storage_error_message
from clubdesk.domain.common.text import fold

IMPORTABLE_FIELDS: tuple[str, ...] = (
    "last_name", "first_name", "email", "phone", "company", "profession", "sector",
    "address", "city", "postcode", "joined_on", "left_on", "status", "notes",
)
"""The member fields a file can fill, in the order they are offered."""

# Folded headers (see _key) for each field; the first field listing a header wins.
_ALIASES: dict[str, tuple[str, ...]] = {
    "last_name": ("nom", "nom de famille", "last name", "lastname", "surname", "family name",
                  "name"),
    "first_name": ("prenom", "first name", "firstname", "given name", "forename"),
    "email": ("email", "e mail", "courriel", "mail", "adresse email", "adresse e mail",
              "adresse mail", "email address", "e mail address"),
    "phone": ("telephone", "tel", "portable", "mobile", "telephone portable",
              "tel portable", "numero de telephone", "phone", "phone number", "cell",
              "cellphone", "gsm"),
    "company": ("societe", "entreprise", "raison sociale", "company", "organisation",
                "organization", "employeur", "employer"),
    "profession": ("metier", "profession", "activite", "job", "job title", "occupation",
                   "fonction", "poste"),
    "sector": ("secteur", "secteur d activite", "sector", "industry", "branche"),
    "address": ("adresse", "adresse postale", "rue", "address", "street", "street address"),
    "city": ("ville", "commune", "localite", "city", "town"),
    "postcode": ("code postal", "cp", "postcode", "post code", "postal code", "zip",
                 "zip code", "zipcode"),
    "joined_on": ("date d adhesion", "adhesion", "date adhesion", "adhere le", "membre depuis",
                  "date d entree", "entree", "joined", "joined on", "date joined",
                  "member since", "joining date"),
    "left_on": ("date de sortie", "sortie", "date de depart", "depart", "left", "left on",
                "leaving date"),
    "status": ("statut", "etat", "status"),
    "notes": ("notes", "note", "remarques", "remarque", "commentaire", "commentaires",
              "observations", "comments", "comment"),
}
_FIELD_BY_ALIAS: dict[str, str] = {}
for _field, _names in _ALIASES.items():
    for _name in _names:
        _FIELD_BY_ALIAS.setdefault(_name, _field)

_PUNCTUATION = re.compile(r"[\W_]+")


def _key(header: str) -> str:
    """``"E-mail :"`` and ``"Date d’adhésion"`` as ``"e mail"`` and ``"date d adhesion"``."""
    return " ".join(_PUNCTUATION.sub(" ", fold(header)).split())


def guess_mapping(headers: Sequence[str]) -> dict[int, str]:
    """Column index -> member field for the headers recognised; each field once, the
    leftmost column winning."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, header in enumerate(headers):
        field = _FIELD_BY_ALIAS.get(_key(header))
        if field and field not in taken:
            mapping[index] = field
            taken.add(field)
    return mapping


def _headers_key(headers: Sequence[str]) -> str:
    return "\x1f".join(_key(header) for header in headers)


def remember_mapping(headers: Sequence[str], mapping: dict[int, str]) -> None:
    """Keep ``mapping`` for the next file with the same header row."""
    key = _headers_key(headers)
    text = json.dumps({str(index): field for index, field in sorted(mapping.items())})
    with database.atomic():
        (
            ImportMapping
            .insert(headers=key, mapping=text)
            .on_conflict(conflict_target=[ImportMapping.headers],
                         update={ImportMapping.mapping: text,
                                 ImportMapping.used_at: ImportMapping.used_at.default()})
            .execute()
        )


def remember_mapping_if_possible(headers: Sequence[str], mapping: dict[int, str]) -> bool:
    """:func:`remember_mapping`, only a convenience for next time: when the file refuses
    the write (full disk, another program, read-only), the mapping is not kept and False is
    returned; the import itself will say what is wrong."""
    try:
        remember_mapping(headers, mapping)
    except Exception as error:
        if storage_error_message(error) is None:
            raise
        return False
    return True


def remembered_mapping(headers: Sequence[str]) -> dict[int, str] | None:
    """The mapping last remembered for this header row, or ``None``."""
    row = (
        ImportMapping
        .select(ImportMapping.mapping)
        .where(ImportMapping.headers == _headers_key(headers))
        .first()
    )
    if row is None:
        return None
    stored = json.loads(row.mapping)
    return {int(index): field for index, field in stored.items()
            if field in IMPORTABLE_FIELDS and int(index) < len(headers)}
