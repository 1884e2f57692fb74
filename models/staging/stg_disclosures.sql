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
        {{ integer_value('internal_department_count_text') }} as internal_department_count,
        {{ integer_value('consolidated_unit_count_text') }} as consolidated_unit_count
    from source
)

select * from renamed
