-- 表文 rules: every figure the narrative (情况说明) states, against the figure computed
-- from the tables or the appendix. Which figure a statement restates is data
-- (ref_narrative_counterparts); one CTE per rule id.
with amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

figures as (
    select * from {{ ref('stg_narrative_figures') }}
),

counterparts as (
    select * from {{ ref('stg_ref_narrative_counterparts') }}
),

function_budget as (
    select * from {{ ref('stg_narrative_function_budget') }}
),

wording as (
    select * from {{ ref('stg_narrative_comparison_wording') }}
),

projects as (
    select * from {{ ref('int_project_totals') }}
),

-- every value a counterpart reference can name: "table" figures, other "narrative"
-- figures, and counts and sums over the appendix "projects"
table_values as (
    select fiscal_year, unit_name, 'table' as source, table_code || '|' || row_key || '|' || measure as ref,
        amount as value, 1 as rounded_figures
    from amounts
),

narrative_values as (
    select fiscal_year, unit_name, 'narrative' as source, section || '|' || subject || '|' || metric as ref,
        max(stated_value) as value, 1 as rounded_figures
    from figures
    group by fiscal_year, unit_name, section, subject, metric
),

project_disclosures as (
    select distinct fiscal_year, unit_name from projects
),

grades as (
    select grade from (values ('优'), ('良'), ('中'), ('差')) as band (grade)
),

project_values as (
    select fiscal_year, unit_name, 'projects' as source, 'project_count' as ref,
        cast(count(*) as decimal(18, 2)) as value, 0 as rounded_figures
    from projects
    group by fiscal_year, unit_name
    union all
    select fiscal_year, unit_name, 'projects', 'executed_total', sum(executed_amount), count(executed_amount)
    from projects
    group by fiscal_year, unit_name
    union all
    select project_disclosures.fiscal_year, project_disclosures.unit_name, 'projects', 'grade_count:' || grades.grade,
        cast(count(projects.project_no) as decimal(18, 2)), 0
    from project_disclosures
    cross join grades
    left join projects
        on projects.fiscal_year = project_disclosures.fiscal_year
        and projects.unit_name = project_disclosures.unit_name
        and projects.printed_total_grade = grades.grade
    group by project_disclosures.fiscal_year, project_disclosures.unit_name, grades.grade
),

resolvable as (
    select * from table_values
    union all
    select * from narrative_values
    union all
    select * from project_values
),

mapped as (
    select
        figures.fiscal_year, figures.unit_name, figures.figure_no, figures.section, figures.subject,
        figures.metric, figures.value_text, figures.stated_value, figures.stated_decimals,
        figures.quoted_phrase,
        counterparts.check_kind, counterparts.numerator_source, counterparts.numerator_ref,
        counterparts.denominator_source, counterparts.denominator_ref,
        numerator.value as numerator_value, numerator.rounded_figures as numerator_figures,
        denominator.value as denominator_value
    from figures
    inner join counterparts
        on figures.section = counterparts.section
        and figures.subject = counterparts.subject
        and figures.metric = counterparts.metric
    left join resolvable as numerator
        on numerator.fiscal_year = figures.fiscal_year
        and numerator.unit_name = figures.unit_name
        and numerator.source = counterparts.numerator_source
        and numerator.ref = counterparts.numerator_ref
    left join resolvable as denominator
        on denominator.fiscal_year = figures.fiscal_year
        and denominator.unit_name = figures.unit_name
        and denominator.source = counterparts.denominator_source
        and denominator.ref = counterparts.denominator_ref
    where counterparts.check_kind <> 'none'
),

-- rules N-AMOUNT (table figures) and N-COUNT (appendix counts and sums)
n_amount as (
    select fiscal_year, unit_name,
        case when numerator_source = 'projects' then 'N-COUNT' else 'N-AMOUNT' end as rule_id,
        'narrative/' || figure_no as subject_key,
        subject || '（' || section || '）' as subject,
        '情况说明“' || quoted_phrase || '”' as left_label, stated_value as left_value,
        numerator_source || ':' || numerator_ref as right_label, numerator_value as right_value,
        numerator_figures + 1 as rounded_figures,
        case when numerator_source = 'projects' and numerator_ref <> 'executed_total' then 0 end as explicit_tolerance
    from mapped
    where check_kind = 'amount'
),

