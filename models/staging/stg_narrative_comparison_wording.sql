-- The words the narrative uses to compare 决算 with 预算 / 年初预算 ("持平", "小于",
-- "存在差异" …) or with the previous year ("与2023年度持平"), outside the per-项
-- paragraphs (those carry their word in stg_narrative_function_budget), with the reason.
with source as (
    select * from {{ ref('base_narrative_comparison_wording') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('row_no') }} as printed_row_no,
        trim(topic) as topic,
        trim(subject_key) as subject_key,
        subject,
        trim(compared_with) as compared_with,
        trim(wording) as stated_wording,
        -- the budget the word compares with (vocab_budget_bases); the reference transcriptions
        -- compare with 年初预算 (一般公共预算) or the printed 预算数 ("三公")
        case when compared_with <> 'previous_year'
             then coalesce(nullif(trim(budget_basis), ''), case when topic = 'general_budget' then 'initial_budget' else 'budget' end)
        end as budget_basis,
        nullif(trim(stated_reason), '') as stated_reason,
        quoted_phrase,
        loaded_from,
        printed_at
    from source
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('renamed') }}
