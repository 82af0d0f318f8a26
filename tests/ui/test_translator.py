"""Qt's own dialogs speak the window's language, gaps of Qt's catalogue included."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

ENGLISH_LEFT = ("Look in", "Files of", "File name", "Page Set", "Cancel", "Print")


def _texts(dialog) -> list[str]:
    return [widget.text().replace("&", "") for widget in
            dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]


def test_the_file_dialog_speaks_french(qtbot, in_french) -> None:
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    texts = _texts(dialog)
    assert "Voir dans\u00a0:" in texts and "Fichiers de type\u00a0:" in texts
    assert not [text for text in texts if text.startswith(ENGLISH_LEFT)]


def test_the_print_dialog_speaks_french(qtbot, in_french) -> None:
    dialog = QPrintDialog(QPrinter())
    qtbot.addWidget(dialog)
    texts = _texts(dialog)
    assert "Jeu de pages\u00a0:" in texts
    assert not [text for text in texts if text.startswith(ENGLISH_LEFT)]


def test_english_leaves_qt_as_it_is(qtbot) -> None:
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    assert "Look in:" in _texts(dialog)
