"""The rotation policy, simulated over hundreds of days of backups."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from clubdesk.domain.safety.rotation import backups_to_keep, backups_to_remove, removal_date


@dataclass(frozen=True)
class Fake:
    created: dt.datetime


START = dt.datetime(2025, 1, 6, 8, 0)


def _simulate(days: int, seed: int = 4) -> tuple[list[Fake], dt.datetime, set[dt.date]]:
    """Several backups on most days, none on some; rotation after each, as the app does."""
    rng = random.Random(seed)
    kept: list[Fake] = []
    made_on: set[dt.date] = set()
    now = START
    for day in range(days):
        if rng.random() < 0.2:
            continue  # the laptop stayed closed
        for hour in sorted(rng.sample(range(8, 23), rng.randint(1, 4))):
            now = START + dt.timedelta(days=day, hours=hour - 8, minutes=rng.randint(0, 59))
            kept.append(Fake(now))
            made_on.add(now.date())
            kept = backups_to_keep(kept, now)
    return kept, now, made_on


def test_rotation_over_many_days_keeps_the_policy() -> None:
    kept, now, made_on = _simulate(800)
    ages = [(now - backup.created) for backup in kept]
    recent = [b for b, age in zip(kept, ages, strict=True) if age <= dt.timedelta(days=2)]
    # Every backup of the last two days is there.
    assert len(recent) >= 2
    # One a day between two days and two weeks, for every day that had a backup.
    daily = [b for b, age in zip(kept, ages, strict=True)
             if dt.timedelta(days=2) < age <= dt.timedelta(days=14)]
    days = [b.created.date() for b in daily]
    assert len(days) == len(set(days))
    expected = {day for day in made_on
                if dt.timedelta(days=3) <= now - dt.datetime.combine(day, dt.time(23, 59))
                and now - dt.datetime.combine(day, dt.time()) <= dt.timedelta(days=13)}
    assert expected <= set(days)
    # One a week up to two months, one a month up to two years, nothing older.
    weekly = [b.created.isocalendar()[:2] for b, age in zip(kept, ages, strict=True)
              if dt.timedelta(days=14) < age <= dt.timedelta(days=61)]
    assert len(weekly) == len(set(weekly)) and len(weekly) >= 5
    monthly = [(b.created.year, b.created.month) for b, age in zip(kept, ages, strict=True)
               if dt.timedelta(days=61) < age <= dt.timedelta(days=730)]
    assert len(monthly) == len(set(monthly)) and 20 <= len(monthly) <= 24
    assert all(age <= dt.timedelta(days=730) for age in ages)
    assert len(kept) < 60  # 800 days of backups fit in a small folder


def test_a_long_pause_keeps_the_newest_backup() -> None:
    old = [Fake(START + dt.timedelta(hours=hours)) for hours in range(5)]
    much_later = START + dt.timedelta(days=1000)
    assert backups_to_keep(old, much_later) == [old[-1]]
    assert backups_to_remove(old, much_later) == old[:-1]


def test_removal_date_is_when_rotation_lets_the_backup_go() -> None:
    kept, now, _made_on = _simulate(120)
    oldest = min(kept, key=lambda backup: backup.created)
    day = removal_date(oldest, kept, now)
    assert day is not None and now.date() < day <= (oldest.created + dt.timedelta(days=731)).date()
    assert oldest not in backups_to_keep(kept, dt.datetime.combine(day, now.time()))
    newest = max(kept, key=lambda backup: backup.created)
    assert removal_date(newest, kept, now) is None
