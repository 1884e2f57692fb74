-- 绩效 rules: each project self-evaluation table (附件) recomputed from the scoring
-- rules printed under the tables, and the narrative's grade against the total.
-- One CTE per rule id.
with funds as (
    select * from {{ ref('stg_project_funds') }}
),

indicator_expected as (
    select * from {{ ref('int_indicator_scores') }}
),

projects as (
    select * from {{ ref('int_project_totals') }}
),

-- appendix cells a text export lost (int_lost_cells) or a PDF read may not have landed
-- (int_unread_appendix_cells: a read problem on the project's table; a NULL part or field is every
-- part or field), per project: a rule reading such a field of the part it reads is 无法核对
-- (文本导出丢失单元格, or the read problem and its page), never 不符
unread_cells as (
    select fiscal_year, unit_name, project_no, part, field, '文本导出丢失单元格' as not_evaluable_reason
    from {{ ref('int_lost_cells') }}
    union all
    select fiscal_year, unit_name, project_no, part, field, not_evaluable_reason
    from {{ ref('int_unread_appendix_cells') }}
),

lost_cells as (
    select fiscal_year, unit_name, project_no,
        bool_or(coalesce(part = 'project_fund_management', true) and coalesce(field in ('weight'), true)) as lost_management_weight,
        bool_or(coalesce(part = 'project_fund_management', true) and coalesce(field in ('score'), true)) as lost_management_score,
        bool_or(coalesce(part = 'project_indicators', true) and coalesce(field in ('weight'), true)) as lost_indicator_weight,
        bool_or(coalesce(part = 'project_indicators', true) and coalesce(field in ('score'), true)) as lost_indicator_score,
        bool_or(coalesce(part = 'project_indicators', true) and coalesce(field in ('target', 'actual', 'deviation'), true))
            as lost_indicator_values,
        bool_or(coalesce(part = 'project_funds', true) and coalesce(field in ('weight'), true)) as lost_fund_weight,
        bool_or(coalesce(part = 'project_funds', true) and coalesce(field in ('score'), true)) as lost_fund_score,
        bool_or(coalesce(part = 'project_funds', true) and coalesce(field in ('execution_rate'), true)) as lost_fund_rate,
        bool_or(coalesce(part = 'project_funds', true) and coalesce(field in ('initial_budget'), true)) as lost_initial_budget,
        bool_or(coalesce(part = 'project_funds', true) and coalesce(field in ('annual_budget'), true)) as lost_annual_budget,
        bool_or(coalesce(part = 'project_funds', true) and coalesce(field in ('executed_amount'), true)) as lost_executed_amount,
        bool_or(coalesce(part = 'project_evaluations', true) and coalesce(field in ('weight', 'total_score'), true)) as lost_total_weight,
        bool_or(coalesce(part = 'project_evaluations', true) and coalesce(field in ('score', 'total_score'), true)) as lost_total_score,
        array_to_string(list_sort(list_distinct(list(not_evaluable_reason))), '；') as lost_reason
    from unread_cells
    group by all
),

-- rule P-FUND-RATE: every printed 执行率 against 全年执行数 ÷ 全年预算数
p_fund_rate as (
    select fiscal_year, unit_name, 'P-FUND-RATE' as rule_id,
        'project/' || project_no || '/fund/' || fund_source as subject_key,
        '项目' || project_no || ' ' || coalesce(fund_source_as_printed, fund_source) || ' 执行率' as subject,
        '所印执行率' as left_label, printed_execution_rate_pct as left_value,
        '全年执行数 ÷ 全年预算数' as right_label,
        {{ rate_pct('executed_amount', 'annual_budget') }} as right_value,
        'rate' as comparison, printed_execution_rate_decimals as printed_decimals,
        {{ rate_tolerance('executed_amount', 'annual_budget', 'printed_execution_rate_decimals') }} as explicit_tolerance,
        {{ fmt('executed_amount') }} || ' ÷ ' || {{ fmt('annual_budget') }} as detail,
        case when coalesce(lost.lost_fund_rate or lost.lost_annual_budget or lost.lost_executed_amount, false)
             then lost.lost_reason
             when annual_budget = 0 and executed_amount <> 0 then '比较基数为0' end as not_evaluable_reason
    from funds
    left join lost_cells as lost using (fiscal_year, unit_name, project_no)
    where printed_execution_rate_pct is not null
),

{%- set fund_measures = [('initial_budget', '年初预算数'), ('annual_budget', '全年预算数'), ('executed_amount', '全年执行数')] %}

