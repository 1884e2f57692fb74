-- 公开06 基本支出决算明细表: the printed grid of three (编码, 名称, 决算数) groups per line,
-- unpivoted to one row per filled cell group. Empty groups (layout padding) are not rows;
-- the count of filled groups is reconciled against the seed in tests.
with source as (
    select * from {{ ref('base_gk06_basic_expenditure_by_economic') }}
),

reference as (
    select * from {{ ref('ref_economic_classification') }}
),

cell_groups as (
    {%- for block in [1, 2, 3] %}
    select
        fiscal_year, unit_name, row_no, loaded_from, printed_at,
        {{ block }} as column_block,
        economic_code_{{ block }} as economic_code,
        item_name_{{ block }} as item_name,
        amount_{{ block }} as amount_text
    from source
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as printed_row_no,
        loaded_from,
        printed_at,
        column_block,
        {{ code_clean('economic_code') }} as economic_code,
        trim(item_name) as name_as_printed,
        {{ table_amount_value('amount_text') }} as amount
    from cell_groups
    where coalesce(economic_code, item_name, amount_text) is not null
),

coded as (
    select
        renamed.*,
        case
            when renamed.economic_code is not null then 'code'
            when renamed.name_as_printed = '人员经费合计' then '人员经费合计'
            when renamed.name_as_printed = '公用经费合计' then '公用经费合计'
        end as row_kind,
        {{ economic_code_level('renamed.economic_code') }} as code_level,
        {{ code_parent('renamed.economic_code') }} as parent_code,
        left(renamed.economic_code, 3) as class_code,
        reference.official_name,
        reference.expense_group,
        {{ name_differs_flag('renamed.name_as_printed', 'reference.official_name') }} as name_differs_from_reference
    from renamed
    left join reference
        on renamed.economic_code = reference.economic_code
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('coded') }}
