-- Notes (注) and statements (说明) printed under 公开01-09.
with source as (
    select * from {{ ref('table_notes') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        table_code,
        table_title,
        note_kind,
        note_text,
        note_text like '%本表无数据%' as states_table_empty
    from source
)

select * from renamed