-- rule N-RATE: shares and completion rates
n_rate as (
    select fiscal_year, unit_name, 'N-RATE' as rule_id,
        'narrative/' || figure_no as subject_key,
        subject || '（' || section || '）' as subject,
        '情况说明“' || quoted_phrase || '”' as left_label, stated_value as left_value,
        numerator_ref || ' ÷ ' || denominator_ref as right_label,
        {{ rate_pct('numerator_value', 'denominator_value') }} as right_value,
        'rate' as comparison, stated_decimals as printed_decimals,
        {{ rate_tolerance('numerator_value', 'denominator_value', 'stated_decimals') }} as explicit_tolerance
    from mapped
    where check_kind = 'rate'
),

-- rule N-GROWTH: growth rate against the stated increase; the implied last-year total
-- is (本年数 − 增加额)
n_growth as (
    select fiscal_year, unit_name, 'N-GROWTH' as rule_id,
        'narrative/' || figure_no as subject_key,
        subject || '（' || section || '）' as subject,
        '情况说明“' || quoted_phrase || '”' as left_label, stated_value as left_value,
        '增加额 ÷ (本年数 − 增加额)' as right_label,
        {{ rate_pct('numerator_value', 'denominator_value - numerator_value') }} as right_value,
        'rate' as comparison, stated_decimals as printed_decimals,
        {{ rate_tolerance('numerator_value', 'denominator_value - numerator_value', 'stated_decimals', denominator_half='0.01') }} as explicit_tolerance,
        '隐含上年数 ' || {{ fmt('denominator_value - numerator_value') }} || ' 万元（本年 ' || {{ fmt('denominator_value') }} || '，增加 ' || {{ fmt('numerator_value') }} || '）' as detail
    from mapped
    where check_kind = 'growth'
),

initial_budget_sums as (
    select fiscal_year, unit_name, sum(stated_initial_budget) as initial_budget_sum, count(stated_initial_budget) as item_count
    from function_budget
    group by fiscal_year, unit_name
),

-- rule N-INITIAL-SUM
n_initial_sum as (
    select figures.fiscal_year, figures.unit_name, 'N-INITIAL-SUM' as rule_id,
        'narrative/' || figures.figure_no as subject_key,
        '一般公共预算财政拨款支出年初预算（' || figures.section || '）' as subject,
        '情况说明“' || figures.quoted_phrase || '”' as left_label, figures.stated_value as left_value,
        '逐项年初预算之和' as right_label, initial_budget_sums.initial_budget_sum as right_value,
        initial_budget_sums.item_count + 1 as rounded_figures
    from figures
    left join initial_budget_sums
        on figures.fiscal_year = initial_budget_sums.fiscal_year and figures.unit_name = initial_budget_sums.unit_name
    where figures.subject = '一般公共预算财政拨款支出' and figures.metric = 'initial_budget'
),

items as (
    select
        function_budget.*,
        gk05.amount as table_final_amount,
        gk05.name_as_printed as table_name
    from function_budget
    left join amounts as gk05
        on gk05.fiscal_year = function_budget.fiscal_year
        and gk05.unit_name = function_budget.unit_name
        and gk05.table_code = 'general_budget_expenditure'
        and gk05.measure = 'subtotal'
        and gk05.row_key = function_budget.function_code
),

-- rule N-ITEM-FINAL
n_item_final as (
    select fiscal_year, unit_name, 'N-ITEM-FINAL' as rule_id,
        'narrative-item/' || item_no as subject_key,
        item_no || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）' as subject,
        '情况说明支出决算' as left_label, stated_final_amount as left_value,
        'general_budget_expenditure 小计' as right_label, table_final_amount as right_value,
        2 as rounded_figures
    from items
),

