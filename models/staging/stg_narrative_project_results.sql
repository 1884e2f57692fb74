-- 第三部分 十三（二）: each project's stated total score, grade and execution rate.
-- project_no comes from the hand-checked crosswalk to the appendix tables.
with source as (
    select * from {{ ref('base_narrative_project_results') }}
),

crosswalk as (
    select * from {{ ref('ref_project_name_crosswalk') }}
),

renamed as (
    select
        {{ disclosure_key('source.fiscal_year', 'source.unit_name') }},
        {{ integer_value('source.row_no') }} as printed_row_no,
        source.project_name_as_stated,
        {{ integer_value('crosswalk.project_no') }} as project_no,
        {{ number_value('source.total_score_text') }} as stated_total_score,
        source.grade as stated_grade,
        {{ number_value('source.execution_rate_text', suffixes=['%']) }} as stated_execution_rate_pct,
        {{ number_decimals('source.execution_rate_text', suffixes=['%']) }} as stated_execution_rate_decimals,
        source.stated_outcome,
        source.loaded_from,
        source.printed_at
    from source
    left join crosswalk
        on source.project_name_as_stated = crosswalk.project_name_as_stated
)

select * from renamed
