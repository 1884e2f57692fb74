-- Reference: the nine standard table types, their landing files, standard titles and the
-- number a 单位决算 conventionally gives them (公开01-09).
with source as (
    select * from {{ ref('ref_table_types') }}
),

renamed as (
    select
        trim(table_type) as table_type,
        trim(landing_code) as landing_code,
        trim(standard_title) as standard_title,
        trim(unit_number) as unit_number,
        {{ integer_value('sort_order') }} as sort_order
    from source
)

select * from renamed
