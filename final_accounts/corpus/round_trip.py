"""The round trip of a printed corpus: the PDFs (``printing``) read back through
``scripts/ingest`` and compared with what was printed, figure by figure and page by page;
then built, and the failed checks scored against the planted errors (``scoring.score``).

The truth of a table figure is the disclosure's landing, recorded in the layout manifest
beside each PDF with the page every row was printed on."""
from __future__ import annotations

import csv
import difflib
import json
import os
import subprocess
import sys
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..layouts import CODE_NAME_KEYS, NAME_KEYS, figure_keys

ROOT = Path(__file__).resolve().parent.parent.parent
LABEL_KEYS = tuple(NAME_KEYS) + tuple(code for code, _ in CODE_NAME_KEYS)


def _value(text: str | None) -> Decimal | None:
    text = (text or "").replace(",", "").strip()
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _key(code: str, row: dict) -> tuple:
    return tuple((row.get(key) or "").strip() for key in LABEL_KEYS if key in row)


def _visible(code: str, row: dict) -> bool:
    """Whether a printed row prints anything a reader lands (a label or a figure)."""
    return any((row.get(key) or "").strip() for key in LABEL_KEYS + tuple(figure_keys(code)) if key in row)


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def manifests(documents: Path) -> list[dict]:
    """The layout manifests of a printed corpus, with the PDF each describes."""
    found = []
    for path in sorted(Path(documents).glob(".*.layout.json")):
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["pdf"] = str(path.with_name(path.name[1:].removesuffix(".layout.json") + ".pdf"))
        found.append(manifest)
    return found


