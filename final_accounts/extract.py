"""One document from file to landed rows: read it, recognise its tables, identify the
disclosure, read every table's figures, and decide whether it is loaded or refused."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .appendix import read_appendix
from .identity import identify
from .landing import EXTRACTOR_VERSION
from .layouts import land_table
from .narrative import find_mentions
from .sources import DocumentError, content_hash, looks_like_mojibake, place_of, read_document
from .statements import read_statements
from .tables import TABLE_TYPES, recognise

# Fewer recognised tables than this, and no 决算 title: not a final-accounts disclosure.
MIN_TABLES = 3


@dataclass
class Extraction:
    document: dict
    files: dict[str, list[dict]] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        return self.document["status"] == "loaded"


def _document_row(sha: str, source_file: str, **values) -> dict:
    row = {"document_sha256": sha, "source_file": source_file, "extractor_version": EXTRACTOR_VERSION,
           "status": "refused", "reason": None, "tables_recognised": 0, "figures_extracted": 0}
    row.update(values)
    return row


def extract(path: Path, source_file: str | None = None, sha256: str | None = None,
            landing: Path | None = None) -> Extraction:
    source_file = source_file or str(path)
    sha = sha256 or content_hash(path)
    try:
        document = read_document(path, sha, landing)
    except DocumentError as error:
        row = _document_row(sha, source_file, reason=str(error),
                            file_format="pdf" if path.suffix.lower() == ".pdf" else "text")
        return Extraction(row, {"document": [row]})
    recognition = recognise(document)
    identity = identify(document, recognition.text_items)
    key = {"document_sha256": sha, "fiscal_year": identity.fiscal_year, "unit_name": identity.unit_name}
    base = dict(file_format=document.file_format, page_count=document.page_count, line_count=document.line_count,
                fiscal_year=identity.fiscal_year, unit_name=identity.unit_name,
                disclosure_kind=identity.disclosure_kind, document_title=identity.document_title,
                identity_evidence=identity.evidence, tables_recognised=len(recognition.tables))

    files: dict[str, list[dict]] = {"table_presence": [], "table_notes": [], "unplaced": [], "layout_judgments": [],
                                    "figure_boxes": []}
    problems: list[dict] = []  # read problems, landed as read_problems.csv
    figures = 0
    for table_type in TABLE_TYPES:
        table = recognition.tables.get(table_type.code)
        rows: list[dict] = []
        presence = {**key, "table_code": table_type.code, "table_type": table_type.type_id,
                    "standard_title": table_type.standard_title}
        if table is None:
            presence.update(presence="missing", rows_landed=0, figures_landed=0)
        else:
            landed = land_table(table)
            figures += landed.figures
            for row in landed.rows:
                rows.append({**key, "table_title_as_printed": table.title_as_printed, **row})
            for box in landed.boxes:
                width, height = document.page_sizes.get(box["source_page"], (None, None))
                files["figure_boxes"].append({**key, "table_code": table_type.code, **box,
                                              "page_width": width, "page_height": height})
            for message in landed.unplaced:
                files["unplaced"].append({**key, "message": message})
            for message in landed.judgments:
                files["layout_judgments"].append({**key, "message": message})
            problems.extend({"part": "table", "table_code": table_type.code, **problem} for problem in landed.problems)
            for note in table.notes:
                files["table_notes"].append({**key, "table_code": table_type.code, "table_title": table.title_as_printed,
                                             "note_kind": "注" if note.text.lstrip().startswith("注") else "说明",
                                             "note_text": note.text.strip(), "printed_at": note.place})
            if table.empty_note is not None:
                files["table_notes"].append({**key, "table_code": table_type.code, "table_title": table.title_as_printed,
                                             "note_kind": "说明", "note_text": table.empty_note.text.strip(),
                                             "printed_at": table.empty_note.place})
            # a title seen only in the table of contents, with no table under it, is a missing table
            # a table whose figures were all set aside as read problems is printed, not empty
            state = ("present" if landed.figures or landed.problems else "empty_with_note" if table.empty_note
                     else "empty" if table.segments else "missing")
            presence.update(title_as_printed=table.title_as_printed, number_as_printed=table.number_as_printed,
                            printed_at=place_of(table.where), presence=state,
                            rows_landed=len(landed.rows), figures_landed=landed.figures,
                            empty_note=table.empty_note.text.strip() if table.empty_note else None)
        files["table_presence"].append(presence)
        files[table_type.code] = rows
    # a text line (title, note, narrative) of mojibake; table rows are checked where they are read
    problems.extend({"part": "narrative", "table_code": None, "rule_id": "READ-MOJIBAKE", "source_page": item.page,
                     "source_line": item.line, "printed_text": item.text,
                     "detail": "该行是乱码（按错误编码读出的文字），无法读取"}
                    for item in recognition.text_items if looks_like_mojibake(item.text))
    for message in recognition.unplaced + document.library_messages:
        files["unplaced"].append({**key, "message": message})
    for message in recognition.judgments:
        files["layout_judgments"].append({**key, "message": message})
    files["mentions"] = [{**key, "mention_no": number, "mention_kind": mention.kind, "frame": mention.frame,
                          "value_as_printed": mention.value, "context": mention.context, "printed_at": place_of(mention.where)}
                         for number, mention in enumerate(find_mentions(recognition.text_items), 1)]

    statements = read_statements(document.items)
    for name, rows in (("narrative_figures", statements.figures), ("narrative_function_budget", statements.items),
                       ("narrative_comparison_wording", statements.wordings),
                       ("narrative_project_results", statements.projects)):
        files[name] = [{**key, **row} for row in rows]
    problems.extend({"part": "narrative", **problem} for problem in statements.problems)
    # the project appendix (项目支出绩效自评表), in the raw shape of the project_* seeds
    appendix = read_appendix(document.items, exported=document.file_format == "text",
                             page_words=document.unruled_words)
    for name, rows in appendix.files.items():
        files[name] = [{**key, **row} for row in rows]
    files["unplaced"].extend({**key, "message": message} for message in appendix.unplaced)
    problems.extend(appendix.problems)
    files["read_problems"] = [{**key, "problem_no": number, **problem} for number, problem in enumerate(problems, 1)]

    reason = None
    if len(recognition.tables) < MIN_TABLES:
        reason = (f"not a final-accounts disclosure: {len(recognition.tables)} of the nine standard tables "
                  "(收入支出决算总表 … “三公”经费支出决算表) found by title")
    elif not identity.unit_name or identity.fiscal_year is None:
        reason = "the unit name and fiscal year could not be read from the cover, the part headings or the table headers"
    elif identity.is_placeholder:
        reason = (f"a template, not a disclosure: the unit name “{identity.unit_name}” is a placeholder"
                  + (" and no figures are printed" if figures == 0 else ""))
    elif figures == 0:
        reason = "no figures printed in any of the recognised tables"
    status = "refused" if reason else "loaded"
    row = _document_row(sha, source_file, status=status, reason=reason, figures_extracted=figures, **base)
    files = {"document": [row], **files} if status == "loaded" else {"document": [row], "table_presence":
                                                                     files["table_presence"],
                                                                     "unplaced": files["unplaced"]}
    return Extraction(row, files)
