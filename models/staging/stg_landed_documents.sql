-- Every document of the last ingest run, loaded or not: identity read from the document,
-- layout, size, status (loaded / refused / duplicate) and the reason.
with source as (
    select * from {{ source('landing', 'documents') }}
),

renamed as (
    select
        document_sha256,
        source_file,
        file_format,
        {{ integer_value('page_count') }} as page_count,
        {{ integer_value('line_count') }} as line_count,
        {{ integer_value('fiscal_year') }} as fiscal_year,
        nullif(trim(unit_name), '') as unit_name,
        disclosure_kind,
        document_title,
        identity_evidence,
        {{ integer_value('tables_recognised') }} as tables_recognised,
        {{ integer_value('figures_extracted') }} as figures_extracted,
        run_status as ingest_status,
        coalesce(run_reason, reason) as ingest_reason,
        extractor_version
    from source
)

select * from renamed
