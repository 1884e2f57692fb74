-- 支出功能分类科目 (类/款/项) with the names of the 类 and 款 above each code.
with functional as (
    select * from {{ ref('stg_ref_functional_classification') }}
)

select
    functional.function_code,
    functional.official_name,
    functional.code_level,
    functional.parent_code,
    functional.class_code,
    class.official_name as class_name,
    case when functional.code_level in ('款', '项') then left(functional.function_code, 5) end as kuan_code,
    kuan.official_name as kuan_name,
    functional.name_source
from functional
left join functional as class
    on class.function_code = functional.class_code
left join functional as kuan
    on functional.code_level in ('款', '项') and kuan.function_code = left(functional.function_code, 5)
