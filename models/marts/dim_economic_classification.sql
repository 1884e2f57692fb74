-- 部门预算支出经济分类科目 (类/款) with the 类 name and 人员经费/公用经费 group.
with economic as (
    select * from {{ ref('stg_ref_economic_classification') }}
)

select
    economic.economic_code,
    economic.official_name,
    economic.code_level,
    economic.parent_code,
    economic.class_code,
    class.official_name as class_name,
    economic.expense_group,
    economic.name_source
from economic
left join economic as class
    on class.economic_code = economic.class_code
