-- 项目自评表 绩效指标 rows, with 年度指标值 and 实际完成值 parsed into comparator,
-- numeric value and unit (the printed text is kept beside them).
with source as (
    select * from {{ ref('base_project_indicators') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('project_no') }} as project_no,
        {{ integer_value('row_no') }} as indicator_row_no,
        -- indicator hierarchy
        level1_indicator,
        level2_indicator,
        level3_indicator,
        -- target as printed and parsed
        target_text,
        {{ indicator_comparator('target_text') }} as target_comparator,
        {{ indicator_comparator_printed('target_text') }} as target_comparator_printed,
        {{ indicator_value('target_text') }} as target_value,
        {{ indicator_unit('target_text') }} as target_unit,
        -- actual as printed and parsed
        actual_text,
        {{ indicator_comparator('actual_text') }} as actual_comparator,
        {{ indicator_value('actual_text') }} as actual_value,
        {{ indicator_unit('actual_text') }} as actual_unit,
        -- scoring
        {{ number_value('weight_text') }} as weight,
        {{ number_value('score_text') }} as printed_score,
        {{ number_value('deviation_text', allow_negative=true) }} as printed_deviation_pct,
        deviation_reason,
        transcription_note,
        loaded_from,
        printed_at
    from source
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('renamed') }}
