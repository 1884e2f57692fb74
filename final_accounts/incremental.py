"""Incremental builds, keyed by disclosure.

A warehouse of thousands of disclosures should not be rebuilt because one late document
arrived. Every model and test is computed per disclosure (fiscal year + unit) except the
reference tables, so a build can be split:

1. **Plan** (``plan``): compare the landing folders (name and a signature of their files) with
   the ones the previous warehouse was built from (table ``build.landing_folders``). Folders that
   are new or changed are built; disclosures of folders that are gone or changed are stale. The
   same unit's disclosures of the year before and after a changed one are built again too
   (``N-PREVIOUS-YEAR`` compares consecutive years).
2. **Delta build**: ``dbt build`` runs on a landing holding only those folders (links, not
   copies), into a separate database: the cost of building those disclosures alone.
3. **Merge** (``merge``): in a copy of the previous warehouse, every relation keyed by disclosure
   (it has ``fiscal_year`` and ``unit_name``) loses the rows of the rebuilt and stale disclosures
   and receives the delta's rows; every other relation (reference seeds, classification dims,
   test results without a disclosure key) is replaced by the delta's, which was built by the
   same code from the same seeds. A replaced disclosure therefore leaves none of its old rows.

A full build is made instead when there is no previous warehouse, when the code that builds it
(models, macros, seeds, project file, package) differs from the previous build's
(``code_fingerprint``), or on ``--full-refresh``.
"""
from __future__ import annotations

import csv
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
STATE_SCHEMA = "build"
SCHEMA_FOLDER = "_schema"


def code_fingerprint(root: Path = ROOT) -> str:
    """A hash of everything that decides what a build computes from a landing folder."""
    digest = hashlib.sha256()
    # the project's dbt code: models, macros, seeds, generic tests and the singular tests
    # (tests/*.sql; not tests/python, which builds nothing)
    paths = [path for folder in ("models", "macros", "seeds", "tests/generic", "final_accounts")
             for path in ((root / folder).rglob("*") if (root / folder).exists() else [])]
    paths += list((root / "tests").glob("*.sql")) + list((root / "tests").glob("*.yml"))
    for path in sorted(paths):
        if path.is_file() and path.suffix in (".sql", ".yml", ".csv", ".py", ".md"):  # .md: dbt doc blocks
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    for name in ("dbt_project.yml", "profiles.yml"):
        if (root / name).exists():
            digest.update((root / name).read_bytes())
    return digest.hexdigest()[:16]


def folder_signature(folder: Path) -> str:
    """Names, sizes and modification times of a landing folder's files."""
    parts = []
    for path in sorted(folder.iterdir()):
        stat = path.stat()
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def manifest_signature(landing: Path) -> str:
    """The documents of the run that were not loaded (refused, duplicate): they are in the
    warehouse through the manifest only, so a change there rebuilds everything."""
    path = landing / "documents.csv"
    if not path.exists():
        return ""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = sorted("|".join(row.values()) for row in csv.DictReader(handle) if row.get("run_status") != "loaded")
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


def folder_disclosures(folder: Path) -> set[tuple[int, str]]:
    """The disclosures (fiscal year, unit) a landing folder holds, from its document.csv."""
    path = folder / "document.csv"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8", newline="") as handle:
        return {(int(row["fiscal_year"]), row["unit_name"].strip()) for row in csv.DictReader(handle)
                if row.get("fiscal_year", "").strip().isdigit()}


@dataclass
class Plan:
    mode: str  # "full", "incremental" or "unchanged"
    reason: str
    folders: dict[str, str] = field(default_factory=dict)  # every current folder -> signature
    build_folders: list[str] = field(default_factory=list)  # folders the delta build reads
    rebuilt: set[tuple[int, str]] = field(default_factory=set)  # disclosures the delta holds
    stale: set[tuple[int, str]] = field(default_factory=set)  # disclosures whose old rows go
    disclosures_by_folder: dict[str, set[tuple[int, str]]] = field(default_factory=dict)


