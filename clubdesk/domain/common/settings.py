"""The association's own details and rules, kept in the single settings row."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal

from clubdesk.db import AssociationSettings, database
from clubdesk.domain.common.edit_conflicts import checked_edit
from clubdesk.domain.common.text_limits import check_texts, clean_lines
from clubdesk.domain.safety.backups import backup_folder_problem
from clubdesk.i18n import _


@dataclass(frozen=True)
class Settings:
    name: str
    address: str
    logo: bytes | None
    volunteer_hourly_rate: Decimal
    fiscal_year_start_month: int
    max_proxies_per_holder: int
    quorum_share: Decimal
    absence_alert_count: int
    absence_alert_months: int
    retention_months: int
    # Empty: NAME-backups/ beside the database (see clubdesk.db.side_files).
    backup_folder: str = ""
    # Only members up to date with their dues count for a general assembly's quorum.
    quorum_dues_only: bool = False


def load_settings() -> Settings:
    """The settings row (created with defaults if a file somehow lacks it)."""
    row, _created = AssociationSettings.get_or_create(id=1)
    return Settings(**{field.name: getattr(row, field.name) for field in fields(Settings)})


def update_settings(**changes: object) -> Settings:
    """Change some settings in one transaction; unknown names are refused."""
    known = {field.name for field in fields(Settings)}
    unknown = set(changes) - known
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(sorted(unknown))}")
    with database.atomic():
        AssociationSettings.get_or_create(id=1)
        if changes:
            AssociationSettings.update(**changes).where(AssociationSettings.id == 1).execute()
    return load_settings()


MAX_LOGO_BYTES = 2 * 1024 * 1024
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")


def validate_settings(settings: Settings) -> dict[str, str]:
    """Field name -> what is wrong, for every value a report or a rule could not use."""
    errors: dict[str, str] = {}
    if not settings.name.strip():
        errors["name"] = _("The association's name is required: it heads every report.")
    check_texts("settings", settings, errors)
    folder = backup_folder_problem(settings.backup_folder)
    if folder is not None:
        errors["backup_folder"] = folder
    if settings.logo is not None:
        if len(settings.logo) > MAX_LOGO_BYTES:
            errors["logo"] = _("The logo is larger than 2 MB: choose a smaller image.")
        elif not settings.logo.startswith(_IMAGE_SIGNATURES):
            errors["logo"] = _("The logo must be a PNG or JPEG image.")
    if settings.volunteer_hourly_rate < 0:
        errors["volunteer_hourly_rate"] = _("The hourly rate cannot be negative.")
    if not 1 <= settings.fiscal_year_start_month <= 12:
        errors["fiscal_year_start_month"] = _("Choose the month the fiscal year starts in.")
    if settings.max_proxies_per_holder < 0:
        errors["max_proxies_per_holder"] = _("The number of proxies cannot be negative.")
    if not Decimal("0") < settings.quorum_share <= Decimal("1"):
        errors["quorum_share"] = _("The quorum is a share between 1 % and 100 %.")
    if settings.absence_alert_count < 1:
        errors["absence_alert_count"] = _("The alert needs at least one absence.")
    if not 1 <= settings.absence_alert_months <= 36:
        errors["absence_alert_months"] = _("The alert looks back 1 to 36 months.")
    return errors


def _cleaned(settings: Settings) -> Settings:
    return replace(settings, name=settings.name.strip(), address=clean_lines(settings.address))


def save_settings(settings: Settings, *, original: Settings | None = None) -> Settings:
    """Validate and store every setting in one transaction.

    With ``original`` (what the form opened with), a setting changed meanwhile elsewhere is
    kept, and one changed on both sides raises
    :class:`~clubdesk.domain.common.edit_conflicts.EditConflictError`, nothing written.
    """
    with database.atomic():
        settings = _cleaned(settings)
        if original is not None:
            settings = checked_edit(original, settings, load_settings())
        errors = validate_settings(settings)
        if errors:
            raise ValueError(" ".join(errors.values()))
        return update_settings(**{field.name: getattr(settings, field.name)
                                  for field in fields(Settings)})
