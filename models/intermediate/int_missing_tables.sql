-- The standard tables each disclosure does not print, by canonical table type: checks that
-- need one of their figures are 无法核对 (表未印; STRUCT-TABLE reports the missing table once as
-- 不符). A table printed empty with its empty-table statement is not missing: it is nil
-- (int_printed_amounts gives its figures as 0).
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