def current_folders(landing: Path) -> dict[str, str]:
    published = landing / "disclosures"
    if not published.exists():
        return {}
    return {folder.name: folder_signature(folder) for folder in sorted(published.iterdir())
            if folder.is_dir() and folder.name != SCHEMA_FOLDER and not folder.name.startswith(".")}


def previous_state(warehouse: Path) -> tuple[str | None, dict[str, tuple[str, set[tuple[int, str]]]]]:
    """The build fingerprint (code and manifest) and landing folders (signature, disclosures)
    of the last build."""
    if not warehouse.exists():
        return None, {}
    try:
        connection = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return None, {}
    try:
        fingerprint = connection.execute(f"select code_fingerprint from {STATE_SCHEMA}.build_info").fetchone()[0]
        rows = connection.execute(
            f"select folder, signature, fiscal_year, unit_name from {STATE_SCHEMA}.landing_folders").fetchall()
    except duckdb.Error:
        return None, {}
    finally:
        connection.close()
    folders: dict[str, tuple[str, set[tuple[int, str]]]] = {}
    for folder, signature, year, unit in rows:
        entry = folders.setdefault(folder, (signature, set()))
        if year is not None:
            entry[1].add((int(year), unit))
    return fingerprint, folders


def plan(landing: Path, warehouse: Path, full_refresh: bool = False) -> Plan:
    folders = current_folders(landing)
    fingerprint, previous = previous_state(warehouse)
    by_folder = {name: folder_disclosures(landing / "disclosures" / name) for name in folders}
    if full_refresh:
        return Plan("full", "--full-refresh", folders, sorted(folders), disclosures_by_folder=by_folder)
    if fingerprint is None:
        return Plan("full", "no previous incremental-ready warehouse", folders, sorted(folders),
                    disclosures_by_folder=by_folder)
    if fingerprint != build_fingerprint(landing):
        return Plan("full", "the models, macros, seeds, package or refused documents changed since the last "
                    "build", folders, sorted(folders), disclosures_by_folder=by_folder)
    changed = [name for name, signature in folders.items()
               if name not in previous or previous[name][0] != signature]
    gone = [name for name in previous if name not in folders or name in changed]
    if not changed and not gone:
        return Plan("unchanged", "no landing folder changed since the last build", folders,
                    disclosures_by_folder=by_folder)
    stale = set().union(*(previous[name][1] for name in gone)) if gone else set()
    rebuilt = set().union(*(by_folder[name] for name in changed)) if changed else set()
    # the same unit's neighbouring years are built again (N-PREVIOUS-YEAR reads both years)
    touched_units = {(year, unit) for year, unit in rebuilt | stale}
    neighbours = {(year + step, unit) for year, unit in touched_units for step in (-1, 1)}
    build = set(changed)
    for name, held in by_folder.items():
        if held & neighbours:
            build.add(name)
    rebuilt = set().union(*(by_folder[name] for name in build)) if build else set()
    return Plan("incremental", f"{len(changed)} new or changed and {len(gone) - len(set(gone) & set(changed))} "
                f"removed landing folder(s)", folders, sorted(build), rebuilt, stale, by_folder)


