-- The nine standard tables of every loaded document: found by title or not, where,
-- rows and figures landed, and the empty-table statement if the document prints one.
with source as (
    select * from {{ source('landing', 'table_presence') }}
),

renamed as (
    select
        document_sha256,
        {{ disclosure_key() }},
        table_code,
        table_type,
        standard_title,
        nullif(title_as_printed, '') as title_as_printed,
        nullif(number_as_printed, '') as number_as_printed,
        nullif(printed_at, '') as printed_at,
        presence,
        {{ integer_value('rows_landed') }} as rows_landed,
        {{ integer_value('figures_landed') }} as figures_landed,
        nullif(empty_note, '') as empty_note
    from source
)

select * from renamed