-- rule N-ITEM-RATE: a rate is stated exactly when the 年初预算 is not zero
n_item_rate as (
    select fiscal_year, unit_name, 'N-ITEM-RATE' as rule_id,
        'narrative-item/' || item_no as subject_key,
        item_no || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）' as subject,
        '情况说明完成率' as left_label, stated_completion_rate_pct as left_value,
        'general_budget_expenditure 决算 ÷ 情况说明年初预算' as right_label,
        {{ rate_pct('table_final_amount', 'stated_initial_budget') }} as right_value,
        'rate' as comparison, stated_completion_rate_decimals as printed_decimals,
        {{ rate_tolerance('table_final_amount', 'stated_initial_budget', 'stated_completion_rate_decimals') }} as explicit_tolerance
    from items
    where stated_initial_budget <> 0
    union all
    select fiscal_year, unit_name, 'N-ITEM-RATE',
        'narrative-item/' || item_no,
        item_no || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）',
        '情况说明完成率', stated_completion_rate_pct,
        '年初预算为0，不应陈述完成率', null,
        'text', null, null
    from items
    where stated_initial_budget = 0 or stated_initial_budget is null
),

n_item_rate_text as (
    select n_item_rate.*,
        case when comparison = 'text' then case when left_value is null then '未陈述' else '陈述了 ' || cast(left_value as varchar) || '%' end end as left_text,
        case when comparison = 'text' then '未陈述' end as right_text
    from n_item_rate
),

table_items as (
    select fiscal_year, unit_name, row_key as function_code, name_as_printed
    from amounts
    where table_code = 'general_budget_expenditure' and measure = 'subtotal' and code_level = '项'
),

-- rule N-ITEM-COVERAGE: every 项 of general_budget_expenditure is explained, and nothing else is
n_item_coverage as (
    select
        coalesce(table_items.fiscal_year, function_budget.fiscal_year) as fiscal_year,
        coalesce(table_items.unit_name, function_budget.unit_name) as unit_name,
        'N-ITEM-COVERAGE' as rule_id,
        'narrative-coverage/' || coalesce(table_items.function_code, function_budget.function_code, function_budget.xiang_name) as subject_key,
        coalesce(table_items.function_code, function_budget.function_code, '?') || ' ' || coalesce(table_items.name_as_printed, function_budget.xiang_name) || '（项）' as subject,
        '情况说明' as left_label,
        case when function_budget.item_no is not null then '逐项说明有此项' else '逐项说明无此项' end as left_text,
        'general_budget_expenditure' as right_label,
        case when table_items.function_code is not null then '逐项说明有此项' else '逐项说明无此项' end as right_text,
        'text' as comparison,
        case when table_items.function_code is null then 'general_budget_expenditure 未印此项' end as detail
    from table_items
    full outer join function_budget
        on table_items.fiscal_year = function_budget.fiscal_year
        and table_items.unit_name = function_budget.unit_name
        and table_items.function_code = function_budget.function_code
),

three_public as (
    select
        wording.*,
        max(amounts.amount) filter (where amounts.measure = 'budget') as budget_amount,
        max(amounts.amount) filter (where amounts.measure = 'final') as final_amount
    from wording
    left join amounts
        on amounts.fiscal_year = wording.fiscal_year
        and amounts.unit_name = wording.unit_name
        and amounts.table_code = 'three_public_expenditure'
        and amounts.row_key = wording.expense_item
    group by all
),

