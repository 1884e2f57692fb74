-- 公开04 财政拨款收入支出决算总表: the two printed sides stacked into one row per
-- (side, 行次); the 支出 side carries its three appropriation columns beside the total.
with source as (
    select * from {{ ref('base_gk04_fiscal_appropriation_summary') }}
),

income_side as (
    select
        fiscal_year, unit_name, row_no, loaded_from, printed_at,
        '收入' as side,
        income_item as item_as_printed,
        income_line_no as line_no_text,
        income_amount as amount_text,
        null as general_budget_text,
        null as government_fund_text,
        null as state_capital_text
    from source
),

expenditure_side as (
    select
        fiscal_year, unit_name, row_no, loaded_from, printed_at,
        '支出' as side,
        expenditure_item,
        expenditure_line_no,
        expenditure_total,
        expenditure_general_budget,
        expenditure_government_fund,
        expenditure_state_capital
    from source
),

both_sides as (
    select * from income_side
    union all
    select * from expenditure_side
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as printed_row_no,
        loaded_from,
        printed_at,
        side,
        {{ integer_value('line_no_text') }} as line_no,
        trim(item_as_printed) as item_as_printed,
        {{ split_ordinal_label('trim(item_as_printed)') }} as ordinal_label,
        {{ strip_ordinal_label('trim(item_as_printed)') }} as item_name,
        -- 收入: 金额; 支出: 合计 and its three appropriation types (万元)
        {{ table_amount_value('amount_text') }} as amount,
        {{ table_amount_value('general_budget_text') }} as general_budget_amount,
        {{ table_amount_value('government_fund_text') }} as government_fund_amount,
        {{ table_amount_value('state_capital_text') }} as state_capital_amount
    from both_sides
),

mapped as (
{{ summary_line_mapping('renamed') }}
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('mapped') }}
