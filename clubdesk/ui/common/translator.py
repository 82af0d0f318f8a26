"""The window's language: clubdesk's own texts come from :mod:`clubdesk.i18n`; Qt's (standard
buttons, file and print dialogs) from the catalogue Qt ships for that language, completed
where that catalogue has gaps."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clubdesk import i18n
from clubdesk.i18n import N_, _

# Texts of Qt's own dialogs that Qt's French catalogue leaves in English (it translates
# them without their keyboard shortcut only): translated in clubdesk's catalogue.
QT_GAPS: dict[str, tuple[str, ...]] = {
    "QFileDialog": (N_("&Look in:"), N_("Files of &type:")),
    "QPrintSettingsOutput": (N_("Page &Set:"),),
}


class QtGapsTranslator(QTranslator):
    """Answers only the Qt texts of :data:`QT_GAPS`; every other text goes to Qt's own."""

    def translate(  # noqa: N802 (Qt override)
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if source_text in QT_GAPS.get(context, ()):
            return _(source_text)
        return None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Choose ``lang`` for clubdesk and Qt, numbers and dates included; keep the returned
    translators alive (removing them gives Qt's English back)."""
    i18n.set_language(lang)
    QLocale.setDefault(QLocale(QLocale.Language.French if lang == "fr" else
                               QLocale.Language.English,
                               QLocale.Country.France if lang == "fr" else
                               QLocale.Country.UnitedKingdom))
    translators: list[QTranslator] = []
    if lang == "en":
        return translators
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{lang}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        translators.append(qt_own)
    gaps = QtGapsTranslator(app)
    app.installTranslator(gaps)  # asked first: installed last
    translators.append(gaps)
    return translators
