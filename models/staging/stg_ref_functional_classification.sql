-- Reference: functional classification (功能分类 类/款/项).
with source as (
    select * from {{ ref('ref_functional_classification') }}
),

renamed as (
    select
        {{ code_clean('function_code') }} as function_code,
        official_name,
        level as code_level,
        {{ code_clean('parent_code') }} as parent_code,
        left(function_code, 3) as class_code,
        name_source
    from source
)

select * from renamed