fund_parts as (
    select fiscal_year, unit_name, project_no,
        {%- for measure, label in fund_measures %}
        max({{ measure }}) filter (where fund_source = 'total') as total_{{ measure }},
        sum({{ measure }}) filter (where fund_source <> 'total') as parts_{{ measure }},
        count({{ measure }}) filter (where fund_source <> 'total') as part_count_{{ measure }},
        count(*) filter (where fund_source <> 'total' and {{ measure }} is null) as unprinted_{{ measure }},
        {%- endfor %}
        count(*) as fund_rows
    from funds
    group by fiscal_year, unit_name, project_no
),

-- rule P-FUND-SUM: 年度资金总额 = Σ 资金来源, per amount column that is printed
p_fund_sum as (
    {%- for measure, label in fund_measures %}
    select fiscal_year, unit_name, 'P-FUND-SUM' as rule_id,
        'project/' || project_no || '/fund-sum/{{ measure }}' as subject_key,
        '项目' || project_no || ' 年度资金总额（{{ label }}）' as subject,
        '年度资金总额' as left_label, total_{{ measure }} as left_value,
        '各资金来源之和' as right_label, coalesce(parts_{{ measure }}, 0) as right_value,
        part_count_{{ measure }} + 1 as rounded_figures,
        case when unprinted_{{ measure }} > 0 then unprinted_{{ measure }} || ' 个资金来源未印此数' end as detail,
        case when coalesce(lost.lost_{{ measure }}, false) then lost.lost_reason end as not_evaluable_reason
    from fund_parts
    left join lost_cells as lost using (fiscal_year, unit_name, project_no)
    where total_{{ measure }} is not null or part_count_{{ measure }} > 0
    {%- if not loop.last %} union all {% endif %}
    {%- endfor %}
),

-- rule P-RATE-SCORE: 预算执行率得分 = 执行率 × 分值
p_rate_score as (
    select fiscal_year, unit_name, 'P-RATE-SCORE' as rule_id,
        'project/' || project_no || '/rate-score' as subject_key,
        '项目' || project_no || ' 预算执行率得分' as subject,
        '所印得分' as left_label, printed_execution_score as left_value,
        '全年执行数 ÷ 全年预算数 × 分值' as right_label,
        {{ rate_pct('executed_amount', 'annual_budget') }} * execution_weight / 100 as right_value,
        'rate' as comparison, 2 as printed_decimals,
        0.005 + execution_weight / 100 * ({{ rate_tolerance('executed_amount', 'annual_budget', 6) }}) as explicit_tolerance,
        {{ fmt('executed_amount') }} || ' ÷ ' || {{ fmt('annual_budget') }} || ' × ' || {{ fmt('execution_weight') }} as detail,
        case when coalesce(lost.lost_fund_score or lost.lost_fund_weight or lost.lost_annual_budget or lost.lost_executed_amount, false)
             then lost.lost_reason
             when annual_budget = 0 and executed_amount <> 0 then '比较基数为0' end as not_evaluable_reason
    from projects
    left join lost_cells as lost using (fiscal_year, unit_name, project_no)
),

-- rule P-MANAGEMENT-WEIGHT: 资金管理情况 is worth 20
p_management_weight as (
    select fiscal_year, unit_name, 'P-MANAGEMENT-WEIGHT' as rule_id,
        'project/' || project_no || '/management-weight' as subject_key,
        '项目' || project_no || ' 资金管理情况分值' as subject,
        '各项分值之和' as left_label, coalesce(management_weight, 0) as left_value,
        '规定分值' as right_label, 20 as right_value,
        0 as explicit_tolerance,
        '所印项目：' || coalesce(management_items, '无') || case when unprinted_management_weights > 0 then '；' || unprinted_management_weights || ' 项未印分值' else '' end as detail,
        case when coalesce(lost.lost_management_weight, false) then lost.lost_reason end as not_evaluable_reason
    from projects
    left join lost_cells as lost using (fiscal_year, unit_name, project_no)
),

-- rule P-WEIGHT-TOTAL
p_weight_total as (
    select fiscal_year, unit_name, 'P-WEIGHT-TOTAL' as rule_id,
        'project/' || project_no || '/weight-total' as subject_key,
        '项目' || project_no || ' 分值合计' as subject,
        '执行率 + 资金管理 + 各指标分值' as left_label,
        coalesce(execution_weight, 0) + coalesce(management_weight, 0) + coalesce(indicator_weight, 0) as left_value,
        '所印总分值' as right_label, total_weight as right_value,
        0 as explicit_tolerance,
        '执行率 ' || {{ fmt('execution_weight') }} || ' + 资金管理 ' || {{ fmt('management_weight') }} || ' + 指标 ' || {{ fmt('indicator_weight') }} as detail,
        case when coalesce(lost.lost_fund_weight or lost.lost_management_weight or lost.lost_indicator_weight or lost.lost_total_weight, false)
             then lost.lost_reason end as not_evaluable_reason
    from projects
    left join lost_cells as lost using (fiscal_year, unit_name, project_no)
),

