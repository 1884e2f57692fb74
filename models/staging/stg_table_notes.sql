-- Notes (注) and statements (说明) printed under the nine tables: the reference
-- transcription's, and those read from every landed document it does not cover. Tables
-- are named by their 单位决算 number (公开01-09), the key the rules use.
with reference_notes as (
    select *, 'reference' as loaded_from from {{ ref('table_notes') }}
),

landed_notes as (
    select
        fiscal_year, unit_name,
        '公开0' || substr(table_code, 4, 1) as table_code,
        table_title, note_kind, note_text, printed_at,
        'document' as loaded_from
    from {{ source('landing', 'table_notes') }} as landed
    where not exists (
        select 1 from reference_notes
        where reference_notes.fiscal_year = landed.fiscal_year and reference_notes.unit_name = landed.unit_name
    )
),

source as (
    select * from reference_notes
    union all by name
    select * from landed_notes
),

renamed as (
    select
        {{ disclosure_key() }},
        table_code,
        table_title,
        note_kind,
        row_number() over (partition by fiscal_year, unit_name, table_code, note_kind order by printed_at, note_text) as note_no,
        note_text,
        printed_at,
        loaded_from,
        note_text like '%本表无数据%' as states_table_empty
    from source
)

select * from renamed
