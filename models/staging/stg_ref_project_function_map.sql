-- Reference (hand judgment): the function code (项) each appendix project is charged to.
with source as (
    select * from {{ ref('ref_project_function_map') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('project_no') }} as project_no,
        {{ code_clean('function_code') }} as function_code,
        basis
    from source
)

select * from renamed