-- rule P-TOTAL-SCORE
p_total_score as (
    select fiscal_year, unit_name, 'P-TOTAL-SCORE' as rule_id,
        'project/' || project_no || '/total-score' as subject_key,
        '项目' || project_no || ' 总分' as subject,
        '所印总分' as left_label, printed_total_score as left_value,
        '执行率得分 + 资金管理得分 + 各指标得分' as right_label,
        coalesce(printed_execution_score, 0) + coalesce(printed_management_score, 0) + coalesce(printed_indicator_score, 0) as right_value,
        1 + (printed_execution_score is not null)::integer + coalesce(management_score_count, 0) + coalesce(indicator_score_count, 0) as rounded_figures,
        '执行率 ' || {{ fmt('printed_execution_score') }} || ' + 资金管理 ' || {{ fmt('printed_management_score') }} || ' + 指标 ' || {{ fmt('printed_indicator_score') }} as detail,
        case when coalesce(lost.lost_fund_score or lost.lost_management_score or lost.lost_indicator_score or lost.lost_total_score, false)
             then lost.lost_reason end as not_evaluable_reason
    from projects
    left join lost_cells as lost using (fiscal_year, unit_name, project_no)
),

-- rule P-INDICATOR-SCORE
p_indicator_score as (
    select fiscal_year, unit_name, 'P-INDICATOR-SCORE' as rule_id,
        'project/' || project_no || '/indicator/' || indicator_row_no as subject_key,
        -- an indicator whose name was not printed or not read is named by its row (never a NULL subject)
        '项目' || project_no || ' ' || coalesce(level3_indicator, '指标第' || indicator_row_no || '行') as subject,
        '所印得分' as left_label, printed_score as left_value,
        '按计分规则重算' as right_label,
        recomputed_score as right_value,
        'rate' as comparison, 2 as printed_decimals, 0.005 as explicit_tolerance,
        '指标值 ' || coalesce(target_text, '未印') || '，实际 ' || coalesce(actual_text, '未印') || '，分值 ' || {{ fmt('weight') }}
          || case
               when scoring = 'unscorable' then '；无法按规则计分'
               when score_low = score_high then '；完成比例 ' || (round(ratio_low, 4))::varchar || '，应得 ' || (round(score_low, 4))::varchar
               else '；实际值为区间，可能得分 [' || (round(score_low, 4))::varchar || ', ' || (round(score_high, 4))::varchar || ']'
             end as detail,
        case when coalesce(lost.lost_indicator_score or lost.lost_indicator_weight or lost.lost_indicator_values, false)
             then lost.lost_reason end as not_evaluable_reason
    from indicator_expected
    left join lost_cells as lost using (fiscal_year, unit_name, project_no)
),

-- rule P-INDICATOR-DEVIATION (where a 偏差度 is printed)
p_indicator_deviation as (
    select fiscal_year, unit_name, 'P-INDICATOR-DEVIATION' as rule_id,
        'project/' || project_no || '/indicator/' || indicator_row_no || '/deviation' as subject_key,
        '项目' || project_no || ' ' || coalesce(level3_indicator, '指标第' || indicator_row_no || '行') || ' 偏差度' as subject,
        '所印偏差度' as left_label, printed_deviation_pct as left_value,
        '(完成比例 − 1) × 100' as right_label,
        recomputed_deviation_pct as right_value,
        'rate' as comparison, 2 as printed_decimals, 0.005 as explicit_tolerance,
        -- a 指标值, 实际完成值 or 偏差度 cell a text export lost or a PDF read may not have landed
        case when coalesce(lost.lost_indicator_values, false) then lost.lost_reason end as not_evaluable_reason
    from indicator_expected
    left join lost_cells as lost using (fiscal_year, unit_name, project_no)
    where printed_deviation_pct is not null
),

-- rule P-GRADE: the narrative's grade against the band of the printed total
p_grade as (
    select fiscal_year, unit_name, 'P-GRADE' as rule_id,
        'project/' || project_no || '/grade' as subject_key,
        '项目' || project_no || ' 评价等级' as subject,
        '情况说明等级' as left_label, stated_grade as left_text,
        '附件总分 ' || {{ fmt('printed_total_score') }} || ' 所在档次' as right_label, printed_total_grade as right_text,
        printed_total_score as right_value,
        'text' as comparison,
        -- a grade the narrative does not state (or the total it is judged by) cannot be compared
        case when stated_grade is null or printed_total_grade is null then '所需数字未印' end as not_evaluable_reason
    from projects
),

{{ check_output(['p_fund_rate', 'p_fund_sum', 'p_rate_score', 'p_management_weight', 'p_weight_total',
                 'p_total_score', 'p_indicator_score', 'p_indicator_deviation', 'p_grade']) }}