def delta_landing(landing: Path, plan_: Plan, target: Path) -> Path:
    """A landing root holding only the folders to build (symbolic links) and their manifest rows."""
    if target.exists():
        shutil.rmtree(target)
    published = target / "disclosures"
    published.mkdir(parents=True)
    os.symlink((landing / "disclosures" / SCHEMA_FOLDER).resolve(), published / SCHEMA_FOLDER)
    hashes = set()
    for name in plan_.build_folders:
        source = (landing / "disclosures" / name).resolve()
        os.symlink(source, published / name)
        with (source / "document.csv").open(encoding="utf-8", newline="") as handle:
            hashes.update(row["document_sha256"] for row in csv.DictReader(handle))
    with (landing / "documents.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = [row for row in reader if row["document_sha256"] in hashes or row.get("run_status") != "loaded"]
        columns = reader.fieldnames or []
    with (target / "documents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def relations(connection: duckdb.DuckDBPyConnection, catalog: str) -> dict[tuple[str, str], list[str]]:
    rows = connection.execute(
        "select table_schema, table_name, list(column_name order by ordinal_position) "
        "from information_schema.columns where table_catalog = ? and table_schema <> ? "
        "group by table_schema, table_name", [catalog, STATE_SCHEMA]).fetchall()
    return {(schema, name): columns for schema, name, columns in rows}


def merge(warehouse: Path, delta: Path, plan_: Plan, landing: Path) -> dict:
    """Merge the delta build into the warehouse copy, in one transaction."""
    connection = duckdb.connect(str(warehouse))
    counts = {"keyed": 0, "replaced": 0, "deleted_rows": 0, "inserted_rows": 0}
    try:
        connection.execute(f"attach '{delta}' as delta (read_only)")
        catalog = connection.execute("select current_database()").fetchone()[0]
        target_relations = relations(connection, catalog)
        delta_relations = relations(connection, "delta")
        kinds = dict(connection.execute(
            "select table_schema || '.' || table_name, table_type from information_schema.tables "
            "where table_catalog = 'delta'").fetchall())
        connection.execute("begin transaction")
        affected = sorted(plan_.rebuilt | plan_.stale)
        connection.execute("create temp table affected (fiscal_year integer, unit_name varchar)")
        if affected:
            connection.executemany("insert into affected values (?, ?)", affected)
        for (schema, name), columns in sorted(delta_relations.items()):
            qualified = f'"{schema}"."{name}"'
            if kinds.get(f"{schema}.{name}") == "VIEW":
                continue
            if (schema, name) not in target_relations or target_relations[(schema, name)] != columns:
                connection.execute(f"create schema if not exists \"{schema}\"")
                connection.execute(f"create or replace table {qualified} as select * from delta.{qualified}")
                counts["replaced"] += 1
                continue
            if "fiscal_year" in columns and "unit_name" in columns:
                key = "(try_cast(fiscal_year as integer), trim(unit_name))"
                deleted = connection.execute(
                    f"delete from {qualified} where {key} in (select (fiscal_year, unit_name) from affected)"
                ).fetchone()[0]
                inserted = connection.execute(
                    f"insert into {qualified} select * from delta.{qualified} "
                    f"where {key} in (select (fiscal_year, unit_name) from affected)").fetchone()[0]
                counts["keyed"] += 1
                counts["deleted_rows"] += deleted
                counts["inserted_rows"] += inserted
            else:
                connection.execute(f"delete from {qualified}")
                connection.execute(f"insert into {qualified} select * from delta.{qualified}")
                counts["replaced"] += 1
        record_state(connection, plan_, landing)
        connection.execute("commit")
        connection.execute("detach delta")
        connection.execute("checkpoint")
    finally:
        connection.close()
    return counts


def build_fingerprint(landing: Path) -> str:
    return f"{code_fingerprint()}:{manifest_signature(landing)}"


def record_state(connection: duckdb.DuckDBPyConnection, plan_: Plan, landing: Path) -> None:
    """Which landing folders (and their disclosures) the warehouse was built from, and by what code."""
    connection.execute(f"create schema if not exists {STATE_SCHEMA}")
    connection.execute(f"create or replace table {STATE_SCHEMA}.build_info as select ? as code_fingerprint, "
                       "current_timestamp as built_at", [build_fingerprint(landing)])
    connection.execute(f"create or replace table {STATE_SCHEMA}.landing_folders "
                       "(folder varchar, signature varchar, fiscal_year integer, unit_name varchar)")
    rows = []
    for folder, signature in plan_.folders.items():
        held = plan_.disclosures_by_folder.get(folder) or {(None, None)}
        rows.extend((folder, signature, year, unit) for year, unit in sorted(held, key=str))
    if rows:
        connection.executemany(f"insert into {STATE_SCHEMA}.landing_folders values (?, ?, ?, ?)", rows)


def record_full_build(warehouse: Path, plan_: Plan, landing: Path) -> None:
    connection = duckdb.connect(str(warehouse))
    try:
        record_state(connection, plan_, landing)
    finally:
        connection.close()