def compare_figures(documents: Path, landing: Path) -> dict:
    """Every printed table figure against what ingestion landed: found exactly (same value,
    same row, on the page it was printed on), misread, or missing; and figures landed that
    were never printed. A row whose label was read otherwise (``labels_misread``, a problem
    listed) is still its row when it stands between the same matched rows. Per option of each layout family, the same counts."""
    landed_documents = {Path(row["source_file"]).name: row for row in _read_csv(landing / "documents.csv")}
    folders = {path.name.rsplit("_", 1)[-1]: path for path in (landing / "disclosures").iterdir() if path.is_dir()}
    totals = {"printed": 0, "exact": 0, "wrong_value": 0, "wrong_page": 0, "missing": 0, "extra": 0, "pages": 0,
              "labels_misread": 0}
    by_option: dict[str, dict[str, int]] = {}
    problems: list[str] = []
    off: list[dict] = []  # every printed figure not read exactly, and every landed one never printed
    for manifest in manifests(documents):
        name = Path(manifest["pdf"]).name
        document = landed_documents.get(name)
        counts = {"printed": 0, "exact": 0}
        if document is None or document.get("status") != "loaded":
            reason = document.get("reason") if document else "not in the landing's documents.csv"
            problems.append(f"{name}: not loaded ({reason})")
            folder = None
        else:
            folder = folders.get(document["document_sha256"][:16])
            totals["pages"] += int(document.get("page_count") or 0)
        for code, printed_rows in manifest["tables"].items():
            pages = manifest["row_pages"][code]
            printed = [(row, pages[i]) for i, row in enumerate(printed_rows) if _visible(code, row)]
            landed = _read_csv(folder / f"{code}.csv") if folder else []
            matcher = difflib.SequenceMatcher(a=[_key(code, row) for row, _ in printed],
                                              b=[_key(code, row) for row in landed], autojunk=False)
            # rows matched by their labels; between two matched runs, as many printed as landed rows
            # are the same rows in order with a label read otherwise (an OCR misread of a name)
            pairs = {}
            for operation, a0, a1, b0, b1 in matcher.get_opcodes():
                if operation == "equal" or (operation == "replace" and a1 - a0 == b1 - b0):
                    pairs.update(zip(range(a0, a1), range(b0, b1)))
                if operation == "replace" and a1 - a0 == b1 - b0:
                    for a, b in zip(range(a0, a1), range(b0, b1)):
                        totals["labels_misread"] += 1
                        off.append({"pdf": name, "manifest": manifest, "folder": folder, "table_code": code,
                                    "row_no": landed[b].get("row_no"), "column": "label", "page": printed[a][1],
                                    "printed": "|".join(_key(code, printed[a][0])),
                                    "landed": "|".join(_key(code, landed[b])), "kind": "label"})
                        problems.append(f"{name} {code} row {_key(code, printed[a][0])}: its label landed as "
                                        f"{_key(code, landed[b])} (row {landed[b].get('row_no')})")
            for i, (row, page) in enumerate(printed):
                other = landed[pairs[i]] if i in pairs else None
                for key in figure_keys(code):
                    value = _value(row.get(key))
                    if value is None:
                        continue
                    counts["printed"] += 1
                    figure = {"pdf": name, "manifest": manifest, "folder": folder, "table_code": code,
                              "row_no": other.get("row_no") if other else None, "column": key, "page": page,
                              "printed": row[key], "landed": other.get(key) if other else None}
                    if other is None or _value(other.get(key)) != value or str(page) != (other.get("source_page") or ""):
                        off.append({**figure, "kind": "missing" if other is None else
                                    "wrong_value" if _value(other.get(key)) != value else "wrong_page"})
                    if other is None:
                        totals["missing"] += 1
                        problems.append(f"{name} {code} row {_key(code, row)} {key}: printed {row[key]} on page "
                                        f"{page}, row not landed")
                    elif _value(other.get(key)) != value:
                        totals["wrong_value"] += 1
                        problems.append(f"{name} {code} row {_key(code, row)} {key}: printed {row[key]}, "
                                        f"landed {other.get(key)!r}")
                    elif str(page) != (other.get("source_page") or ""):
                        totals["wrong_page"] += 1
                        problems.append(f"{name} {code} row {_key(code, row)} {key}: printed on page {page}, "
                                        f"landed from page {other.get('source_page')}")
                    else:
                        counts["exact"] += 1
            for j, other in enumerate(landed):
                partner = next((i for i, b in pairs.items() if b == j), None)
                for key in figure_keys(code):
                    if _value(other.get(key)) is not None and (
                            partner is None or _value(printed[partner][0].get(key)) is None):
                        totals["extra"] += 1
                        off.append({"pdf": name, "manifest": manifest, "folder": folder, "table_code": code,
                                    "row_no": other.get("row_no"), "column": key, "page": other.get("source_page"),
                                    "printed": None, "landed": other.get(key), "kind": "extra"})
                        problems.append(f"{name} {code} landed row {other.get('row_no')} {key}: "
                                        f"{other.get(key)} was never printed there")
        totals["printed"] += counts["printed"]
        totals["exact"] += counts["exact"]
        for family, option in manifest["layout"].items():
            entry = by_option.setdefault(f"{family}={option}", {"disclosures": 0, "printed": 0, "exact": 0})
            entry["disclosures"] += 1
            entry["printed"] += counts["printed"]
            entry["exact"] += counts["exact"]
    totals["exact_share"] = 100.0 * totals["exact"] / totals["printed"] if totals["printed"] else 0.0
    return {**totals, "by_option": by_option, "problems": problems, "off": off}


def compare_appendix(documents: Path, landing: Path) -> dict:
    """Every cell of the printed project appendix (the manifest's ``projects``: the
    ``project_*`` rows as printed, each with the page its table is printed on) against the
    landed ``project_*`` files, row by row (project number, row number): a cell is exact when
    the landed text is the printed text (an empty cell landed empty) and its row landed from the
    page it was printed on. Counts cells printed, exact, and the differences."""
    from ..landing import APPENDIX_COLUMNS

    landed_documents = {Path(row["source_file"]).name: row for row in _read_csv(landing / "documents.csv")}
    folders = {path.name.rsplit("_", 1)[-1]: path for path in (landing / "disclosures").iterdir() if path.is_dir()}
    totals = {"cells": 0, "exact": 0, "rows_missing": 0, "rows_extra": 0}
    problems: list[str] = []
    for manifest in manifests(documents):
        projects = manifest.get("projects") or {}
        if not any(projects.values()):
            continue
        name = Path(manifest["pdf"]).name
        document = landed_documents.get(name)
        folder = folders.get(document["document_sha256"][:16]) if document and document.get("status") == "loaded" \
            else None
        for part, printed_rows in projects.items():
            columns = [column for column in APPENDIX_COLUMNS[part]
                       if column not in ("project_no", "row_no", "transcription_note")]
            landed = {(row["project_no"], row.get("row_no", "")): row
                      for row in (_read_csv(folder / f"{part}.csv") if folder else [])}
            printed_keys = set()
            for row in printed_rows:
                key = (row["project_no"], row.get("row_no", ""))
                printed_keys.add(key)
                other = landed.get(key)
                totals["cells"] += len(columns)
                if other is None:
                    totals["rows_missing"] += 1
                    problems.append(f"{name} {part} {key}: printed on page {row['source_page']}, not landed")
                    continue
                for column in columns:
                    if (other.get(column) or "").strip() != (row.get(column) or "").strip():
                        problems.append(f"{name} {part} {key} {column}: printed {row.get(column)!r}, "
                                        f"landed {other.get(column)!r}")
                    elif (other.get("source_page") or "") != row["source_page"]:
                        problems.append(f"{name} {part} {key} {column}: printed on page {row['source_page']}, "
                                        f"landed from page {other.get('source_page')}")
                    else:
                        totals["exact"] += 1
            for key in sorted(set(landed) - printed_keys):
                totals["rows_extra"] += 1
                problems.append(f"{name} {part} {key}: landed, never printed")
    totals["exact_share"] = 100.0 * totals["exact"] / totals["cells"] if totals["cells"] else 100.0
    return {**totals, "problems": problems}


