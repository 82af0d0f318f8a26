"""Every text of the code has its French, in gettext catalogues kept in step with the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from clubdesk import i18n
from clubdesk.i18n import catalogues

ROOT = Path(__file__).resolve().parents[1]
# argparse's texts keep argparse's own placeholders.
OWN_PLACEHOLDERS = {"clubdesk/cli/argparse_texts.py"}


def test_catalogues_are_in_step_with_the_code() -> None:
    """No text without its French, no French nobody uses, every .mo compiled from its .po."""
    problems = catalogues.problems()
    assert not problems, "run: python -m clubdesk.i18n.catalogues update\n" + "\n".join(
        problems)


def test_the_code_marks_many_texts_in_every_area() -> None:
    found = catalogues.extract()
    assert sum(len(keys) for keys in found.values()) > 1000
    assert {"members", "events", "volunteering", "referrals", "dashboard", "reports",
            "cli", "safety"} <= set(found)


def _calls(predicate) -> list[str]:
    found = []
    for path in sorted((ROOT / "clubdesk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and predicate(node):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_one_way_to_translate() -> None:
    """No Qt tr() or translate(): their context is ignored and they bypass the catalogue."""
    def qt_translation(node: ast.Call) -> bool:
        func = node.func
        if not isinstance(func, ast.Attribute):
            return False
        context = node.args[0] if node.args else None  # Qt's translate(context, text)
        return func.attr == "tr" or (func.attr == "translate" and isinstance(
            context, ast.Constant) and isinstance(context.value, str))

    assert _calls(qt_translation) == []


def test_one_placeholder_style() -> None:
    """``{name}`` everywhere: no ``%1``, ``%n`` or ``%s`` in clubdesk's own texts."""
    old_style = re.compile(r"%(\d|n\b|s\b|\()")
    wrong = [f"{where}: {key!r}" for keys in catalogues.extract().values()
             for key, where in keys.items()
             if where.split(":")[0] not in OWN_PLACEHOLDERS
             and any(old_style.search(text) for text in ([key] if isinstance(key, str)
                                                          else key))]
    assert wrong == []


def test_french_typography_in_the_catalogues() -> None:
    """A non-breaking space before : ; ? ! and inside « », never a plain one."""
    bad = []
    for path in (ROOT / "resources" / "locale" / "fr" / "LC_MESSAGES").glob("*.po"):
        for message in catalogues.read("fr", path.stem):
            strings = [message.string] if isinstance(message.string, str) else message.string
            bad += [f"{path.name}: {text!r}" for text in strings if message.id and (
                re.search(r" [:;?!]", text) or "« " in text or " »" in text)]
    assert bad == []


def test_gettext_picks_the_language_and_the_plural_form() -> None:
    i18n.set_language("fr")
    assert i18n._("Active") == "Actif"
    assert i18n._("an untranslated sentence") == "an untranslated sentence"
    assert i18n.ngettext("{n} member", "{n} members", 1) == "1 membre"
    assert i18n.ngettext("{n} member", "{n} members", 0) == "0 membre"
    assert i18n.ngettext("{n} member", "{n} members", 20_000) == "20\u202f000 membres"
    i18n.set_language("en")
    assert i18n._("Active") == "Active"
    assert i18n.ngettext("{n} member", "{n} members", 0) == "0 members"
    assert i18n.ngettext("{n} member", "{n} members", 20_000) == "20,000 members"


def test_forms_reads_back_every_language() -> None:
    assert i18n.forms("Active") == {"Active", "Actif"}
    assert {"1 membre", "{n} membres"} & i18n.forms("{n} member", "{n} members") == {
        "{n} membres"}


def test_the_command_line_speaks_french(capsys: pytest.CaptureFixture[str]) -> None:
    from clubdesk.cli import main

    with pytest.raises(SystemExit):
        main(["--lang", "fr", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation\u00a0: clubdesk")
    assert "afficher ce message d'aide et quitter" in out
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "report"])
    assert "les arguments suivants sont obligatoires" in capsys.readouterr().err


def test_language_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUBDESK_LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    assert i18n.detect_language() == "fr"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert i18n.detect_language() == "en"
    monkeypatch.setenv("CLUBDESK_LANG", "fr")
    assert i18n.detect_language() == "fr"
    assert i18n.detect_language("en") == "en"


def test_a_text_has_one_translation_whatever_its_catalogue() -> None:
    """The catalogues are read as one: a text translated twice would take either."""
    seen: dict[object, tuple[str, object]] = {}
    clashes = []
    for path in sorted((ROOT / "resources" / "locale" / "fr" / "LC_MESSAGES").glob("*.po")):
        for message in catalogues.read("fr", path.stem):
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else tuple(message.id)
            string = message.string if isinstance(message.string, str) else tuple(
                message.string)
            if key in seen and seen[key][1] != string:
                clashes.append(f"{key!r}: {seen[key]} / {path.name} {string!r}")
            seen.setdefault(key, (path.name, string))
    assert clashes == []
