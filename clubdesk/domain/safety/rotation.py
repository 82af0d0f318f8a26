"""Which backups to keep as they age: many recent ones, fewer and fewer old ones.

The policy, in the user's words: every backup of the last two days; then one a day for two
weeks; one a week for two months; one a month for two years; nothing older. In each period
the newest backup is kept (the state at the end of that day, week or month). The newest
backup of all is always kept, however old.

Periods are calendar days, ISO weeks and months, so a backup's period never changes; which
rule applies depends on the backup's age.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Dated(Protocol):
    @property
    def created(self) -> dt.datetime: ...


T = TypeVar("T", bound=Dated)


@dataclass(frozen=True)
class Tier:
    """Backups younger than ``until`` keep one per ``period`` (every one if None)."""

    until: dt.timedelta
    period: Callable[[dt.datetime], Hashable] | None


def _day(moment: dt.datetime) -> Hashable:
    return moment.date()


def _week(moment: dt.datetime) -> Hashable:
    return tuple(moment.isocalendar())[:2]


def _month(moment: dt.datetime) -> Hashable:
    return (moment.year, moment.month)


POLICY: tuple[Tier, ...] = (
    Tier(dt.timedelta(days=2), None),
    Tier(dt.timedelta(days=14), _day),
    Tier(dt.timedelta(days=61), _week),
    Tier(dt.timedelta(days=730), _month),
)


def backups_to_keep(backups: Sequence[T], now: dt.datetime,
                    policy: Sequence[Tier] = POLICY) -> list[T]:
    """The backups the policy keeps at ``now``, newest first."""
    ordered = sorted(backups, key=lambda backup: backup.created, reverse=True)
    kept: list[T] = []
    seen: set[tuple[int, Hashable]] = set()
    for position, backup in enumerate(ordered):
        keep = position == 0  # the newest is never removed
        age = now - backup.created
        for index, tier in enumerate(policy):
            if age > tier.until:
                continue
            if tier.period is None:
                keep = True
            else:
                key = (index, tier.period(backup.created))
                if key not in seen:  # newest first: the first one met is the newest
                    seen.add(key)
                    keep = True
            break
        if keep:
            kept.append(backup)
    return kept


def backups_to_remove(backups: Sequence[T], now: dt.datetime,
                      policy: Sequence[Tier] = POLICY) -> list[T]:
    """The backups the policy lets go at ``now``."""
    kept = {id(backup) for backup in backups_to_keep(backups, now, policy)}
    return [backup for backup in backups if id(backup) not in kept]


def removal_date(backup: T, backups: Sequence[T], now: dt.datetime,
                 policy: Sequence[Tier] = POLICY) -> dt.date | None:
    """The day rotation will remove ``backup`` at the latest, if no other backup is made;
    None if it stays (it is the newest of all)."""
    remaining = list(backups)
    horizon = int(policy[-1].until.days) + 2 if policy else 0
    for days in range(1, horizon + 1):
        moment = now + dt.timedelta(days=days)
        remaining = backups_to_keep(remaining, moment, policy)
        if all(kept is not backup for kept in remaining):
            return moment.date()
    return None