# how a figure the OCR did not read exactly surfaces, in the order tried (misread_cases)
CASES = ("low_confidence", "caught_by_check", "caught_by_read_problem", "silent")


def _flagged_tables(warehouse: Path | None) -> set[tuple[str, str, str]]:
    """(fiscal year, unit, landing table code) of every table a check that is not a pass reads
    on either side, whose message asks to check the page image (read by OCR)."""
    if warehouse is None or not Path(warehouse).exists():
        return set()
    import duckdb

    from .. import vocabulary

    phrase = next(row["phrase"] for row in vocabulary.rows("vocab_ocr_notes") if row["note_kind"] == "check_image")
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        rows = connection.execute("""
            select distinct cast(f.fiscal_year as varchar), f.unit_name, t.landing_code
            from main.fct_reconciliation_checks as f
            inner join intermediate.int_checks_unioned as c using (fiscal_year, unit_name, rule_id, subject_key)
            inner join staging.stg_ref_table_types as t on t.table_type in (c.left_table_type, c.right_table_type)
            where f.status <> 'pass' and f.message like '%' || ? || '%'
        """, [phrase]).fetchall()
    return {tuple(row) for row in rows}


def misread_cases(figures: dict, warehouse: Path | None = None) -> dict:
    """The figures (and row labels, kind ``label``) of scanned disclosures that were not read
    exactly (``compare_figures``'s ``off``), each put in the first case that holds: its landed figure marked low-confidence
    (OCR confidence under ref_ocr_settings' threshold), its table read by a check that is not a
    pass and asks to check the page image (``warehouse`` built), its table named by a read
    problem or an unplaced column (a READ finding), or silent. Counts by case and by kind."""
    from .. import vocabulary

    threshold = Decimal(next(row["value"] for row in vocabulary.rows("ref_ocr_settings")
                             if row["setting"] == "low_confidence_threshold"))
    titles = {row["landing_code"]: row["standard_title"] for row in vocabulary.rows("ref_table_types")}
    flagged = _flagged_tables(warehouse)
    cache: dict = {}
    counts = {case: 0 for case in CASES}
    by_kind: dict[str, dict[str, int]] = {}
    examples: dict[str, list[str]] = {case: [] for case in CASES}
    for figure in figures["off"]:
        manifest, folder = figure["manifest"], figure["folder"]
        if manifest["layout"].get("medium") != "scanned":
            continue
        if folder not in cache:
            boxes = {(row["table_code"], row["row_no"], row["column_name"]): row.get("ocr_confidence")
                     for row in _read_csv(folder / "figure_boxes.csv")} if folder else {}
            named = {row["table_code"] for row in _read_csv(folder / "read_problems.csv")} if folder else set()
            named |= {code for code, title in titles.items() for row in (_read_csv(folder / "unplaced.csv")
                      if folder else []) if row["message"].split(" (page")[0] == title}
            cache[folder] = boxes, named
        boxes, named = cache[folder]
        confidence = _value(boxes.get((figure["table_code"], figure["row_no"], figure["column"])))
        if confidence is not None and confidence < threshold:
            case = "low_confidence"
        elif (str(manifest["fiscal_year"]), manifest["unit_name"], figure["table_code"]) in flagged:
            case = "caught_by_check"
        elif figure["table_code"] in named:
            case = "caught_by_read_problem"
        else:
            case = "silent"
        counts[case] += 1
        by_kind.setdefault(figure["kind"], {c: 0 for c in CASES})[case] += 1
        if len(examples[case]) < 5:
            examples[case].append(f"{figure['pdf']} {figure['table_code']} row {figure['row_no']} {figure['column']} "
                                  f"page {figure['page']}: printed {figure['printed']}, landed {figure['landed']!r}")
    return {"cases": counts, "by_kind": by_kind, "examples": examples}


