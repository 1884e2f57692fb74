-- The per-项 accounts of the narrative (情况说明 五（三）) with their 项 code: the reference
-- classification resolves the printed 类/款/项 names (stg_narrative_function_budget);
-- a name the reference does not hold (it lists the codes met so far, not the whole
-- catalogue) is resolved against the disclosure's own 一般公共预算财政拨款支出决算表,
-- 款 within its 类 and 项 within its 款, as the document prints them.
with items as (
    select * from {{ ref('stg_narrative_function_budget') }}
),

printed as (
    select fiscal_year, unit_name, function_code, name_as_printed, code_level, parent_code
    from {{ ref('stg_gk05_general_budget_expenditure') }}
    where function_code is not null
),

resolved as (
    select
        items.* exclude (class_code, kuan_code, function_code),
        coalesce(items.class_code, printed_class.function_code) as class_code,
        coalesce(items.kuan_code, printed_kuan.function_code) as kuan_code,
        coalesce(items.function_code, printed_xiang.function_code) as function_code,
        case
            when items.function_code is not null then 'reference'
            when printed_xiang.function_code is not null then 'printed_table'
        end as code_resolved_by
    from items
    left join printed as printed_class
        on items.function_code is null
        and printed_class.fiscal_year = items.fiscal_year and printed_class.unit_name = items.unit_name
        and printed_class.code_level = '类'
        and {{ names_match('items.class_name', 'printed_class.name_as_printed') }}
    left join printed as printed_kuan
        on items.function_code is null
        and printed_kuan.fiscal_year = items.fiscal_year and printed_kuan.unit_name = items.unit_name
        and printed_kuan.code_level = '款'
        and printed_kuan.parent_code = coalesce(items.class_code, printed_class.function_code)
        and {{ names_match('items.kuan_name', 'printed_kuan.name_as_printed') }}
    left join printed as printed_xiang
        on items.function_code is null
        and printed_xiang.fiscal_year = items.fiscal_year and printed_xiang.unit_name = items.unit_name
        and printed_xiang.code_level = '项'
        and printed_xiang.parent_code = coalesce(items.kuan_code, printed_kuan.function_code)
        and {{ names_match('items.xiang_name', 'printed_xiang.name_as_printed') }}
)

select * from resolved
