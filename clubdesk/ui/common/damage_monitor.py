"""One place that hears of a damaged file, whichever thread or widget met it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from clubdesk.domain.safety.damage import is_damage


class DamageMonitor(QObject):
    """``damage_found(detail)`` is emitted on the GUI thread, from any thread."""

    damage_found = Signal(str)


_monitor: DamageMonitor | None = None


def damage_monitor() -> DamageMonitor:
    global _monitor
    if _monitor is None:
        _monitor = DamageMonitor()
    return _monitor


def report_if_damage(error: BaseException) -> bool:
    """Tell the window when ``error`` says the file is damaged; True if it did."""
    if not is_damage(error):
        return False
    damage_monitor().damage_found.emit(str(getattr(error, "detail", None) or error))
    return True
