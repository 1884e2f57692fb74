-- One row per disclosure (fiscal year × unit) in the warehouse, with where it came from
-- (the reference transcription or a landed document), its layout, its tables and how its
-- checks came out.
with reference_disclosures as (
    select * from {{ ref('stg_disclosures') }}
),

documents as (
    select * from {{ ref('stg_landed_documents') }}
    where ingest_status = 'loaded'
),

presence as (
    select * from {{ ref('stg_table_presence') }}
),

checks as (
    select * from {{ ref('int_reconciliation_checks') }}
),

reference_rows as (
    select
        reference_disclosures.fiscal_year,
        reference_disclosures.unit_name,
        reference_disclosures.document_title,
        reference_disclosures.published_text,
        reference_disclosures.amount_unit,
        '参考转录（seeds，手工逐格转录）' as loaded_from,
        reference_disclosures.source_file,
        documents.document_sha256,
        coalesce(documents.disclosure_kind, '单位决算') as disclosure_kind,
        coalesce(documents.file_format, 'text') as file_format,
        documents.page_count,
        reference_disclosures.internal_department_count,
        reference_disclosures.consolidated_unit_count
    from reference_disclosures
    left join documents
        on reference_disclosures.fiscal_year = documents.fiscal_year
        and reference_disclosures.unit_name = documents.unit_name
),

document_rows as (
    select
        documents.fiscal_year,
        documents.unit_name,
        documents.document_title,
        null::varchar as published_text,
        '万元' as amount_unit,
        '公开文件抽取（landing）' as loaded_from,
        documents.source_file,
        documents.document_sha256,
        documents.disclosure_kind,
        documents.file_format,
        documents.page_count,
        null::integer as internal_department_count,
        null::integer as consolidated_unit_count
    from documents
    where {{ not_covered_by_reference('documents', 'reference_disclosures') }}
),

disclosures as (
    select * from reference_rows
    union all
    select * from document_rows
),

table_counts as (
    select fiscal_year, unit_name,
        count(*) filter (where presence in ('present', 'empty_with_note')) as tables_present,
        count(*) filter (where presence = 'missing') as tables_missing
    from presence
    group by all
),

narrative_coverage as (
    select fiscal_year, unit_name,
        count(*) filter (where coverage_status = 'found') as narrative_kinds_found,
        count(*) as narrative_kinds_expected,
        string_agg(description, '；' order by sort_order) filter (where coverage_status = 'missing') as narrative_kinds_missing,
        (sum(statements_found))::bigint as narrative_statements
    from {{ ref('int_narrative_coverage') }}
    group by all
),

check_counts as (
    select fiscal_year, unit_name,
        count(*) as checks_evaluated,
        count(*) filter (where status = 'pass') as checks_pass,
        count(*) filter (where status = 'rounding') as checks_rounding,
        count(*) filter (where status = 'fail' and severity = 'error') as checks_fail_error,
        count(*) filter (where status = 'fail' and severity = 'warn') as checks_fail_warn,
        -- read problems (READ-*, also 无法核对) are counted apart, in read_problems
        count(*) filter (where status = 'not_evaluable' and not starts_with(rule_id, 'READ-')) as checks_not_evaluable
    from checks
    group by all
)
,

-- what could not be read from the disclosure's document (stg_read_problems; READ-* findings)
read_problem_counts as (
    select fiscal_year, unit_name, count(*) as read_problems
    from {{ ref('int_read_problems') }}
    group by all
)

select
    disclosures.fiscal_year,
    disclosures.unit_name,
    disclosures.document_title,
    disclosures.published_text,
    disclosures.amount_unit,
    disclosures.loaded_from,
    disclosures.source_file,
    disclosures.document_sha256,
    disclosures.disclosure_kind,
    disclosures.file_format,
    disclosures.page_count,
    disclosures.internal_department_count,
    disclosures.consolidated_unit_count,
    table_counts.tables_present,
    table_counts.tables_missing,
    coalesce(narrative_coverage.narrative_statements, 0) as narrative_statements,
    coalesce(narrative_coverage.narrative_kinds_found, 0) as narrative_kinds_found,
    coalesce(narrative_coverage.narrative_kinds_expected, 0) as narrative_kinds_expected,
    narrative_coverage.narrative_kinds_missing,
    coalesce(check_counts.checks_evaluated, 0) as checks_evaluated,
    coalesce(check_counts.checks_pass, 0) as checks_pass,
    coalesce(check_counts.checks_rounding, 0) as checks_rounding,
    coalesce(check_counts.checks_fail_error, 0) as checks_fail_error,
    coalesce(check_counts.checks_fail_warn, 0) as checks_fail_warn,
    coalesce(check_counts.checks_not_evaluable, 0) as checks_not_evaluable,
    coalesce(read_problem_counts.read_problems, 0) as read_problems
from disclosures
left join table_counts
    on disclosures.fiscal_year = table_counts.fiscal_year and disclosures.unit_name = table_counts.unit_name
left join narrative_coverage
    on disclosures.fiscal_year = narrative_coverage.fiscal_year and disclosures.unit_name = narrative_coverage.unit_name
left join check_counts
    on disclosures.fiscal_year = check_counts.fiscal_year and disclosures.unit_name = check_counts.unit_name
left join read_problem_counts
    on disclosures.fiscal_year = read_problem_counts.fiscal_year and disclosures.unit_name = read_problem_counts.unit_name
