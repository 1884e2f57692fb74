"""An unruled copy of a PDF: the same page, the same text at the same place, no ruling
lines (a Word document with table borders switched off prints exactly that).

Every path-construction and path-painting operator (m l c v y h re, S s f F f* B B* b b*
n, and the clipping W W*) is dropped from each page's content stream with pypdf (already
pinned for reading PDFs); text, images and graphics state are kept. Text drawn as paths
(none in the shipped PDFs: their text is all text operators) would be lost, which the
callers see as missing figures."""
from __future__ import annotations

from pathlib import Path

PATH_OPERATORS = {b"m", b"l", b"c", b"v", b"y", b"h", b"re", b"S", b"s", b"f", b"F", b"f*", b"B", b"B*",
                  b"b", b"b*", b"n", b"W", b"W*"}


def unruled_copy(source: Path, target: Path) -> int:
    """Write ``target``, ``source`` without its drawn lines; returns the operators dropped."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream, NameObject

    reader = PdfReader(str(source))
    writer = PdfWriter(clone_from=reader)
    dropped = 0
    for page in writer.pages:
        contents = page.get_contents()
        if contents is None:
            continue
        stream = ContentStream(contents, writer)
        kept = []
        for operands, operator in stream.operations:
            if operator in PATH_OPERATORS:
                dropped += 1
                continue
            kept.append((operands, operator))
        stream.operations = kept
        page[NameObject("/Contents")] = writer._add_object(stream)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        writer.write(handle)
    return dropped
