-- One row per project self-evaluation table (附件): its 年度资金总额 row, the sums of its
-- 资金管理 and 绩效指标 rows (printed and recomputed), printed total score and grade band,
-- the narrative's statement about it, and the function code the project is charged to
-- (hand judgment, ref_project_function_map).
with evaluations as (
    select * from {{ ref('stg_project_evaluations') }}
),

funds as (
    select * from {{ ref('stg_project_funds') }}
),

narrative as (
    select * from {{ ref('stg_narrative_project_results') }}
),

function_map as (
    select * from {{ ref('stg_ref_project_function_map') }}
),

management as (
    select * from {{ ref('stg_project_fund_management') }}
),

indicator_scores as (
    select * from {{ ref('int_indicator_scores') }}
),

management_sums as (
    select fiscal_year, unit_name, project_no,
        sum(weight) as management_weight,
        count(*) filter (where weight is null) as unprinted_management_weights,
        sum(printed_score) as printed_management_score,
        count(printed_score) as management_score_count,
        string_agg(item_name, '、' order by item_row_no) as management_items
    from management
    group by fiscal_year, unit_name, project_no
),

indicator_sums as (
    select fiscal_year, unit_name, project_no,
        sum(weight) as indicator_weight,
        sum(printed_score) as printed_indicator_score,
        count(printed_score) as indicator_score_count,
        sum(recomputed_score) as recomputed_indicator_score,
        count(*) filter (where recomputed_score is null) as unscorable_indicators
    from indicator_scores
    group by fiscal_year, unit_name, project_no
),

fund_totals as (
    select
        fiscal_year, unit_name, project_no,
        initial_budget, annual_budget, executed_amount,
        weight as execution_weight,
        printed_execution_rate_pct,
        printed_execution_rate_decimals,
        printed_score as printed_execution_score
    from funds
    where fund_source = 'total'
),

joined as (
    select
        evaluations.fiscal_year,
        evaluations.unit_name,
        evaluations.project_no,
        evaluations.project_name,
        narrative.project_name_as_stated,
        function_map.function_code,
        fund_totals.initial_budget,
        fund_totals.annual_budget,
        fund_totals.executed_amount,
        fund_totals.execution_weight,
        fund_totals.printed_execution_rate_pct,
        fund_totals.printed_execution_rate_decimals,
        fund_totals.printed_execution_score,
        management_sums.management_weight,
        management_sums.unprinted_management_weights,
        management_sums.printed_management_score,
        management_sums.management_score_count,
        management_sums.management_items,
        indicator_sums.indicator_weight,
        indicator_sums.printed_indicator_score,
        indicator_sums.indicator_score_count,
        indicator_sums.recomputed_indicator_score,
        indicator_sums.unscorable_indicators,
        evaluations.total_weight,
        evaluations.printed_total_score,
        {{ grade_band('evaluations.printed_total_score') }} as printed_total_grade,
        narrative.stated_total_score,
        narrative.stated_grade,
        narrative.stated_execution_rate_pct,
        narrative.stated_execution_rate_decimals
    from evaluations
    left join fund_totals
        on evaluations.fiscal_year = fund_totals.fiscal_year
        and evaluations.unit_name = fund_totals.unit_name
        and evaluations.project_no = fund_totals.project_no
    left join narrative
        on evaluations.fiscal_year = narrative.fiscal_year
        and evaluations.unit_name = narrative.unit_name
        and evaluations.project_no = narrative.project_no
    left join function_map
        on evaluations.fiscal_year = function_map.fiscal_year
        and evaluations.unit_name = function_map.unit_name
        and evaluations.project_no = function_map.project_no
    left join management_sums
        on evaluations.fiscal_year = management_sums.fiscal_year
        and evaluations.unit_name = management_sums.unit_name
        and evaluations.project_no = management_sums.project_no
    left join indicator_sums
        on evaluations.fiscal_year = indicator_sums.fiscal_year
        and evaluations.unit_name = indicator_sums.unit_name
        and evaluations.project_no = indicator_sums.project_no
)

select * from joined
