"""Fields the event and the series forms share."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from clubdesk.domain.common.codes import EventKind
from clubdesk.domain.common.labels import event_kind_label


def kind_combo() -> QComboBox:
    """The kinds of event, labelled in the user's language, the code as item data."""
    combo = QComboBox()
    for code in EventKind:
        combo.addItem(event_kind_label(code), code)
    return combo
