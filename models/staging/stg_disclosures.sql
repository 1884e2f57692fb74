-- One row per disclosure document (fiscal year + unit).
with source as (
    select * from {{ ref('disclosures') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        document_title,
        published_text,
        amount_unit,
        source_file,
        cast(internal_department_count_text as integer) as internal_department_count,
        cast(consolidated_unit_count_text as integer) as consolidated_unit_count
    from source
)

select * from renamed
