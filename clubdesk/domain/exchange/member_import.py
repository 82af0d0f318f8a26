"""Importing members from a CSV or Excel file: a preview first, then one transaction.

Every row goes through the member form's own rules (:func:`validate_member`), so an import
never stores what the form would refuse. A row is a duplicate when its email (without case)
is already a member's or an earlier row's, or when its name, accents, case and spacing set
aside, is a member's with the same company or city.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Literal

from clubdesk.db import AuditEntry, Member, database
from clubdesk.db.errors import storage_error_message
from clubdesk.domain.common.codes import MemberStatus
from clubdesk.domain.common.text import search_fold
from clubdesk.domain.common.text_limits import text_limit, text_problem, text_problems
from clubdesk.domain.exchange.import_columns import guess_mapping, remembered_mapping
from clubdesk.domain.exchange.import_reading import (
    Cell,
    cell_text,
    parse_date,
    read_table,
)
from clubdesk.domain.members.member_form import MemberInput, is_valid_email, validate_member
from clubdesk.domain.safety.backups import backup_before
from clubdesk.i18n import _, ngettext

Progress = Callable[[int, int], bool]
OnDuplicate = Literal["skip", "update", "add"]
_CHUNK = 500
_DATE_FIELDS = ("joined_on", "left_on")
_EMAIL_LIMIT = text_limit("member", "email")
_STORED = ("first_name", "last_name", "email", "phone", "company", "profession", "sector",
           "address", "city", "postcode", "status", "role", "joined_on", "left_on", "notes",
           "consent_directory", "consent_photos", "consent_newsletter")
# Statuses as a French or English user writes them (folded).
_STATUSES = {
    "prospect": MemberStatus.PROSPECT, "active": MemberStatus.ACTIVE,
    "actif": MemberStatus.ACTIVE, "active member": MemberStatus.ACTIVE,
    "membre": MemberStatus.ACTIVE, "adherent": MemberStatus.ACTIVE,
    "lapsed": MemberStatus.LAPSED, "non renouvele": MemberStatus.LAPSED,
    "en retard": MemberStatus.LAPSED, "former": MemberStatus.FORMER,
    "ancien": MemberStatus.FORMER, "ancien membre": MemberStatus.FORMER,
    "former member": MemberStatus.FORMER, "parti": MemberStatus.FORMER,
}


class ImportRefusedError(ValueError):
    """The import was refused (invalid rows); nothing was written."""


@dataclass(frozen=True)
class InvalidRow:
    line: int
    reason: str


@dataclass(frozen=True)
class ImportRow:
    """A valid row; ``existing_id``/``existing_name`` say what it duplicates, if anything
    (``existing_id`` is None for a duplicate of an earlier row of the file)."""

    line: int
    data: MemberInput
    existing_id: int | None = None
    existing_name: str = ""


@dataclass
class ImportPreview:
    """What importing the file would do; nothing is written to build it."""

    path: Path
    mapping: dict[int, str]
    headers: list[str]
    to_add: list[ImportRow] = field(default_factory=list)
    duplicates: list[ImportRow] = field(default_factory=list)
    invalid: list[InvalidRow] = field(default_factory=list)

    @property
    def to_update(self) -> list[ImportRow]:
        """The duplicates of existing members: what ``on_duplicate="update"`` changes."""
        return [row for row in self.duplicates if row.existing_id is not None]


@dataclass(frozen=True)
class ImportResult:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    cancelled: bool = False


class _Cancelled(Exception):
    pass


class PreviewCancelled(Exception):  # noqa: N818 - a request, not a failure
    """The progress callback of :func:`preview_import` asked to stop."""


def _key(text: str) -> str:
    """Accents, case and spacing set aside (``search_fold`` is ``fold`` made fast)."""
    return " ".join(search_fold(text).split())


def _status(text: str) -> str:
    key = _key(text)
    return _STATUSES.get(key, key) if key else MemberStatus.ACTIVE


def _postcode(value: Cell) -> str:
    text = cell_text(value).strip()
    # A spreadsheet reads "01000" as the number 1000: give the lost zero back.
    return text.zfill(5) if text.isdigit() and len(text) == 4 else text


def _row_input(cells: Sequence[Cell], mapping: dict[int, str],
               headers: Sequence[str]) -> tuple[MemberInput | None, list[str]]:
    """The row as the form's input, or the dates that could not be read."""
    values: dict[str, object] = {}
    errors: list[str] = []
    for index, name in mapping.items():
        value: Cell = cells[index] if index < len(cells) else ""
        if name in _DATE_FIELDS:
            try:
                values[name] = parse_date(value)
            except ValueError:
                errors.append(_("Unreadable date “{value}” in column “{column}” (expected "
                                "dd/mm/yyyy).").format(value=cell_text(value),
                                                       column=headers[index]))
        elif name == "status":
            values[name] = _status(cell_text(value))
        elif name == "postcode":
            values[name] = _postcode(value)
        else:
            values[name] = cell_text(value)
    if errors:
        return None, errors
    return MemberInput(**values), []  # type: ignore[arg-type]


