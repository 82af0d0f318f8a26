"""Where the files shipped in ``resources/`` are, installed or from a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding translations, fonts and images.

    A wheel carries it inside the package (``clubdesk/resources``); a source checkout or an
    editable install has it at the top of the repository.
    """
    installed = _PACKAGE_DIR / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of one shipped file, for example ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_dir().joinpath(*parts)
