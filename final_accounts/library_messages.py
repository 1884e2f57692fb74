"""The messages the PDF libraries print while a document is read (pdfminer's ``logging``
warnings, Python ``warnings``), captured per document so the console shows the product's own
messages only. A browser-printed PDF makes pdfminer warn "Could not get FontBBox from font
descriptor" once per glyph: such messages, known to be harmless (seeds/vocab_library_messages.csv,
``matters`` false), are dropped; any other is summarised once per document (how many times,
the first text) and reported with what could not be placed."""
from __future__ import annotations

import logging
import re
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field

from .vocabulary import rows

LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "PIL")


@dataclass
class Captured:
    messages: list[tuple[str, str]] = field(default_factory=list)  # (library, message)

    def summary(self) -> list[str]:
        """One line per distinct message that matters: the library, the count, the first text."""
        harmless = [(row["library"], row["pattern"]) for row in rows("vocab_library_messages")
                    if row["matters"] == "false"]
        counts: dict[tuple[str, str], list] = {}
        for library, message in self.messages:
            if any(library.startswith(name) and pattern in message for name, pattern in harmless):
                continue
            shape = re.sub(r"\d+", "N", message)[:160]
            entry = counts.setdefault((library, shape), [0, message])
            entry[0] += 1
        return [f"PDF library {library}: {count}× “{first[:200]}” (text near it may be incomplete)"
                for (library, _), (count, first) in counts.items()]


class _Collector(logging.Handler):
    def __init__(self, captured: Captured):
        super().__init__(logging.WARNING)
        self.captured = captured

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a library's malformed log call is still a message
            message = str(record.msg)
        self.captured.messages.append((record.name, message))


@contextmanager
def captured_library_messages():
    """Within the block, the libraries' log records (WARNING and above) and Python warnings
    are collected instead of printed; yields the ``Captured`` holding them."""
    captured = Captured()
    handler = _Collector(captured)
    saved = []
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate))
        logger.addHandler(handler)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield captured
        for warning in caught:
            module = getattr(warning, "filename", "") or ""
            library = next((name for name in LIBRARY_LOGGERS if name.lower() in module.lower()), "python")
            captured.messages.append((library, f"{warning.category.__name__}: {warning.message}"))
    finally:
        for logger, propagate in saved:
            logger.removeHandler(handler)
            logger.propagate = propagate