def _validate(data: MemberInput,
              columns: dict[str, str]) -> tuple[MemberInput | None, list[str]]:
    """The form's rules, with the email checked here: a used address is a duplicate.

    A text too long or holding a control character is named with its column (``columns``:
    field → header), since the same message could come from any of them.
    """
    raw_email = data.email
    email = raw_email.strip().lower()
    data.email = ""  # validate_member would refuse an address a member already has
    result = validate_member(data)
    # Only a refused row can hold a text problem: most rows are spared the second look.
    texts = text_problems("member", data) if result.errors else {}
    if (problem := text_problem(raw_email, _EMAIL_LIMIT)) is not None:
        texts["email"] = problem
    errors = [message for name, message in result.errors.items() if name not in texts]
    if email and "email" not in texts and not is_valid_email(email):
        errors.insert(0, _("This email address is not valid (expected: name@domain.fr)."))
    errors += [_("Column “{column}”: {problem}").format(column=columns.get(name, name),
                                                       problem=problem)
               for name, problem in texts.items()]
    if errors or result.cleaned is None:
        return None, errors
    result.cleaned.email = email  # a fresh object: _clean built it
    return result.cleaned, []


_Keys = tuple[str, str, str, str]  # email, folded name, company, city (as written)


class _Index:
    """Emails and folded names already known: the members', then the file's rows.

    Companies and cities are kept as written and folded only when two names meet: most
    rows never need it, and folding four texts a row was a tenth of a 20,000-row import.
    """

    def __init__(self) -> None:
        self.emails: dict[str, tuple[int | None, str]] = {}
        self.names: dict[str, list[tuple[str, str, int | None, str]]] = {}
        rows = Member.select(Member.id, Member.first_name, Member.last_name, Member.email,
                             Member.company, Member.city).tuples()
        for member_id, first, last, email, company, city in rows:
            keys = (email.strip().lower(), _key(f"{first} {last}"), company, city)
            self.add(keys, member_id, f"{first} {last}".strip())

    @staticmethod
    def keys(data: MemberInput) -> _Keys:
        return (data.email, _key(f"{data.first_name} {data.last_name}"), data.company,
                data.city)

    def add(self, keys: _Keys, member_id: int | None, label: str) -> None:
        email, name, company, city = keys
        if email:
            self.emails.setdefault(email, (member_id, label))
        self.names.setdefault(name, []).append((company, city, member_id, label))

    def find(self, keys: _Keys) -> tuple[int | None, str] | None:
        email, name, company, city = keys
        if email and (known := self.emails.get(email)):
            return known
        namesakes = self.names.get(name)
        if not namesakes:
            return None
        company, city = _key(company), _key(city)
        for other_company, other_city, member_id, label in namesakes:
            if ((company and company == _key(other_company))
                    or (city and city == _key(other_city))):
                return member_id, label
        return None


def preview_import(path: Path, mapping: dict[int, str] | None = None,
                   progress: Progress | None = None) -> ImportPreview:
    """Read and check ``path``: rows to add, duplicates, invalid rows with their line.

    Without ``mapping``, the one remembered for this header row, else the guessed one.
    ``progress(done, total)`` is called every ``_CHUNK`` rows; returning False stops the
    check with :class:`PreviewCancelled`.
    """
    path = Path(path)
    table = read_table(path)
    if mapping is None:
        mapping = remembered_mapping(table.headers) or guess_mapping(table.headers)
    preview = ImportPreview(path=path, mapping=dict(mapping), headers=table.headers)
    if "last_name" not in mapping.values() or "first_name" not in mapping.values():
        preview.invalid.append(InvalidRow(1, _("No column holds the last name and the first "
                                               "name (expected headers: Nom, Prénom).")))
        return preview
    index = _Index()
    columns = {name: table.headers[column] if column < len(table.headers) else name
               for column, name in mapping.items()}
    total = len(table.rows)
    for done, (line, cells) in enumerate(table.rows, start=1):
        if progress is not None and done % _CHUNK == 0 and not progress(done, total):
            raise PreviewCancelled
        data, errors = _row_input(cells, mapping, table.headers)
        if data is not None:
            data, errors = _validate(data, columns)
        if data is None:
            preview.invalid.append(InvalidRow(line, " ".join(errors)))
            continue
        keys = index.keys(data)
        known = index.find(keys)
        if known is None:
            preview.to_add.append(ImportRow(line, data))
            index.add(keys, None, _("line {line}").format(line=line))
        else:
            preview.duplicates.append(ImportRow(line, data, known[0], known[1]))
    return preview


