"""Qt's ``tr()`` served from the same JSON catalogue as :mod:`clubdesk.i18n`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from clubdesk import i18n


class CatalogueTranslator(QTranslator):
    """Answers every ``tr()`` call from the project's catalogue, whatever the context."""

    def __init__(self, lang: str, parent=None) -> None:
        super().__init__(parent)
        self._lang = lang

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False

    def translate(  # noqa: N802 (Qt override)
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if source_text in i18n.catalogue(self._lang):
            if n < 0:
                return i18n.translate(source_text, None, self._lang)
            # Counts written as the language writes numbers: "20 000 membres".
            form = i18n.plural_form(source_text, n, self._lang)
            return form.replace("%n", QLocale().toString(n))
        # Not ours: None lets Qt ask the next translator (qtbase's, for standard buttons).
        return None


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install ours and Qt's own (for standard buttons and dialogs); keep them alive."""
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
    ours = CatalogueTranslator(lang, app)
    app.installTranslator(ours)
    translators.append(ours)
    return translators
