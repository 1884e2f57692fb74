-- 第三部分 十三（二）: each project's stated total score, grade and execution rate.
-- project_no comes from the hand-checked crosswalk to the appendix tables, else from the
-- appendix project of the same disclosure with the same name once the unit-name prefix,
-- the year and blanks are set aside (how N-PROJECT-NAME compares names).
with source as (
    select * from {{ ref('base_narrative_project_results') }}
),

crosswalk as (
    select * from {{ ref('ref_project_name_crosswalk') }}
),

appendix_projects as (
    select
        fiscal_year,
        unit_name,
        project_no,
        {{ project_name_key('project_name', 'unit_name') }} as name_key
    from {{ ref('base_project_evaluations') }}
),

renamed as (
    select
        {{ disclosure_key('source.fiscal_year', 'source.unit_name') }},
        {{ integer_value('source.row_no') }} as printed_row_no,
        source.project_name_as_stated,
        {{ integer_value('coalesce(crosswalk.project_no, appendix_projects.project_no)') }} as project_no,
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
    left join appendix_projects
        on crosswalk.project_no is null
        and source.fiscal_year = appendix_projects.fiscal_year
        and source.unit_name = appendix_projects.unit_name
        and {{ project_name_key('source.project_name_as_stated', 'source.unit_name') }} = appendix_projects.name_key
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('renamed') }}
