"""The association's own details and rules, kept in the single settings row."""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from clubdesk.db import AssociationSettings, database


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
