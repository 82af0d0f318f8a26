"""A club whose every text is 2,000 characters long, written straight into the database.

Nothing limits lengths at the bottom of the stack, and a file written by an older version, a
script or another tool may hold anything: the reports must lay it out all the same. The
values bypass every validation (peewee ``update()``), in three shapes: words with spaces, one
word without any space, and hundreds of short lines.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from attendance_club import Club, build_club
from gdpr_member import Subject, build_subject
from peewee import CharField, TextField

from clubdesk.db import (
    ALL_MODELS,
    AssociationSettings,
    Member,
    MembershipFee,
    Referral,
    VolunteerCategory,
    VolunteerEntry,
    database,
)

LENGTH = 2000
SHAPES = ("spaces", "no_space", "line_breaks")
START = "Zq"  # every long value starts with it, then its row and column: "Zq12x3"


def long_value(shape: str, tag: str) -> str:
    """A ``LENGTH``-character text of that shape, starting with ``START`` and ``tag``."""
    head = f"{START}{tag}"
    filler = {"spaces": " Société coopérative d'intérêt collectif",
              "no_space": "Lorem-ipsum_dolor.sit/amet",
              "line_breaks": "\nligne"}[shape]
    text = head + filler * (LENGTH // len(filler) + 1)
    return text[:LENGTH]


def head(model: type, row_id: int, column: str) -> str:
    """How the long value of that row and column starts, in every shape."""
    return f"{START}{_tag(model, row_id, column)}"


def _tag(model: type, row_id: int, column: str) -> str:
    return f"{ALL_MODELS.index(model)}r{row_id}c{text_columns(model).index(column)}x"


def text_columns(model: type) -> list[str]:
    """The free-text columns of ``model``: every text column but the checked codes."""
    return [name for name, field in model._meta.fields.items()
            if isinstance(field, CharField | TextField) and not field.constraints]


def fill_every_text(shape: str) -> dict[str, list[str]]:
    """Write a long value of ``shape`` into every free-text column of every row.

    Returns, for each table, the columns written (a test can check that none is missed).
    """
    written: dict[str, list[str]] = {}
    with database.atomic():
        for model in ALL_MODELS:
            columns = text_columns(model)
            written[model._meta.table_name] = columns
            for (row_id,) in model.select(model.id).tuples():
                values = {getattr(model, column): long_value(shape,
                                                             _tag(model, row_id, column))
                          for column in columns}
                if values:
                    model.update(values).where(model.id == row_id).execute()
    return written


def build_long_club(shape: str) -> tuple[Club, Subject]:
    """The attendance club and the GDPR subject, with something of every kind in the
    club's period, then every text replaced by a long one of ``shape``."""
    club = build_club()
    subject = build_subject()
    dupont, martin = club.members["dupont"], club.members["martin"]
    day = dt.date(2026, 2, 3)
    VolunteerCategory.create(name="Accueil", position=1)
    VolunteerEntry.create(member=dupont, date=day, hours=Decimal("2.5"), category="Accueil",
                          event=club.events["e2"], description="Accueil des invités")
    Referral.create(giver=dupont, receiver=martin, date=day, status="won",
                    amount=Decimal("1200"), contact="M. Client", description="Conseil")
    Referral.create(giver=martin, external_recipient="Extérieur SA", date=day,
                    status="new", contact="Mme Cliente", description="Travaux")
    MembershipFee.create(member=dupont, period_start=dt.date(2026, 1, 1),
                         period_end=dt.date(2026, 12, 31), amount=Decimal("150"),
                         paid_on=day, method="cheque")
    Member.update(sponsor=dupont, sector="Conseil").where(Member.id == martin.id).execute()
    Member.update(consent_directory=True).where(Member.id == dupont.id).execute()
    fill_every_text(shape)
    assert AssociationSettings.get_by_id(1).name.startswith(START)
    return club, subject
