"""How the member form is laid out: titled boxes of fields, each field with a message under
it (its error, or a hint), and the labels of stacked boxes lined up."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

Row = tuple[str | QWidget, QWidget, str]  # label (or a check box), field, field name


class FieldMessages:
    """The message labels of a form, by field name: hidden while they have nothing to say."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._shown: dict[str, tuple[str, str]] = {}

    def make(self, name: str) -> QLabel:
        """The small label under field ``name`` that shows its error (or a hint)."""
        label = QLabel()
        label.setWordWrap(True)
        label.setVisible(False)
        label.setObjectName(f"message_{name}")
        self._labels[name] = label
        return label

    def __getitem__(self, name: str) -> QLabel:
        return self._labels[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def show(self, name: str, text: str, style: str) -> None:
        """Say ``text`` under field ``name`` in ``style``; "" hides the message."""
        # Only touch the label when its text changes: this runs on every keystroke.
        if self._shown.get(name, ("", "")) == (text, style):
            return
        self._shown[name] = (text, style)
        label = self._labels[name]
        label.setText(text)
        label.setStyleSheet(style)
        label.setVisible(bool(text))


def form_box(title: str, rows: list[Row],
             messages: FieldMessages) -> tuple[QGroupBox, dict[str, QLabel]]:
    """A titled box with one row per field, its message underneath; and the labels made
    for the rows named by a text, by field name."""
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    labels: dict[str, QLabel] = {}
    for label, widget, name in rows:
        field = QWidget()
        stack = QVBoxLayout(field)
        stack.setContentsMargins(0, 0, 0, 0)
        stack.setSpacing(2)
        stack.addWidget(widget)
        stack.addWidget(messages.make(name))
        if isinstance(label, str):
            text = QLabel(label)
            text.setBuddy(widget)
            labels[name] = text
            form.addRow(text, field)
        else:
            form.addRow(label, field)
    return box, labels


def align_labels(*boxes: QGroupBox) -> None:
    """Give forms stacked in one column the same label width, so their fields line up."""
    labels = [
        item.widget()
        for box in boxes
        if isinstance(form := box.layout(), QFormLayout)
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
    ]
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)
