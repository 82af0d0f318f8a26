"""Every user-visible string written in the code has its French translation."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from clubdesk import i18n
from clubdesk.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
# Call names whose first string argument is user-visible text.
MARKERS = {"_", "ngettext", "tr", "_tr"}


def _marked_strings() -> dict[str, str]:
    """Source text -> where it was found, for every marked literal in clubdesk/."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "clubdesk").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = node.args
            if name == "translate" and len(args) >= 2:  # QCoreApplication.translate(ctx, text)
                args = args[1:]
            elif name not in MARKERS:
                continue
            first = args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def _load_files(lang: str) -> list[tuple[Path, dict]]:
    folder = resource_path("translations", lang)
    return [(path, json.loads(path.read_text(encoding="utf-8")))
            for path in sorted(folder.glob("*.json"))]


def test_the_code_marks_strings() -> None:
    assert len(_marked_strings()) > 50


def test_every_marked_string_has_a_french_translation() -> None:
    french = i18n.catalogue("fr")
    missing = [f"{where}: {text!r}" for text, where in _marked_strings().items()
               if text not in french]
    assert not missing, "missing in resources/translations/fr/*.json:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_catalogue_files_agree_with_each_other(lang: str) -> None:
    seen: dict[str, tuple[Path, object]] = {}
    for path, data in _load_files(lang):
        for key, value in data.items():
            if key in seen and seen[key][1] != value:
                pytest.fail(f"{key!r} differs between {seen[key][0].name} and {path.name}")
            seen[key] = (path, value)


def test_plural_strings_have_both_forms() -> None:
    french = i18n.catalogue("fr")
    english = i18n.catalogue("en")
    for text in _marked_strings():
        if "%n" in text:
            assert isinstance(french.get(text), list) and len(french[text]) == 2, text
            assert isinstance(english.get(text), list) and len(english[text]) == 2, text


def test_translation_helper_picks_forms_and_languages() -> None:
    i18n.set_language("fr")
    assert i18n._("Active") == "Actif"
    i18n.set_language("en")
    assert i18n._("Active") == "Active"
    assert i18n.translate("an untranslated sentence", lang="fr") == "an untranslated sentence"
    assert i18n.plural_index("fr", 1) == 0 and i18n.plural_index("fr", 2) == 1
    assert i18n.plural_index("en", 0) == 1 and i18n.plural_index("fr", 0) == 0


def test_language_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUBDESK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert i18n.detect_language() == "fr"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert i18n.detect_language() == "en"
    monkeypatch.setenv("CLUBDESK_LANG", "fr")
    assert i18n.detect_language() == "fr"
    assert i18n.detect_language("en") == "en"