NARRATIVE = "narrative"  # the misread "table" of a disclosure whose narrative statements were not read back


def misread_tables(figures: dict, documents: Path, landing: Path) -> set[tuple[str, str, str]]:
    """(fiscal year, unit, landing table code) of every table with a figure or row label not
    read exactly (``compare_figures``'s ``off``), and (…, ``NARRATIVE``) for a disclosure one of
    whose printed narrative statements or 项 paragraphs was not read back with its figures."""
    found = {(str(f["manifest"]["fiscal_year"]), f["manifest"]["unit_name"], f["table_code"]) for f in figures["off"]}
    folders = {(row["fiscal_year"], row["unit_name"]): landing / "disclosures" /
               f"{row['fiscal_year']}_{row['unit_name']}_{row['document_sha256'][:16]}"
               for row in _read_csv(landing / "documents.csv")}
    for manifest in manifests(documents):
        key = (str(manifest["fiscal_year"]), manifest["unit_name"])
        folder = folders.get(key)
        if folder is None:
            continue
        statements = manifest.get("statements", {})
        landed = _read_csv(folder / "narrative_figures.csv")
        items = _read_csv(folder / "narrative_function_budget.csv")
        lost = any(_landed_row("narrative", printed, landed) is None for printed in statements.get("narrative_figures", []))
        for printed in statements.get("narrative_function_budget", []):
            row = _landed_row("narrative-item", printed, items)
            lost = lost or row is None or not all(_same(row.get(column), printed.get(column)) for column in
                                                  ("initial_budget_text", "final_amount_text", "completion_rate_text"))
        if lost:
            found.add((*key, NARRATIVE))
    return found


