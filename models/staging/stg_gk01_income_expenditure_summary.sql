-- 公开01 收入支出决算总表: the two printed sides (收入 | 支出) stacked into one row per
-- (side, 行次). 类 rows of the 支出 side ("六、科学技术支出") are mapped to their code.
with source as (
    select * from {{ ref('base_gk01_income_expenditure_summary') }}
),

income_side as (
    select
        fiscal_year, unit_name, row_no, loaded_from, printed_at,
        '收入' as side,
        income_item as item_as_printed,
        income_line_no as line_no_text,
        income_amount as amount_text
    from source
),

expenditure_side as (
    select
        fiscal_year, unit_name, row_no, loaded_from, printed_at,
        '支出' as side,
        expenditure_item as item_as_printed,
        expenditure_line_no as line_no_text,
        expenditure_amount as amount_text
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
        {{ table_amount_value('amount_text') }} as amount
    from both_sides
),

mapped as (
{{ summary_line_mapping('renamed') }}
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('mapped') }}
