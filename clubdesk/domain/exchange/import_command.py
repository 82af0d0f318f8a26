"""``clubdesk import members FILE``: the import of :mod:`member_import` from the command
line, and the report it prints (counts, then each refused or repeated row by line)."""

from __future__ import annotations

from pathlib import Path

from clubdesk.domain.exchange.import_reading import ImportFileError
from clubdesk.domain.exchange.member_import import (
    ImportPreview,
    ImportResult,
    apply_import,
    preview_import,
)
from clubdesk.i18n import _


def import_report(preview: ImportPreview, result: ImportResult | None = None) -> str:
    """The text the command line prints: counts, then each invalid row with its line."""
    lines = [
        _("File: {name}").format(name=preview.path.name),
        _("New members: {n}").format(n=len(preview.to_add)),
        _("Duplicates: {n} (of existing members: {existing})").format(
            n=len(preview.duplicates), existing=len(preview.to_update)),
        _("Invalid rows: {n}").format(n=len(preview.invalid)),
    ]
    lines += [_("line {line}: {reason}").format(line=row.line, reason=row.reason)
              for row in preview.invalid]
    lines += [_("line {line}: duplicate of {name}").format(line=row.line,
                                                            name=row.existing_name)
              for row in preview.duplicates]
    if result is not None:
        lines.append(_("Added: {added}, updated: {updated}, skipped: {skipped}.").format(
            added=result.added, updated=result.updated, skipped=result.skipped))
    return "\n".join(lines)


def run_import_command(path: Path, dry_run: bool, skip_invalid: bool,
                       on_duplicate: str) -> tuple[int, str]:
    """``clubdesk import members FILE``: (exit code, report). The database must be open.

    Exit 2 when rows are invalid (unless ``skip_invalid``), 1 when the file cannot be read,
    0 otherwise; a dry run writes nothing.
    """
    if on_duplicate not in ("skip", "update", "add"):
        return 1, _("Unknown choice for duplicates: {value} (skip, update or add).").format(
            value=on_duplicate)
    try:
        preview = preview_import(Path(path))
    except ImportFileError as error:
        return 1, str(error)
    if preview.invalid and not skip_invalid:
        return 2, import_report(preview) + "\n" + _(
            "Nothing was imported: correct the invalid rows, or use --skip-invalid.")
    if dry_run:
        return 0, import_report(preview) + "\n" + _("Dry run: nothing was written.")
    result = apply_import(preview, on_duplicate, skip_invalid=True)  # type: ignore[arg-type]
    return 0, import_report(preview, result)
