-- 项目自评表 项目资金 rows. Fund sources are normalised: the newer forms print
-- "其中：政府预算资金" where the older print "财政拨款"; both are fiscal appropriation.
with source as (
    select * from {{ ref('base_project_funds') }}
),

renamed as (
    select
        {{ disclosure_key() }},
        {{ integer_value('project_no') }} as project_no,
        {{ integer_value('row_no') }} as fund_row_no,
        fund_source_as_printed,
        case
            when fund_source_as_printed like '%年度资金总额%' then 'total'
            when fund_source_as_printed like '%财政拨款%'
              or fund_source_as_printed like '%政府预算资金%' then 'fiscal_appropriation'
            when fund_source_as_printed like '%财政专户管理资金%' then 'special_account'
            when fund_source_as_printed like '%单位资金%' then 'unit_funds'
            when fund_source_as_printed like '%上年结转%' then 'carried_over'
            when fund_source_as_printed like '%其他资金%' then 'other_funds'
        end as fund_source,
        -- amounts (万元; some cells print the unit)
        {{ number_value('initial_budget_text', suffixes=['万元']) }} as initial_budget,
        {{ number_value('annual_budget_text', suffixes=['万元']) }} as annual_budget,
        {{ number_value('executed_text', suffixes=['万元']) }} as executed_amount,
        -- scoring
        {{ number_value('weight_text') }} as weight,
        {{ number_value('execution_rate_text', suffixes=['%']) }} as printed_execution_rate_pct,
        {{ number_decimals('execution_rate_text', suffixes=['%']) }} as printed_execution_rate_decimals,
        {{ number_value('score_text') }} as printed_score,
        transcription_note,
        loaded_from,
        printed_at
    from source
),

-- one row per key: the first printed of a key read twice (macros/read_problems.sql)
{{ first_read('renamed') }}
