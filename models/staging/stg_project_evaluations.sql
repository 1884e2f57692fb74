-- 项目支出绩效自评表 headers: one row per appendix project table.
with source as (
    select * from {{ ref('base_project_evaluations') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('project_no') }} as project_no,
        table_title,
        form_date_text,
        project_name,
        competent_department,
        implementing_unit,
        goal_expected,
        goal_actual,
        {{ number_value('total_weight_text') }} as total_weight,
        {{ number_value('total_score_text') }} as printed_total_score,
        transcription_note,
        loaded_from,
        printed_at
    from source
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('renamed') }}
