-- 表间 rules: figures of one table against the same figures in another, and the
-- appendix projects against the tables. One CTE per rule id.
with amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

projects as (
    select * from {{ ref('int_project_totals') }}
),

{%- set gk02_sources = [
    ('财政拨款收入', ['收入/一般公共预算财政拨款收入', '收入/政府性基金预算财政拨款收入', '收入/国有资本经营预算财政拨款收入'], 'fiscal_appropriation_income'),
    ('上级补助收入', ['收入/上级补助收入'], 'superior_subsidy_income'),
    ('事业收入', ['收入/事业收入'], 'business_income'),
    ('经营收入', ['收入/经营收入'], 'operating_income'),
    ('附属单位上缴收入', ['收入/附属单位上缴收入'], 'subsidiary_remittance_income'),
    ('其他收入', ['收入/其他收入'], 'other_income'),
    ('本年收入合计', ['收入/本年收入合计'], 'total_income'),
] %}

figures as (
    select
        fiscal_year, unit_name,
        {%- for label, gk01_keys, gk02_measure in gk02_sources %}
        {{ pick_sum(gk01_keys, table_code='income_expenditure_summary') }} as gk01_income_{{ loop.index }},
        {{ pick_count(gk01_keys, table_code='income_expenditure_summary') }} as gk01_income_count_{{ loop.index }},
        {{ pick('合计', gk02_measure, 'income_by_function') }} as gk02_income_{{ loop.index }},
        {%- endfor %}
        {{ pick('收入/本年收入合计', table_code='income_expenditure_summary') }} as gk01_income_subtotal,
        {{ pick('收入/使用非财政拨款结余和专用结余', table_code='income_expenditure_summary') }} as gk01_use_of_balances,
        {{ pick('收入/年初结转和结余', table_code='income_expenditure_summary') }} as gk01_opening_balance,
        {{ pick('支出/本年支出合计', table_code='income_expenditure_summary') }} as gk01_expenditure_subtotal,
        {{ pick('支出/结余分配', table_code='income_expenditure_summary') }} as gk01_balance_distribution,
        {{ pick('支出/年末结转与结余', table_code='income_expenditure_summary') }} as gk01_closing_balance,
        {{ pick('合计', 'total_income', 'income_by_function') }} as gk02_total_income,
        {{ pick('合计', 'total_expenditure', 'expenditure_by_function') }} as gk03_total_expenditure,
        {{ pick('合计', 'project_expenditure', 'expenditure_by_function') }} as gk03_project_expenditure,
        {{ pick('收入/本年收入合计', table_code='fiscal_appropriation_summary') }} as gk04_income_subtotal,
        {{ pick('收入/年初财政拨款结转和结余', table_code='fiscal_appropriation_summary') }} as gk04_carry_in,
        {{ pick('支出/本年支出合计', 'amount', 'fiscal_appropriation_summary') }} as gk04_expenditure_subtotal,
        {{ pick('支出/本年支出合计', 'general_budget_amount', 'fiscal_appropriation_summary') }} as gk04_general_expenditure,
        {{ pick('支出/本年支出合计', 'government_fund_amount', 'fiscal_appropriation_summary') }} as gk04_fund_expenditure,
        {{ pick('支出/本年支出合计', 'state_capital_amount', 'fiscal_appropriation_summary') }} as gk04_capital_expenditure,
        {{ pick('收入/政府性基金预算财政拨款', table_code='fiscal_appropriation_summary') }} as gk04_fund_income,
        {{ pick('收入/年初财政拨款结转和结余/政府性基金预算财政拨款', table_code='fiscal_appropriation_summary') }} as gk04_fund_carry_in,
        {{ pick('合计', 'subtotal', 'general_budget_expenditure') }} as gk05_total,
        {{ pick('合计', 'basic_expenditure', 'general_budget_expenditure') }} as gk05_basic,
        {{ pick('人员经费合计', table_code='basic_expenditure_by_economic') }} as gk06_personnel,
        {{ pick('公用经费合计', table_code='basic_expenditure_by_economic') }} as gk06_public,
        {{ pick('合计', 'opening_balance', 'government_fund') }} as gk07_opening,
        {{ pick('合计', 'current_year_income', 'government_fund') }} as gk07_income,
        {{ pick('合计', 'expenditure_subtotal', 'government_fund') }} as gk07_expenditure,
        {{ pick('合计', 'subtotal', 'state_capital_expenditure') }} as gk08_expenditure
    from amounts
    group by fiscal_year, unit_name
),

