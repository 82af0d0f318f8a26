"""Keeping the gettext catalogues in step with the code (a developer's tool, with Babel).

``python -m clubdesk.i18n.catalogues update`` extracts every ``_()`` and ``ngettext()`` of
the code (from its syntax tree, f-strings included) into one catalogue per area (the
package a module belongs to: ``members``, ``events``, ``reports``…): it adds the new texts
to ``resources/locale/fr/LC_MESSAGES/<area>.po``, drops the ones no longer used, and
compiles the ``.mo`` files the application reads. Without ``update`` it says what is
missing, unused or not compiled; the test suite runs that check.
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from clubdesk.resources import resource_path

PACKAGE = Path(__file__).resolve().parents[1]
TRANSLATED = ("fr",)
# Modules at the top of a layer that belong to no feature package.
TOP_AREAS = {"ui": "window", "cli": "cli", "db": "db", "reports": "reports", "demo": "demo"}

Key = str | tuple[str, str]


def area_of(path: Path) -> str:
    """The catalogue a module's texts go to: its feature package, else its layer's."""
    parts = path.relative_to(PACKAGE).parts
    if len(parts) >= 3 and parts[0] in ("ui", "domain"):
        return parts[1]
    if len(parts) >= 2 and parts[0] in TOP_AREAS:
        return TOP_AREAS[parts[0]]
    return "common"


def sources() -> Iterator[Path]:
    yield from sorted(path for path in PACKAGE.rglob("*.py") if "i18n" not in path.parts)


def marked(tree: ast.AST) -> Iterator[tuple[int, Key]]:
    """The texts of ``_("…")``, ``N_("…")`` and ``ngettext("…", "…", n)``, f-strings included
    (which Babel's tokenizer does not look into before Python 3.12)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        texts = [arg.value for arg in node.args
                 if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        if node.func.id in ("_", "N_") and len(texts) == 1:
            yield node.lineno, texts[0]
        elif node.func.id == "ngettext" and len(texts) == 2:
            yield node.lineno, (texts[0], texts[1])


def extract() -> dict[str, dict[Key, str]]:
    """Area -> every text the code marks -> where it was first seen."""
    found: dict[str, dict[Key, str]] = {}
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, key in marked(tree):
            found.setdefault(area_of(path), {}).setdefault(
                key, f"{path.relative_to(PACKAGE.parent)}:{line}")
    return found


def po_path(lang: str, area: str) -> Path:
    return resource_path("locale", lang, "LC_MESSAGES", f"{area}.po")


def read(lang: str, area: str) -> Catalog:
    path = po_path(lang, area)
    if not path.exists():
        return new_catalogue(lang, area)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=area)


def _key(message) -> Key:
    return message.id if isinstance(message.id, str) else tuple(message.id[:2])


def compiled(catalogue: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    return buffer.getvalue()


def write(lang: str, area: str, catalogue: Catalog) -> None:
    path = po_path(lang, area)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, no_location=True, omit_header=False,
                 sort_output=True)
    path.with_suffix(".mo").write_bytes(compiled(catalogue))


# gettext's usual rule: one form for 0 and 1, another from 2 (CLDR's third French form,
# for exact millions, is left out: "1 000 000 membres" reads well with the second).
PLURAL_RULES = {"fr": (2, "(n > 1)")}


def new_catalogue(lang: str, area: str, old: Catalog | None = None) -> Catalog:
    """An empty catalogue for ``area`` with the language's plural rule and a quiet header."""
    catalogue = Catalog(locale=lang, domain=area, project="clubdesk", version="",
                        fuzzy=False, msgid_bugs_address="",
                        header_comment=f"# clubdesk: the texts of {area}, in {lang}.",
                        creation_date=old.creation_date if old else None,
                        revision_date=old.revision_date if old else None,
                        last_translator="clubdesk", language_team=lang)
    if lang in PLURAL_RULES:
        catalogue._num_plurals, catalogue._plural_expr = PLURAL_RULES[lang]
    return catalogue


def update() -> None:
    """Bring every catalogue in step with the code, keeping the translations made; a text
    moved to another area takes its translation along."""
    code = extract()
    for lang in TRANSLATED:
        known = {_key(message): message.string
                 for area in code for message in read(lang, area) if message.id}
        for area, keys in code.items():
            new = new_catalogue(lang, area, read(lang, area))
            for key in keys:
                new.add(key, known.get(key, "" if isinstance(key, str) else ("", "")))
            write(lang, area, new)


def problems() -> list[str]:
    """Texts without a translation, translations nobody uses, catalogues not compiled."""
    found: list[str] = []
    code = extract()
    for lang in TRANSLATED:
        folder = resource_path("locale", lang, "LC_MESSAGES")
        for area in sorted(set(code) | {path.stem for path in folder.glob("*.po")}):
            catalogue = read(lang, area)
            wanted = code.get(area, {})
            present = {_key(message): message for message in catalogue if message.id}
            for key, where in wanted.items():
                message = present.get(key)
                strings = ([message.string] if isinstance(message.string, str)
                           else list(message.string)) if message is not None else []
                if not strings or not all(strings):
                    found.append(f"{where}: no {lang} translation for {key!r} ({area}.po)")
            for key in present.keys() - wanted.keys():
                found.append(f"{area}.po: {key!r} is no longer used")
            mo = po_path(lang, area).with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != compiled(catalogue):
                found.append(f"{mo.name}: not compiled from {area}.po (run update)")
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
    lines = problems()
    print("\n".join(lines) if lines else "catalogues in step with the code")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