def classify_false_alarms(false_alarms: list, figures: dict, documents: Path, landing: Path, warehouse: Path) -> dict:
    """The unplanted failed checks split in two. A surfaced misread: the check asks to check the
    page image (its figures were read by OCR) and reads a table in which a figure or row label
    was not read as printed (a narrative check: the disclosure's narrative or any table) — a
    true finding about what was read. A genuine false alarm: any other, a check failing on
    figures read as printed (or not read by OCR)."""
    import duckdb

    from .. import vocabulary

    phrase = next(row["phrase"] for row in vocabulary.rows("vocab_ocr_notes") if row["note_kind"] == "check_image")
    misread = misread_tables(figures, documents, landing)
    read_tables: dict[tuple, tuple[bool, set[str]]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for year, unit, rule, subject, asks, code in connection.execute("""
            select cast(f.fiscal_year as varchar), f.unit_name, f.rule_id, f.subject_key,
                   f.message like '%' || ? || '%', t.landing_code
            from main.fct_reconciliation_checks as f
            left join intermediate.int_checks_unioned as c using (fiscal_year, unit_name, rule_id, subject_key)
            left join staging.stg_ref_table_types as t on t.table_type in (c.left_table_type, c.right_table_type)
            where f.status = 'fail'
        """, [phrase]).fetchall():
            entry = read_tables.setdefault((year, unit, rule, subject), (bool(asks), set()))
            if code:
                entry[1].add(code)
    surfaced, genuine = [], []
    for alarm in false_alarms:
        asks, codes = read_tables.get(tuple(alarm), (False, set()))
        year, unit = alarm[0], alarm[1]
        misread_here = {code for y, u, code in misread if (y, u) == (year, unit)}
        hit = bool(codes & misread_here) if codes else bool(misread_here)
        (surfaced if asks and hit else genuine).append(alarm)
    return {"surfaced": surfaced, "genuine": genuine}


def ingest(documents: Path, landing: Path) -> tuple[float, subprocess.CompletedProcess]:
    """``scripts/ingest`` on the printed documents: seconds and the finished process."""
    env = dict(os.environ, LANDING_PATH=str(landing))
    start = time.perf_counter()
    done = subprocess.run([str(ROOT / "scripts" / "ingest"), str(documents)], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    return time.perf_counter() - start, done


def _same(a: str | None, b: str | None) -> bool:
    return _value(a) == _value(b) if _value(a) is not None else (a or "") == (b or "")


def _landed_row(kind: str, printed: dict, landed: list[dict]) -> dict | None:
    """The landed row that reads the printed statement or mention the truth names."""
    if kind == "narrative":
        candidates = [row for row in landed if row["metric"] == printed["metric"]
                      and _same(row["value_text"], printed["value_text"])]
        return next((row for row in candidates if row["subject_key"] == printed["subject_key"]),
                    next((row for row in candidates if row["topic"] == printed["topic"]),
                         candidates[0] if candidates else None))
    if kind == "narrative-item":
        return next((row for row in landed if row["xiang_name"] == printed["xiang_name"]
                     and row["kuan_name"] == printed["kuan_name"]), None)
    candidates = [row for row in landed if row["mention_kind"] == printed["mention_kind"]
                  and row["value_as_printed"] == printed["value_as_printed"]]
    return next((row for row in candidates if row["frame"] == printed["frame"]),
                candidates[0] if candidates else None)


# subject keys of the ground truth that name a landed row by its number: (prefix, landing file, number column)
NUMBERED_SUBJECTS = {"narrative": ("narrative_figures", "row_no"),
                     "narrative-item": ("narrative_function_budget", "item_no"),
                     "document/year": ("mentions", "mention_no"),
                     "document/unit-name": ("mentions", "mention_no")}


def rekey_truth(documents: Path, landing: Path) -> None:
    """Write ``landing/ground_truth.csv`` from the printed corpus's truth, a subject key that
    names a statement or mention by its row number (narrative/12, document/unit-name/6) renamed
    to the number the read-back gave the same statement (the printer joins statements into
    sentences; the reader numbers what it reads)."""
    printed = {(str(m["fiscal_year"]), m["unit_name"]): m.get("statements", {}) for m in manifests(documents)}
    folders = {}
    for row in _read_csv(landing / "documents.csv"):
        folder = landing / "disclosures" / f"{row['fiscal_year']}_{row['unit_name']}_{row['document_sha256'][:16]}"
        folders[(row["fiscal_year"], row["unit_name"])] = folder
    truth = _read_csv(Path(documents) / ".ground_truth.csv")
    for row in truth:
        prefix, _, number = row["subject_key"].rpartition("/")
        if prefix not in NUMBERED_SUBJECTS or not number.isdigit():
            continue
        name, column = NUMBERED_SUBJECTS[prefix]
        statements = printed.get((row["fiscal_year"], row["unit_name"]), {}).get(name, [])
        source = next((s for s in statements if s.get(column) == number), None)
        folder = folders.get((row["fiscal_year"], row["unit_name"]))
        if source is None or folder is None:
            continue
        landed = _landed_row(prefix.split("/")[0], source, _read_csv(folder / f"{name}.csv"))
        if landed is not None:
            row["subject_key"] = f"{prefix}/{landed[column]}"
    columns = list(truth[0]) if truth else ["fiscal_year", "unit_name", "plant", "rule_id", "subject_key", "role",
                                            "detail"]
    with (landing / "ground_truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(truth)


def build_and_score(documents: Path, landing: Path, warehouse: Path) -> dict:
    """Build the ingested landing (dbt, full refresh, no reports) and score its failed checks
    against the ground truth printed with the corpus."""
    from .scoring import score

    rekey_truth(documents, landing)
    env = dict(os.environ, LANDING_PATH=str(landing), WAREHOUSE_PATH=str(warehouse),
               DBT_SEND_ANONYMOUS_USAGE_STATS="False")
    built = subprocess.run([sys.executable, "-m", "final_accounts.cli", "build", "--skip-ingest", "--full-refresh",
                            "--no-reports"], cwd=ROOT, env=env, capture_output=True, text=True)
    if built.returncode != 0:
        raise RuntimeError(f"the build of {landing} failed:\n{built.stdout[-3000:]}\n{built.stderr[-2000:]}")
    return score(warehouse, landing)


def run(target: Path, size: int, seed: int = 1, planted_share: float = 0.2, build: bool = True,
        layout: dict[str, str] | None = None, echo=print) -> dict:
    """Print ``size`` disclosures into ``target/documents``, ingest them into ``target/landing``
    through ``scripts/ingest``, compare the figures, and (``build``) build ``target/warehouse.duckdb``
    and score the planted errors. ``layout`` fixes options for every disclosure (family ->
    option). Returns the measures; ``line`` is the benchmark's summary line. A build that fails
    (misread figures may break the build's own tests) is reported, not raised."""
    from .printing import print_corpus

    target = Path(target)
    documents, landing = target / "documents", target / "landing"
    start = time.perf_counter()
    counts = print_corpus(documents, size, seed=seed, planted_share=planted_share,
                          forced=[layout] * size if layout else None)
    printing = time.perf_counter() - start
    echo(f"corpus-pdf: printed {counts['disclosures']} disclosures ({counts['planted']} planted errors) "
         f"in {printing:.1f} s -> {documents}")
    seconds, done = ingest(documents, landing)
    refused = [line.strip() for line in done.stderr.splitlines() if "not loaded" in line]
    figures = compare_figures(documents, landing)
    echo(f"corpus-pdf: ingested {figures['pages']} pages in {seconds:.1f} s; {figures['exact']} of "
         f"{figures['printed']} printed table figures read exactly on their page "
         f"({figures['wrong_value']} misread, {figures['wrong_page']} on another page, {figures['missing']} missing, "
         f"{figures['extra']} landed but never printed; {figures['labels_misread']} row labels read otherwise)")
    appendix = compare_appendix(documents, landing)
    echo(f"corpus-pdf: {appendix['exact']} of {appendix['cells']} printed appendix cells (项目支出绩效自评表) read "
         f"exactly on their page ({appendix['rows_missing']} rows not landed, {appendix['rows_extra']} landed but "
         f"never printed)")
    figures["problems"].extend(appendix["problems"])
    result = {**figures, "size": size, "ingest_seconds": seconds, "print_seconds": printing, "refused": refused,
              "appendix": appendix,
              "pages_per_s": figures["pages"] / seconds if seconds else 0.0}
    scores = ""
    if build:
        try:
            scored = build_and_score(documents, landing, target / "warehouse.duckdb")
        except RuntimeError as error:
            failed = [line.strip() for line in str(error).splitlines()
                      if "Failure in" in line or "Error in" in line or "FAIL " in line or "duplicate key" in line]
            result["build_error"] = "; ".join(failed[:5]) or str(error)[-500:]
            echo(f"corpus-pdf: the build failed, nothing scored: {result['build_error']}")
            scores = " recall=n/a precision=n/a (build failed)"
        else:
            result.update(scored=scored, recall=scored["recall"], precision=scored["precision"])
            scores = f" recall={result['recall']:.1f}% precision={result['precision']:.1f}%"
            if scored["false_alarms"]:
                split = classify_false_alarms(scored["false_alarms"], figures, documents, landing,
                                              target / "warehouse.duckdb")
                surfaced, genuine = len(split["surfaced"]), len(split["genuine"])
                true_fails = scored["fails"] - surfaced - genuine
                # precision against what was read: the surfaced misreads are true findings
                result.update(surfaced_misreads=split["surfaced"], genuine_false_alarms=split["genuine"],
                              precision_read=100.0 * (true_fails + surfaced) / scored["fails"])
                scores += (f" precision_read={result['precision_read']:.1f}% unplanted={surfaced + genuine}"
                           f" (surfaced_misreads={surfaced} genuine_false_alarms={genuine})")
    if any(figure["manifest"]["layout"].get("medium") == "scanned" for figure in figures["off"]):
        result["misreads"] = misread_cases(figures, target / "warehouse.duckdb" if "scored" in result else None)
    chosen = "".join(f" {family}={option}" for family, option in sorted((layout or {}).items()))
    result["line"] = (f"corpus-pdf {size}:{chosen} disclosures={size} pages={figures['pages']} refused={len(refused)} "
                      f"figures_exact={figures['exact_share']:.2f}% appendix_cells_exact={appendix['exact_share']:.2f}% "
                      f"labels_misread={figures['labels_misread']}{scores} pages_per_s={result['pages_per_s']:.2f}")
    return result