# Dates last: they are the only values sqlite3 is given converted (ISO text, as peewee does).
_PLAIN = tuple(name for name in _STORED if name not in _DATE_FIELDS)
_INSERT_SQL = "INSERT INTO member ({columns}) VALUES ({marks})".format(
    columns=", ".join((*_PLAIN, *_DATE_FIELDS, "created_at", "updated_at")),
    marks=", ".join("?" * (len(_STORED) + 2)))


_plain_values = attrgetter(*_PLAIN)
_date_values = attrgetter(*_DATE_FIELDS)


def _insert_rows(rows: Sequence[ImportRow], now: dt.datetime) -> None:
    """One ``executemany`` of plain values: peewee's insert_many, converting each value
    through its field, takes several times as long for 20,000 rows."""
    stamp = now.isoformat(" ")
    values = [(*_plain_values(row.data),
               *(day.isoformat() if day else None for day in _date_values(row.data)),
               stamp, stamp)
              for row in rows]
    database.cursor().executemany(_INSERT_SQL, values)


def _changes(data: MemberInput, mapped: set[str], now: dt.datetime) -> dict[str, object]:
    """What a duplicate row changes in the existing member: the mapped, non-empty cells."""
    changes: dict[str, object] = {name: getattr(data, name) for name in _STORED
                                  if name in mapped and getattr(data, name) not in ("", None)}
    changes["updated_at"] = now
    return changes


def _batches(to_insert: list[ImportRow],
             to_update: list[ImportRow]) -> list[tuple[list[ImportRow], bool]]:
    """The rows in batches of ``_CHUNK``, each marked True when it is to be inserted."""
    return ([(to_insert[start:start + _CHUNK], True)
             for start in range(0, len(to_insert), _CHUNK)]
            + [(to_update[start:start + _CHUNK], False)
               for start in range(0, len(to_update), _CHUNK)])


def apply_import(preview: ImportPreview, on_duplicate: OnDuplicate = "skip",
                 skip_invalid: bool = False, progress: Progress | None = None) -> ImportResult:
    """Write the accepted rows in one transaction: all of them or none.

    Refuses (:class:`ImportRefusedError`) when rows are invalid, unless ``skip_invalid``.
    Duplicates are skipped, added, or (``"update"``) written over the member they duplicate
    with the row's non-empty cells; a duplicate of an earlier row of the file is only added
    with ``"add"``. ``progress(done, total)`` is called after each batch of rows; returning
    False cancels the import and rolls everything back.
    """
    if on_duplicate not in ("skip", "update", "add"):
        raise ValueError(on_duplicate)
    if preview.invalid and not skip_invalid:
        raise ImportRefusedError(_("The file has invalid rows: correct them, or skip them."))
    now = dt.datetime.now().replace(microsecond=0)
    to_insert = list(preview.to_add)
    to_update: list[ImportRow] = []
    if on_duplicate == "add":
        to_insert += preview.duplicates
    elif on_duplicate == "update":
        to_update = preview.to_update
    total = len(to_insert) + len(to_update)
    result = ImportResult(added=len(to_insert), updated=len(to_update),
                          skipped=len(preview.duplicates) + len(preview.invalid) + len(
                              preview.to_add) - total)
    mapped = set(preview.mapping.values())
    if total:
        backup_before(_("importing {file}").format(file=preview.path.name))
    try:
        with database.atomic():
            done = 0
            for batch, insert in _batches(to_insert, to_update):
                if insert:
                    _insert_rows(batch, now)
                for row in [] if insert else batch:
                    (Member
                     .update(**_changes(row.data, mapped, now))
                     .where(Member.id == row.existing_id)
                     .execute())
                done += len(batch)
                if progress is not None and not progress(done, total):
                    raise _Cancelled
            AuditEntry.create(action="import", rows=total, details=_(
                "Members imported from {file}: {added}, {updated}, {skipped}.").format(
                    file=preview.path.name,
                    added=ngettext("{n} added", "{n} added", result.added),
                    updated=ngettext("{n} updated", "{n} updated", result.updated),
                    skipped=ngettext("{n} skipped", "{n} skipped", result.skipped)))
    except _Cancelled:
        return ImportResult(cancelled=True)
    return result


def storage_failure(error: BaseException) -> str | None:
    """When ``error`` is the database file refusing a read or a write (full disk, another
    program, read-only, damaged): what to tell the user, saying that nothing was written
    (the import is one transaction). None for any other error."""
    return storage_error_message(error)
