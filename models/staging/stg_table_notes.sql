-- Notes (注) and statements (说明) printed under the nine tables: the reference
-- transcription's, and those read from every landed document it does not cover. Tables
-- are keyed by their canonical type (the reference transcription of a 单位决算 names them
-- by their printed number 公开01-09; landed notes by their landing code).
with table_types as (
    select * from {{ ref('stg_ref_table_types') }}
),

reference_notes as (
    select
        seed_notes.* exclude (table_code),
        table_types.table_type as table_code,
        'reference' as loaded_from
    from {{ ref('table_notes') }} as seed_notes
    left join table_types
        on seed_notes.table_code = table_types.unit_number
),

landed_notes as (
    select
        fiscal_year, unit_name,
        table_types.table_type as table_code,
        landed.table_title, landed.note_kind, landed.note_text, landed.printed_at,
        'document' as loaded_from
    from {{ source('landing', 'table_notes') }} as landed
    left join table_types
        on landed.table_code = table_types.landing_code
    where {{ not_covered_by_reference('landed', ref('disclosures')) }}
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
        row_number() over (partition by fiscal_year, unit_name, table_code, note_kind order by {{ printed_order('printed_at') }}, printed_at, note_text) as note_no,
        note_text,
        printed_at,
        loaded_from,
        note_text like '%本表无数据%' as states_table_empty
    from source
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('renamed') }}