-- rule X-01-02-INCOME
x_01_02_income as (
    {%- for label, gk01_keys, gk02_measure in gk02_sources %}
    select fiscal_year, unit_name, 'X-01-02-INCOME' as rule_id,
        'income_expenditure_summary-income_by_function/{{ gk02_measure }}' as subject_key, '{{ label }}（income_expenditure_summary ↔ income_by_function 合计行）' as subject,
        'income_expenditure_summary' as left_label, gk01_income_{{ loop.index }} as left_value,
        'income_by_function' as right_label, gk02_income_{{ loop.index }} as right_value,
        gk01_income_count_{{ loop.index }} + 1 as rounded_figures,
        'income_expenditure_summary' as left_table_type, null as left_row_key, null as left_measure,
        'income_by_function' as right_table_type, null as right_row_key, '{{ gk02_measure }}' as right_measure
    from figures
    {%- if not loop.last %} union all {% endif %}
    {%- endfor %}
),

class_lines as (
    select fiscal_year, unit_name, row_key as class_code,
        max(amount) filter (where table_code = 'income_expenditure_summary') as gk01_amount,
        max(amount) filter (where table_code = 'expenditure_by_function' and measure = 'total_expenditure') as gk03_amount,
        max(amount) filter (where table_code = 'fiscal_appropriation_summary' and measure = 'general_budget_amount') as gk04_general_amount,
        max(amount) filter (where table_code = 'general_budget_expenditure' and measure = 'subtotal') as gk05_amount,
        max(name_as_printed) filter (where table_code in ('expenditure_by_function', 'general_budget_expenditure')) as class_name
    from amounts
    where code_level = '类'
      and table_code in ('income_expenditure_summary', 'expenditure_by_function', 'fiscal_appropriation_summary', 'general_budget_expenditure')
    group by fiscal_year, unit_name, row_key
),

-- rule X-01-03-EXPEND: the total and each 类 (a 类 not printed in expenditure_by_function counts as 0)
x_01_03_expend as (
    select fiscal_year, unit_name, 'X-01-03-EXPEND' as rule_id,
        'income_expenditure_summary-expenditure_by_function/合计' as subject_key, '本年支出合计（income_expenditure_summary ↔ expenditure_by_function）' as subject,
        'income_expenditure_summary' as left_label, gk01_expenditure_subtotal as left_value,
        'expenditure_by_function' as right_label, gk03_total_expenditure as right_value,
        2 as rounded_figures,
        'income_expenditure_summary' as left_table_type, null as left_row_key, null as left_measure,
        'expenditure_by_function' as right_table_type, '合计' as right_row_key, 'total_expenditure' as right_measure
    from figures
    union all
    select fiscal_year, unit_name, 'X-01-03-EXPEND',
        'income_expenditure_summary-expenditure_by_function/' || class_code, class_code || ' ' || coalesce(class_name, '') || '（income_expenditure_summary ↔ expenditure_by_function）',
        'income_expenditure_summary', gk01_amount,
        'expenditure_by_function', coalesce(gk03_amount, 0),
        2,
        'income_expenditure_summary', class_code as left_row_key, null, 'expenditure_by_function', class_code as right_row_key, 'total_expenditure'
    from class_lines
    where coalesce(gk01_amount, 0) <> 0 or gk03_amount is not null
),

-- rule X-01-04-FISCAL-INCOME
x_01_04_fiscal_income as (
    select fiscal_year, unit_name, 'X-01-04-FISCAL-INCOME' as rule_id,
        'income_expenditure_summary-fiscal_appropriation_summary/本年收入合计' as subject_key, '财政拨款本年收入（fiscal_appropriation_summary ↔ income_expenditure_summary）' as subject,
        'fiscal_appropriation_summary 本年收入合计' as left_label, gk04_income_subtotal as left_value,
        'income_expenditure_summary 三项财政拨款收入之和' as right_label, gk01_income_1 as right_value,
        gk01_income_count_1 + 1 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, null as left_row_key, null as left_measure,
        'income_expenditure_summary' as right_table_type, null as right_row_key, null as right_measure
    from figures
),

