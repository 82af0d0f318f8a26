"""The window's language: clubdesk's own texts come from :mod:`clubdesk.i18n`; Qt's (standard
buttons, file and print dialogs) from the catalogue Qt ships for that language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clubdesk import i18n


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Choose ``lang`` for clubdesk and Qt, numbers and dates included; keep the returned
    translators alive (removing them gives Qt's English back)."""
    i18n.set_language(lang)
    QLocale.setDefault(QLocale(QLocale.Language.French if lang == "fr" else
                               QLocale.Language.English,
                               QLocale.Country.France if lang == "fr" else
                               QLocale.Country.UnitedKingdom))
    translators: list[QTranslator] = []
    qt_own = QTranslator(app)
    if lang != "en" and qt_own.load(
        f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_own)
        translators.append(qt_own)
    return translators
