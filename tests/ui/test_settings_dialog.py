"""The association settings dialog: validated live, saved in one go."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from clubdesk.domain.common.settings import load_settings
from clubdesk.ui.settings.backup_folder_field import BackupFolderField
from clubdesk.ui.settings.settings_dialog import SettingsDialog


def _png(path: Path) -> Path:
    image = QImage(40, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5f8b"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    path.write_bytes(bytes(buffer.data()))
    return path


def test_name_is_required_and_rules_are_saved(qtbot, db_path: Path, tmp_path: Path) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()  # a new database has no name yet
    assert "name is required" in dialog.message.text()
    dialog.name.setText("Réseau Zoë & Łukasz")
    assert save.isEnabled() and dialog.message.text() == ""
    dialog.quorum_percent.setValue(67)
    dialog.max_proxies.setValue(3)
    dialog.alert_count.setValue(4)
    dialog.hourly_rate.setValue(15.5)
    dialog.choose_logo(str(_png(tmp_path / "logo.png")))
    save.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    settings = load_settings()
    assert settings.name == "Réseau Zoë & Łukasz"
    assert settings.quorum_share == Decimal("0.67")
    assert (settings.max_proxies_per_holder, settings.absence_alert_count) == (3, 4)
    assert settings.volunteer_hourly_rate == Decimal("15.50")
    assert settings.logo and settings.logo.startswith(b"\x89PNG")


def test_a_file_that_is_not_an_image_is_refused(qtbot, db_path: Path, tmp_path: Path) -> None:
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Réseau")
    fake = tmp_path / "logo.png"
    fake.write_text("not an image", encoding="utf-8")
    dialog.choose_logo(str(fake))
    assert "PNG or JPEG" in dialog.message.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    dialog.remove_logo()
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_the_backups_folder_is_chosen_checked_and_used(qtbot, db_path: Path,
                                                        tmp_path: Path) -> None:
    from clubdesk.domain.safety.backups import make_backup

    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Réseau")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert "clubdesk-backups" in dialog.backup_folder.path.placeholderText()
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    dialog.backup_folder.choose(str(a_file))
    assert "is a file, not a folder" in dialog.message.text() and not save.isEnabled()
    key = tmp_path / "USB" / "sauvegardes"
    dialog.backup_folder.choose(str(key))
    assert "plug in the disk or key" in dialog.message.text()  # the key is not there
    (tmp_path / "USB").mkdir()
    dialog.backup_folder.choose(str(tmp_path / "USB"))
    dialog.backup_folder.choose(str(key))
    assert dialog.message.text() == "" and save.isEnabled()
    save.click()
    assert load_settings().backup_folder == str(key)
    assert make_backup().path.parent == key
    # Back to the folder beside the database.
    dialog = SettingsDialog()
    qtbot.addWidget(dialog)
    dialog.backup_folder.default_button.click()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert load_settings().backup_folder == ""


def test_the_backups_field_names_the_default_folder_only_when_there_is_one(
        qtbot, tmp_path) -> None:
    beside = BackupFolderField("", tmp_path / "club-backups")
    qtbot.addWidget(beside)
    assert beside.path.placeholderText() == f"{tmp_path / 'club-backups'} (beside the database)"
    nowhere = BackupFolderField("", None)
    qtbot.addWidget(nowhere)
    assert nowhere.path.placeholderText() == ""