-- rule X-04-01-SCOPE
x_04_01_scope as (
    select fiscal_year, unit_name, 'X-04-01-SCOPE' as rule_id,
        'fiscal_appropriation_summary-income_expenditure_summary/年初结转和结余' as subject_key, '年初结转和结余（fiscal_appropriation_summary 财政拨款 ≤ income_expenditure_summary）' as subject,
        'fiscal_appropriation_summary' as left_label, gk04_carry_in as left_value,
        'income_expenditure_summary' as right_label, gk01_opening_balance as right_value,
        'at_most' as comparison, 2 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, null as left_row_key, null as left_measure,
        'income_expenditure_summary' as right_table_type, null as right_row_key, null as right_measure
    from figures
    union all
    select fiscal_year, unit_name, 'X-04-01-SCOPE',
        'fiscal_appropriation_summary-income_expenditure_summary/本年支出合计', '本年支出合计（fiscal_appropriation_summary 财政拨款 ≤ income_expenditure_summary）',
        'fiscal_appropriation_summary', gk04_expenditure_subtotal,
        'income_expenditure_summary', gk01_expenditure_subtotal,
        'at_most', 2,
        'fiscal_appropriation_summary', null, 'amount', 'income_expenditure_summary', null, null
    from figures
),

-- rule X-04-05-GENERAL
x_04_05_general as (
    select fiscal_year, unit_name, 'X-04-05-GENERAL' as rule_id,
        'fiscal_appropriation_summary-general_budget_expenditure/合计' as subject_key, '一般公共预算财政拨款支出合计（fiscal_appropriation_summary ↔ general_budget_expenditure）' as subject,
        'fiscal_appropriation_summary' as left_label, gk04_general_expenditure as left_value,
        'general_budget_expenditure' as right_label, gk05_total as right_value,
        2 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, null as left_row_key, 'general_budget_amount' as left_measure,
        'general_budget_expenditure' as right_table_type, '合计' as right_row_key, 'subtotal' as right_measure
    from figures
    union all
    select fiscal_year, unit_name, 'X-04-05-GENERAL',
        'fiscal_appropriation_summary-general_budget_expenditure/' || class_code, class_code || ' ' || coalesce(class_name, '') || '（fiscal_appropriation_summary ↔ general_budget_expenditure）',
        'fiscal_appropriation_summary', gk04_general_amount,
        'general_budget_expenditure', coalesce(gk05_amount, 0),
        2,
        'fiscal_appropriation_summary', class_code as left_row_key, 'general_budget_amount', 'general_budget_expenditure', class_code as right_row_key, 'subtotal'
    from class_lines
    where coalesce(gk04_general_amount, 0) <> 0 or gk05_amount is not null
),

-- rule X-03-05-SUBSET: general_budget_expenditure ≤ expenditure_by_function for every code and column
{%- set subset_columns = [('subtotal', 'total_expenditure', '小计/本年支出合计'), ('basic_expenditure', 'basic_expenditure', '基本支出'), ('project_expenditure', 'project_expenditure', '项目支出')] %}
x_03_05_subset as (
    {%- for gk05_measure, gk03_measure, label in subset_columns %}
    select gk05.fiscal_year, gk05.unit_name, 'X-03-05-SUBSET' as rule_id,
        'general_budget_expenditure-expenditure_by_function/' || gk05.row_key || '/{{ gk05_measure }}' as subject_key,
        case when gk05.row_key = '合计' then '合计行' else gk05.row_key || ' ' || coalesce(gk05.name_as_printed, '') end || '（{{ label }}，general_budget_expenditure ≤ expenditure_by_function）' as subject,
        'general_budget_expenditure' as left_label, gk05.amount as left_value,
        'expenditure_by_function' as right_label, gk03.amount as right_value,
        'at_most' as comparison, 2 as rounded_figures,
        case when gk03.row_key is null then 'expenditure_by_function 未印该科目' end as detail,
        'general_budget_expenditure' as left_table_type, gk05.row_key as left_row_key, '{{ gk05_measure }}' as left_measure,
        'expenditure_by_function' as right_table_type, gk05.row_key as right_row_key, '{{ gk03_measure }}' as right_measure
    from amounts as gk05
    left join amounts as gk03
        on gk03.fiscal_year = gk05.fiscal_year
        and gk03.unit_name = gk05.unit_name
        and gk03.table_code = 'expenditure_by_function'
        and gk03.row_key = gk05.row_key
        and gk03.measure = '{{ gk03_measure }}'
    where gk05.table_code = 'general_budget_expenditure' and gk05.measure = '{{ gk05_measure }}'
    {%- if not loop.last %} union all {% endif %}
    {%- endfor %}
),