-- rule N-REASON: a reason wherever 决算 differs from 年初预算 (项) or 预算 ("三公")
n_reason as (
    select fiscal_year, unit_name, 'N-REASON' as rule_id,
        'narrative-item/' || item_no as subject_key,
        item_no || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）' as subject,
        '情况说明' as left_label,
        case when stated_reason is not null then '说明了原因' else '未说明原因' end as left_text,
        '年初预算 ' || {{ fmt('stated_initial_budget') }} || ' / 决算 ' || {{ fmt('table_final_amount') }} as right_label,
        case
            when stated_initial_budget is distinct from table_final_amount then '说明了原因'
            when stated_reason is not null then '说明了原因'
            else '未说明原因'
        end as right_text,
        'text' as comparison
    from items
    union all
    select fiscal_year, unit_name, 'N-REASON',
        'narrative-three-public/' || expense_item,
        subject || '（“三公”经费）',
        '情况说明',
        case when stated_reason is not null then '说明了原因' else '未说明原因' end,
        '预算 ' || {{ fmt('budget_amount') }} || ' / 决算 ' || {{ fmt('final_amount') }},
        case
            when budget_amount is distinct from final_amount then '说明了原因'
            when stated_reason is not null then '说明了原因'
            else '未说明原因'
        end,
        'text'
    from three_public
),

-- rule N-WORDING: "持平" exactly when 决算 = 预算
n_wording as (
    select fiscal_year, unit_name, 'N-WORDING' as rule_id,
        'narrative-three-public/' || expense_item as subject_key,
        subject || '（“三公”经费）' as subject,
        '情况说明“' || quoted_phrase || '”' as left_label, stated_wording as left_text,
        'three_public_expenditure 预算 ' || {{ fmt('budget_amount') }} || ' / 决算 ' || {{ fmt('final_amount') }} as right_label,
        case
            when budget_amount is null or final_amount is null then '无法判断（three_public_expenditure 未印）'
            when budget_amount = final_amount then '持平'
            else '存在差异'
        end as right_text,
        'text' as comparison
    from three_public
),

-- rule N-PROJECT-RATE
n_project_rate as (
    select fiscal_year, unit_name, 'N-PROJECT-RATE' as rule_id,
        'project/' || project_no as subject_key,
        '项目' || project_no || ' ' || coalesce(project_name_as_stated, project_name) as subject,
        '情况说明预算执行率' as left_label, stated_execution_rate_pct as left_value,
        '附件全年执行数 ÷ 全年预算数' as right_label,
        {{ rate_pct('executed_amount', 'annual_budget') }} as right_value,
        'rate' as comparison, stated_execution_rate_decimals as printed_decimals,
        {{ rate_tolerance('executed_amount', 'annual_budget', 'stated_execution_rate_decimals') }} as explicit_tolerance,
        '附件 ' || {{ fmt('executed_amount') }} || ' ÷ ' || {{ fmt('annual_budget') }} || '；附件所印执行率 ' || {{ fmt('printed_execution_rate_pct') }} || '%' as detail
    from projects
),

-- rule N-PROJECT-SCORE
n_project_score as (
    select fiscal_year, unit_name, 'N-PROJECT-SCORE' as rule_id,
        'project/' || project_no as subject_key,
        '项目' || project_no || ' ' || coalesce(project_name_as_stated, project_name) as subject,
        '情况说明总得分' as left_label, stated_total_score as left_value,
        '附件所印总分' as right_label, printed_total_score as right_value,
        2 as rounded_figures
    from projects
),

-- rule N-PROJECT-NAME: compared without the unit-name prefix, the year and blanks
n_project_name as (
    select fiscal_year, unit_name, 'N-PROJECT-NAME' as rule_id,
        'project/' || project_no as subject_key,
        '项目' || project_no as subject,
        '情况说明名称' as left_label, project_name_as_stated as left_text,
        '附件名称' as right_label, project_name as right_text,
        'text' as comparison,
        {{ project_name_key('project_name_as_stated', 'unit_name') }} as left_key,
        {{ project_name_key('project_name', 'unit_name') }} as right_key
    from projects
),

n_project_name_compared as (
    select * exclude (left_key, right_key, left_text, right_text),
        left_key as left_text, right_key as right_text,
        '所印：“' || coalesce(left_text, '未印') || '” / “' || coalesce(right_text, '未印') || '”' as detail
    from n_project_name
),

{{ check_output(['n_amount', 'n_rate', 'n_growth', 'n_initial_sum', 'n_item_final', 'n_item_rate_text',
                 'n_item_coverage', 'n_reason', 'n_wording', 'n_project_rate', 'n_project_score',
                 'n_project_name_compared']) }}
