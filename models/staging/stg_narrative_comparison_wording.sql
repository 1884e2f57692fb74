-- 情况说明 九: the wording comparing each "三公" category's 决算 with its 预算
-- ("持平" / "存在差异") and the reason stated.
with source as (
    select * from {{ ref('narrative_comparison_wording') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as printed_row_no,
        trim(expense_item) as expense_item,
        subject,
        trim(wording) as stated_wording,
        nullif(trim(stated_reason), '') as stated_reason,
        quoted_phrase
    from source
)

select * from renamed
