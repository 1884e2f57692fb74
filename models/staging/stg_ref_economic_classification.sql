-- Reference: economic classification (经济分类 类/款), as printed in 公开06.
with source as (
    select * from {{ ref('ref_economic_classification') }}
),

renamed as (
    select
        {{ code_clean('economic_code') }} as economic_code,
        official_name,
        level as code_level,
        {{ code_clean('parent_code') }} as parent_code,
        left(economic_code, 3) as class_code,
        expense_group,
        name_source
    from source
)

select * from renamed
