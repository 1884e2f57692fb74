-- What could not be read from a landed document, one row per problem, with its place:
-- the extractor's read problems (landed read_problems.csv), what it could not place
-- (unplaced.csv, READ-UNPLACED), and the landed rows that break their staging model's
-- integrity spec (READ-REQUIRED / READ-DUPLICATE / READ-VALUE, macros/read_problems.sql).
-- Disclosures the reference transcription covers are read from the seeds, so their
-- documents' problems do not apply. Each row becomes a warn finding (无法核对) of its rule.
-- depends_on: {{ ref('stg_gk01_income_expenditure_summary') }}
-- depends_on: {{ ref('stg_gk02_income_by_function') }}
-- depends_on: {{ ref('stg_gk03_expenditure_by_function') }}
-- depends_on: {{ ref('stg_gk04_fiscal_appropriation_summary') }}
-- depends_on: {{ ref('stg_gk05_general_budget_expenditure') }}
-- depends_on: {{ ref('stg_gk06_basic_expenditure_by_economic') }}
-- depends_on: {{ ref('stg_gk07_government_fund') }}
-- depends_on: {{ ref('stg_gk08_state_capital_expenditure') }}
-- depends_on: {{ ref('stg_gk09_three_public_expenditure') }}
-- depends_on: {{ ref('stg_table_notes') }}
-- depends_on: {{ ref('stg_narrative_figures') }}
-- depends_on: {{ ref('stg_narrative_function_budget') }}
-- depends_on: {{ ref('stg_narrative_project_results') }}
-- depends_on: {{ ref('stg_narrative_comparison_wording') }}
-- depends_on: {{ ref('stg_project_evaluations') }}
-- depends_on: {{ ref('stg_project_funds') }}
-- depends_on: {{ ref('stg_project_fund_management') }}
-- depends_on: {{ ref('stg_project_indicators') }}
with reference_disclosures as (
    select fiscal_year, unit_name from {{ ref('disclosures') }}
),

documents as (
    select document_sha256, source_file from {{ source('landing', 'documents') }}
),

extracted as (
    select
        {{ disclosure_key() }},
        'extract' as found_by,
        nullif(trim(rule_id), '') as rule_id,
        nullif(trim(part), '') as part,
        nullif(trim(table_code), '') as table_code,
        null::varchar as model_name,
        try_cast(nullif(trim(landed.source_page), '') as integer) as source_page,
        try_cast(nullif(trim(landed.source_line), '') as integer) as source_line,
        {{ printed_place('documents.source_file', "nullif(trim(landed.source_page), '')", "nullif(trim(landed.source_line), '')") }}
            as printed_at,
        nullif(trim(printed_text), '') as printed_text,
        nullif(trim(detail), '') as detail,
        try_cast(nullif(trim(landed.problem_no), '') as integer) as landed_problem_no
    from {{ source('landing', 'read_problems') }} as landed
    left join documents
        on landed.document_sha256 = documents.document_sha256
    where {{ not_covered_by_reference('landed', 'reference_disclosures') }}
),

unplaced as (
    select
        {{ disclosure_key() }},
        'extract' as found_by,
        'READ-UNPLACED' as rule_id,
        'table' as part,
        null::varchar as table_code,
        null::varchar as model_name,
        -- the extractor's message names the page or line in its own (English) words
        try_cast(nullif(regexp_extract(message, '(^| )page (\d+)', 2), '') as integer) as source_page,
        try_cast(nullif(regexp_extract(message, '(^| )line (\d+)', 2), '') as integer) as source_line,
        {{ printed_place('documents.source_file', "nullif(regexp_extract(message, '(^| )page (\d+)', 2), '')",
                         "nullif(regexp_extract(message, '(^| )line (\d+)', 2), '')") }} as printed_at,
        null::varchar as printed_text,
        '抽取时无法归位的内容（未作为所印数字落地）：' || message as detail,
        null::integer as landed_problem_no
    from {{ source('landing', 'unplaced') }} as landed
    left join documents
        on landed.document_sha256 = documents.document_sha256
    where {{ not_covered_by_reference('landed', 'reference_disclosures') }}
),

-- a printed cell of a landed document that does not read as a number (its figure is NULL)
rejected_cells as (
    select
        fiscal_year,
        unit_name,
        'staging' as found_by,
        'READ-FIGURE-TEXT' as rule_id,
        case when seed_name like 'narrative%' then 'narrative' else 'table' end as part,
        seed_name as table_code,
        'stg_rejected_cells' as model_name,
        {{ read_place('printed_at', 'page') }} as source_page,
        {{ read_place('printed_at', 'line') }} as source_line,
        printed_at,
        raw_text as printed_text,
        '数字栏' || column_name || '所印“' || raw_text || '”不能读作数字（' || reason || '），该数字按未读出处理' as detail,
        null::integer as landed_problem_no
    from {{ ref('stg_rejected_cells') }}
    where loaded_from = 'document'
),

-- the landed rows that break their model's integrity spec (one block per staging model)
in_staging as (
{{ read_problems_of_layer('stg_') }}
),

all_problems as (
    select * from extracted
    union all by name
    select * from unplaced
    union all by name
    select * from rejected_cells
    union all by name
    select * from in_staging
),

numbered as (
    select
        fiscal_year,
        unit_name,
        row_number() over (
            partition by fiscal_year, unit_name, rule_id
            order by found_by, landed_problem_no, source_page, source_line, model_name, printed_at, printed_text, detail
        ) as problem_no,
        rule_id,
        part,
        table_code,
        model_name,
        source_page,
        source_line,
        printed_at,
        printed_text,
        detail,
        found_by
    from all_problems
)

select * from numbered
