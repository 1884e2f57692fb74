"""Reading published final-accounts disclosures (单位/部门决算公开) into the landing layer.

One module per concern:

- ``sources``     read a document (PDF with a text layer, or a text export) into text lines
                  and table rows, each with its page or line;
- ``tables``      recognise the nine standard tables by their printed titles and collect
                  their rows, notes and empty-table statements;
- ``layouts``     turn a recognised table's printed grid (either layout: codes joined or split
                  over 类/款/项, with or without 行次/栏次, headers repeated on continuation
                  pages) into the raw shape the staging models read;
- ``identity``    the disclosure's unit name, fiscal year and kind from the document itself;
- ``narrative``   the document read as a whole: every year and every self-reference of the
                  unit printed outside the tables, for the document-wide rules;
- ``extract``     one document from file to landed rows, loaded or refused with a reason;
- ``landing``     write the landed files keyed by disclosure and content hash, skip unchanged
                  documents, replace changed ones;
- ``ingest``      the ``scripts/ingest`` command (parallel over documents, progress, report);
- ``build``       the build: ingestion, scratch ``dbt build``, publish, summary, reports;
- ``cli``         the one command line, ``final-accounts`` (``python -m final_accounts.cli``),
                  whose subcommands the ``scripts/`` wrappers call.
"""

__all__ = ["build", "cli", "extract", "identity", "ingest", "landing", "layouts", "narrative", "sources", "tables"]
