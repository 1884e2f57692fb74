-- Reference: 公开01/04 "序号、类名" -> 类 code.
with source as (
    select * from {{ ref('ref_class_ordinal_map') }}
),

renamed as (
    select
        {{ integer_value('ordinal_no') }} as ordinal_no,
        ordinal_label,
        class_name,
        {{ code_clean('function_code') }} as function_code
    from source
)

select * from renamed