-- rule X-04-07-FUND
x_04_07_fund as (
    select fiscal_year, unit_name, 'X-04-07-FUND' as rule_id,
        'fiscal_appropriation_summary-government_fund/本年支出' as subject_key, '政府性基金预算财政拨款本年支出（fiscal_appropriation_summary ↔ government_fund）' as subject,
        'fiscal_appropriation_summary' as left_label, gk04_fund_expenditure as left_value,
        'government_fund' as right_label, gk07_expenditure as right_value, 2 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, null as left_row_key, 'government_fund_amount' as left_measure,
        'government_fund' as right_table_type, null as right_row_key, 'expenditure_subtotal' as right_measure
    from figures
    union all
    select fiscal_year, unit_name, 'X-04-07-FUND', 'fiscal_appropriation_summary-government_fund/本年收入', '政府性基金预算财政拨款本年收入（fiscal_appropriation_summary ↔ government_fund）',
        'fiscal_appropriation_summary', gk04_fund_income, 'government_fund', gk07_income, 2,
        'fiscal_appropriation_summary', null, null, 'government_fund', null, 'current_year_income'
    from figures
    union all
    select fiscal_year, unit_name, 'X-04-07-FUND', 'fiscal_appropriation_summary-government_fund/年初结转', '政府性基金预算财政拨款年初结转和结余（fiscal_appropriation_summary ↔ government_fund）',
        'fiscal_appropriation_summary', gk04_fund_carry_in, 'government_fund', gk07_opening, 2,
        'fiscal_appropriation_summary', null, null, 'government_fund', null, 'opening_balance'
    from figures
),

-- rule X-04-08-CAPITAL
x_04_08_capital as (
    select fiscal_year, unit_name, 'X-04-08-CAPITAL' as rule_id,
        'fiscal_appropriation_summary-state_capital_expenditure/本年支出' as subject_key, '国有资本经营预算财政拨款本年支出（fiscal_appropriation_summary ↔ state_capital_expenditure）' as subject,
        'fiscal_appropriation_summary' as left_label, gk04_capital_expenditure as left_value,
        'state_capital_expenditure' as right_label, gk08_expenditure as right_value, 2 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, null as left_row_key, 'state_capital_amount' as left_measure,
        'state_capital_expenditure' as right_table_type, null as right_row_key, 'subtotal' as right_measure
    from figures
),

-- rule X-05-06-BASIC
x_05_06_basic as (
    select fiscal_year, unit_name, 'X-05-06-BASIC' as rule_id,
        'general_budget_expenditure-basic_expenditure_by_economic/基本支出' as subject_key, '一般公共预算财政拨款基本支出（general_budget_expenditure ↔ basic_expenditure_by_economic）' as subject,
        'general_budget_expenditure 合计基本支出' as left_label, gk05_basic as left_value,
        'basic_expenditure_by_economic 人员经费合计 + 公用经费合计' as right_label, {{ printed_sum('gk06_personnel + gk06_public') }} as right_value,
        3 as rounded_figures,
        'general_budget_expenditure' as left_table_type, null as left_row_key, 'basic_expenditure' as left_measure,
        'basic_expenditure_by_economic' as right_table_type, null as right_row_key, null as right_measure
    from figures
),

-- rule X-INCOME-CARRYOVER
x_income_carryover as (
    select fiscal_year, unit_name, 'X-INCOME-CARRYOVER' as rule_id,
        'expenditure_by_function-income_by_function/合计' as subject_key, '本年支出与本年收入、结转结余（expenditure_by_function ↔ income_by_function、01）' as subject,
        'expenditure_by_function 本年支出合计' as left_label, gk03_total_expenditure as left_value,
        'income_by_function 本年收入合计 + 年初结转和结余 + 使用非财政拨款结余 − 年末结转与结余 − 结余分配' as right_label,
        {{ printed_sum('gk02_total_income + gk01_opening_balance + gk01_use_of_balances - gk01_closing_balance - gk01_balance_distribution') }} as right_value,
        6 as rounded_figures,
        'expenditure_by_function' as left_table_type, '合计' as left_row_key, 'total_expenditure' as left_measure,
        'income_by_function' as right_table_type, '合计' as right_row_key, 'total_income' as right_measure
    from figures
),

