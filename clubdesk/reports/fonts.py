"""DejaVu Sans, registered once for every report: Łukasz, Nguyễn, Жанна and Zoë all print.

reportlab's standard fonts only cover Latin-1. The registry is reportlab's own (process-wide);
registering is guarded by a lock since reports are built on worker threads.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from clubdesk.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"

_lock = threading.Lock()
_registered = False


def register_fonts() -> str:
    """Register the family (regular, bold, italic) on first call; return its name."""
    global _registered
    with _lock:
        if not _registered:
            for name in (FONT, FONT_BOLD, FONT_ITALIC):
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))
            # No bold oblique is shipped: <b><i> falls back to bold.
            for bold, italic, name in ((0, 0, FONT), (1, 0, FONT_BOLD), (0, 1, FONT_ITALIC),
                                       (1, 1, FONT_BOLD)):
                addMapping(FONT, bold, italic, name)
            _registered = True
    return FONT
