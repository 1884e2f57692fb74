-- The standard tables each disclosure does not print, by canonical table type: checks that
-- need one of their figures are left out (STRUCT-TABLE reports the missing table once).
with presence as (
    select * from {{ ref('stg_table_presence') }}
),

table_types as (
    select * from {{ ref('stg_ref_table_types') }}
),

missing as (
    select presence.fiscal_year, presence.unit_name, table_types.table_type
    from presence
    inner join table_types
        on presence.table_code = table_types.landing_code
    where presence.presence = 'missing'
)

select * from missing