{%- set three_public_pairs = [('30212', 'overseas_travel', '因公出国（境）费'), ('30217', 'official_reception', '公务接待费'),
                              ('30231', 'vehicle_operation', '公务用车运行维护费'), ('31013', 'vehicle_purchase', '公务用车购置费')] %}

-- rule X-09-06-THREE-PUBLIC
x_09_06_three_public as (
    {%- for economic_code, item, label in three_public_pairs %}
    select fiscal_year, unit_name, 'X-09-06-THREE-PUBLIC' as rule_id,
        'basic_expenditure_by_economic-three_public_expenditure/{{ item }}' as subject_key, '{{ label }}（basic_expenditure_by_economic {{ economic_code }} ≤ three_public_expenditure 决算数）' as subject,
        'basic_expenditure_by_economic {{ economic_code }}' as left_label,
        {{ pick(economic_code, table_code='basic_expenditure_by_economic') }} as left_value,
        'three_public_expenditure 决算数' as right_label,
        {{ pick(item, 'final', 'three_public_expenditure') }} as right_value,
        'at_most' as comparison, 2 as rounded_figures,
        'basic_expenditure_by_economic' as left_table_type, null as left_row_key, null as left_measure,
        'three_public_expenditure' as right_table_type, '{{ item }}' as right_row_key, 'final' as right_measure
    from amounts
    group by fiscal_year, unit_name
    {%- if not loop.last %} union all {% endif %}
    {%- endfor %}
),

-- the function ↔ economic code pairs measuring the same cost (seeds/ref_function_economic_pairs.csv)
function_economic_pairs as (
    select *, string_split(economic_codes, '|') as economic_code_list
    from {{ ref('ref_function_economic_pairs') }}
),

-- rule X-FUNC-ECON (advisory)
x_func_econ as (
    select amounts.fiscal_year, amounts.unit_name, 'X-FUNC-ECON' as rule_id,
        'general_budget_expenditure-basic_expenditure_by_economic/' || pairs.function_code as subject_key,
        any_value(pairs.label) || '（general_budget_expenditure ' || pairs.function_code || ' 基本支出 ↔ basic_expenditure_by_economic '
            || array_to_string(any_value(pairs.economic_code_list), ' + ') || '）' as subject,
        'general_budget_expenditure ' || pairs.function_code || ' 基本支出' as left_label,
        max(amounts.amount) filter (where amounts.table_code = 'general_budget_expenditure' and amounts.measure = 'basic_expenditure'
                                      and amounts.row_key = pairs.function_code) as left_value,
        'basic_expenditure_by_economic ' || array_to_string(any_value(pairs.economic_code_list), ' + ') as right_label,
        sum(amounts.amount) filter (where amounts.table_code = 'basic_expenditure_by_economic' and amounts.measure = 'amount'
                                      and list_contains(pairs.economic_code_list, amounts.row_key)) as right_value,
        len(any_value(pairs.economic_code_list)) + 1 as rounded_figures,
        'general_budget_expenditure' as left_table_type, pairs.function_code as left_row_key, 'basic_expenditure' as left_measure,
        'basic_expenditure_by_economic' as right_table_type, null as right_row_key, null as right_measure
    from amounts
    -- only the rows of the pair (a disclosure printing neither figure has nothing to compare)
    inner join function_economic_pairs as pairs
        on (amounts.table_code = 'general_budget_expenditure' and amounts.row_key = pairs.function_code)
        or (amounts.table_code = 'basic_expenditure_by_economic' and list_contains(pairs.economic_code_list, amounts.row_key))
    group by amounts.fiscal_year, amounts.unit_name, pairs.function_code
),

project_sums as (
    select fiscal_year, unit_name, sum(executed_amount) as executed_total, count(executed_amount) as project_count
    from projects
    group by fiscal_year, unit_name
),

