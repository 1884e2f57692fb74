-- 项目自评表 资金管理情况 rows (安排科学性 / 拨付合规性 / 使用规范性 / 预算绩效管理情况).
with source as (
    select * from {{ ref('base_project_fund_management') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('project_no') }} as project_no,
        {{ integer_value('row_no') }} as item_row_no,
        item_name,
        description,
        {{ number_value('weight_text') }} as weight,
        {{ number_value('score_text') }} as printed_score,
        problems_and_measures,
        transcription_note,
        loaded_from,
        printed_at
    from source
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('renamed') }}