-- rule X-PROJECTS-TOTAL
x_projects_total as (
    select figures.fiscal_year, figures.unit_name, 'X-PROJECTS-TOTAL' as rule_id,
        '项目-expenditure_by_function/项目支出' as subject_key, '附件项目全年执行数之和 ↔ expenditure_by_function 项目支出' as subject,
        '附件全年执行数之和' as left_label, coalesce(project_sums.executed_total, 0) as left_value,
        'expenditure_by_function 合计项目支出' as right_label, figures.gk03_project_expenditure as right_value,
        coalesce(project_sums.project_count, 0) + 1 as rounded_figures,
        coalesce(project_sums.project_count, 0) || ' 个项目' as detail,
        null as left_table_type, null as left_row_key, null as left_measure,
        'expenditure_by_function' as right_table_type, null as right_row_key, 'project_expenditure' as right_measure
    from figures
    left join project_sums
        on figures.fiscal_year = project_sums.fiscal_year and figures.unit_name = project_sums.unit_name
),

project_sums_by_code as (
    select fiscal_year, unit_name, function_code,
        sum(executed_amount) as executed_total, count(executed_amount) as project_count,
        string_agg(cast(project_no as varchar), '、' order by project_no) as project_list
    from projects
    where function_code is not null
    group by fiscal_year, unit_name, function_code
),

-- disclosures whose projects have been mapped to codes (a hand judgment): only there is
-- there anything to compare a 项's project expenditure with
mapped_disclosures as (
    select distinct fiscal_year, unit_name from projects where function_code is not null
),

project_codes as (
    select amounts.fiscal_year, amounts.unit_name, amounts.row_key as function_code,
        amounts.amount as project_expenditure, amounts.name_as_printed
    from amounts
    semi join mapped_disclosures
        on amounts.fiscal_year = mapped_disclosures.fiscal_year and amounts.unit_name = mapped_disclosures.unit_name
    where amounts.table_code = 'general_budget_expenditure' and amounts.measure = 'project_expenditure'
        and amounts.code_level = '项'
),

-- rule X-PROJECTS-BY-CODE (advisory: the project → code map is a hand judgment)
x_projects_by_code as (
    select
        coalesce(project_codes.fiscal_year, project_sums_by_code.fiscal_year) as fiscal_year,
        coalesce(project_codes.unit_name, project_sums_by_code.unit_name) as unit_name,
        'X-PROJECTS-BY-CODE' as rule_id,
        '项目-general_budget_expenditure/' || coalesce(project_codes.function_code, project_sums_by_code.function_code) as subject_key,
        coalesce(project_codes.function_code, project_sums_by_code.function_code) || ' ' || coalesce(project_codes.name_as_printed, '') || '（附件项目 ↔ general_budget_expenditure 项目支出）' as subject,
        '对应项目全年执行数之和' as left_label, coalesce(project_sums_by_code.executed_total, 0) as left_value,
        'general_budget_expenditure 项目支出' as right_label, coalesce(project_codes.project_expenditure, 0) as right_value,
        coalesce(project_sums_by_code.project_count, 0) + 1 as rounded_figures,
        '项目：' || coalesce(project_sums_by_code.project_list, '无') as detail,
        null as left_table_type, null as left_row_key, null as left_measure,
        'general_budget_expenditure' as right_table_type, coalesce(project_codes.function_code, project_sums_by_code.function_code) as right_row_key, 'project_expenditure' as right_measure
    from project_codes
    full outer join project_sums_by_code
        on project_codes.fiscal_year = project_sums_by_code.fiscal_year
        and project_codes.unit_name = project_sums_by_code.unit_name
        and project_codes.function_code = project_sums_by_code.function_code
    where coalesce(project_codes.project_expenditure, 0) <> 0 or project_sums_by_code.function_code is not null
),

{{ check_output(['x_01_02_income', 'x_01_03_expend', 'x_01_04_fiscal_income', 'x_04_01_scope', 'x_04_05_general',
                 'x_03_05_subset', 'x_04_07_fund', 'x_04_08_capital', 'x_05_06_basic', 'x_income_carryover',
                 'x_09_06_three_public', 'x_func_econ', 'x_projects_total', 'x_projects_by_code']) }}
