-- 表内 rules: every total and subtotal of income_expenditure_summary-three_public_expenditure against its parts. The
-- totals against a sum of part rows come from seeds/ref_sum_identities.csv, evaluated by one
-- CTE; every other rule has its own CTE; rows in the common check shape (macros/reconciliation.sql).
with amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

table_notes as (
    select * from {{ ref('stg_table_notes') }}
),

-- the sum identities (seeds/ref_sum_identities.csv): a total row against the sum of its
-- part rows (listed, or every row of a code level), in one column of one table.
-- Rules IN-01-INCOME-SUM, IN-01-EXPEND-SUM, IN-04-INCOME-SUM, IN-04-CARRYIN-SUM,
-- IN-04-EXPEND-SUM, IN-06-PERSONNEL, IN-06-PUBLIC, IN-09-TOTAL, IN-09-VEHICLE.
sum_identities as (
    select *, string_split(part_row_keys, '|') as part_keys
    from {{ ref('ref_sum_identities') }}
),

identity_figures as (
    select
        amounts.fiscal_year, amounts.unit_name, sum_identities.rule_id, sum_identities.measure,
        any_value(sum_identities.table_type) as table_type,
        any_value(sum_identities.total_row_key) as total_row_key,
        any_value(sum_identities.subject) as subject,
        any_value(sum_identities.subject_names_column) as subject_names_column,
        any_value(sum_identities.key_names_column) as key_names_column,
        any_value(sum_identities.left_label) as left_label,
        any_value(sum_identities.right_label) as right_label,
        any_value(amounts.measure_label) as measure_label,
        max(amounts.amount) filter (where amounts.row_key = sum_identities.total_row_key) as total,
        sum(amounts.amount) filter (where list_contains(sum_identities.part_keys, amounts.row_key)
                                       or amounts.code_level = sum_identities.part_code_level) as parts,
        count(amounts.amount) filter (where list_contains(sum_identities.part_keys, amounts.row_key)
                                         or amounts.code_level = sum_identities.part_code_level) as part_count
    from sum_identities
    inner join amounts
        on amounts.table_code = sum_identities.table_type
        and amounts.measure = sum_identities.measure
    group by amounts.fiscal_year, amounts.unit_name, sum_identities.rule_id, sum_identities.measure
),

sum_identity_checks as (
    select fiscal_year, unit_name, rule_id,
        table_type || '/' || total_row_key || case when key_names_column then '/' || measure else '' end as subject_key,
        subject || case when subject_names_column then '（' || measure_label || '）' else '' end as subject,
        left_label, total as left_value,
        right_label, parts as right_value,
        part_count + 1 as rounded_figures,
        table_type as left_table_type, total_row_key as left_row_key, measure as left_measure,
        table_type as right_table_type, null as right_row_key, measure as right_measure
    from identity_figures
),

gk01 as (
    select
        fiscal_year, unit_name,
        {{ pick('收入/本年收入合计') }} as income_subtotal,
        {{ pick('收入/使用非财政拨款结余和专用结余') }} as use_of_balances,
        {{ pick('收入/年初结转和结余') }} as opening_balance,
        {{ pick('收入/总计') }} as income_grand_total,
        {{ pick('支出/本年支出合计') }} as expenditure_subtotal,
        {{ pick('支出/结余分配') }} as balance_distribution,
        {{ pick('支出/年末结转与结余') }} as closing_balance,
        {{ pick('支出/总计') }} as expenditure_grand_total
    from amounts
    where table_code = 'income_expenditure_summary'
    group by fiscal_year, unit_name
),

-- rule IN-01-INCOME-TOTAL
in_01_income_total as (
    select fiscal_year, unit_name, 'IN-01-INCOME-TOTAL' as rule_id,
        'income_expenditure_summary/收入/总计' as subject_key, 'income_expenditure_summary 收入总计' as subject,
        '收入总计' as left_label, income_grand_total as left_value,
        '本年收入合计 + 使用非财政拨款结余和专用结余 + 年初结转和结余' as right_label,
        {{ printed_sum('income_subtotal + use_of_balances + opening_balance') }} as right_value,
        4 as rounded_figures,
        'income_expenditure_summary' as left_table_type, '收入/总计' as left_row_key, null as left_measure,
        'income_expenditure_summary' as right_table_type, null as right_row_key, null as right_measure
    from gk01
),

-- rule IN-01-EXPEND-TOTAL
in_01_expend_total as (
    select fiscal_year, unit_name, 'IN-01-EXPEND-TOTAL' as rule_id,
        'income_expenditure_summary/支出/总计' as subject_key, 'income_expenditure_summary 支出总计' as subject,
        '支出总计' as left_label, expenditure_grand_total as left_value,
        '本年支出合计 + 结余分配 + 年末结转与结余' as right_label,
        {{ printed_sum('expenditure_subtotal + balance_distribution + closing_balance') }} as right_value,
        4 as rounded_figures,
        'income_expenditure_summary' as left_table_type, '支出/总计' as left_row_key, null as left_measure,
        'income_expenditure_summary' as right_table_type, null as right_row_key, null as right_measure
    from gk01
),

-- rule IN-01-BALANCE
in_01_balance as (
    select fiscal_year, unit_name, 'IN-01-BALANCE' as rule_id,
        'income_expenditure_summary/总计' as subject_key, 'income_expenditure_summary 收支总计' as subject,
        '收入总计' as left_label, income_grand_total as left_value,
        '支出总计' as right_label, expenditure_grand_total as right_value,
        2 as rounded_figures,
        'income_expenditure_summary' as left_table_type, null as left_row_key, null as left_measure,
        'income_expenditure_summary' as right_table_type, null as right_row_key, null as right_measure
    from gk01
),

-- rule IN-01-CARRYOVER
in_01_carryover as (
    select fiscal_year, unit_name, 'IN-01-CARRYOVER' as rule_id,
        'income_expenditure_summary/支出/年末结转与结余' as subject_key, 'income_expenditure_summary 年末结转与结余' as subject,
        '年末结转与结余' as left_label, closing_balance as left_value,
        '年初结转和结余 + 本年收入合计 + 使用非财政拨款结余 − 本年支出合计 − 结余分配' as right_label,
        {{ printed_sum('opening_balance + income_subtotal + use_of_balances - expenditure_subtotal - balance_distribution') }} as right_value,
        6 as rounded_figures,
        'income_expenditure_summary' as left_table_type, '支出/年末结转与结余' as left_row_key, null as left_measure,
        'income_expenditure_summary' as right_table_type, null as right_row_key, null as right_measure
    from gk01
),

{%- set gk04_income_items = ['收入/一般公共预算财政拨款', '收入/政府性基金预算财政拨款', '收入/国有资本经营预算财政拨款'] %}
{%- set gk04_carry_items = ['收入/年初财政拨款结转和结余/一般公共预算财政拨款',
    '收入/年初财政拨款结转和结余/政府性基金预算财政拨款', '收入/年初财政拨款结转和结余/国有资本经营预算财政拨款'] %}
{%- set fund_columns = [('amount', '合计'), ('general_budget_amount', '一般公共预算财政拨款'),
    ('government_fund_amount', '政府性基金预算财政拨款'), ('state_capital_amount', '国有资本经营预算财政拨款')] %}

gk04 as (
    select
        fiscal_year, unit_name,
        {{ pick('收入/本年收入合计') }} as income_subtotal,
        {%- for key in gk04_income_items %}
        {{ pick(key) }} as income_item_{{ loop.index }},
        {%- endfor %}
        {{ pick('收入/年初财政拨款结转和结余') }} as carry_in,
        {%- for key in gk04_carry_items %}
        {{ pick(key) }} as carry_in_item_{{ loop.index }},
        {%- endfor %}
        {{ pick('收入/总计') }} as income_grand_total,
        {%- for measure, label in fund_columns %}
        {{ pick('支出/本年支出合计', measure) }} as expenditure_subtotal_{{ measure }},
        {{ pick('支出/年末财政拨款结转和结余', measure) }} as closing_{{ measure }},
        {{ pick('支出/总计', measure) }} as expenditure_grand_total_{{ measure }},
        {%- endfor %}
        count(*) as figure_count
    from amounts
    where table_code = 'fiscal_appropriation_summary'
    group by fiscal_year, unit_name
),

-- rule IN-04-INCOME-TOTAL
in_04_income_total as (
    select fiscal_year, unit_name, 'IN-04-INCOME-TOTAL' as rule_id,
        'fiscal_appropriation_summary/收入/总计' as subject_key, 'fiscal_appropriation_summary 收入总计' as subject,
        '收入总计' as left_label, income_grand_total as left_value,
        '本年收入合计 + 年初财政拨款结转和结余' as right_label, {{ printed_sum('income_subtotal + carry_in') }} as right_value,
        3 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, '收入/总计' as left_row_key, null as left_measure,
        'fiscal_appropriation_summary' as right_table_type, null as right_row_key, null as right_measure
    from gk04
),

-- rule IN-04-EXPEND-TOTAL
in_04_expend_total as (
    {%- for measure, label in fund_columns %}
    select fiscal_year, unit_name, 'IN-04-EXPEND-TOTAL' as rule_id,
        'fiscal_appropriation_summary/支出/总计/{{ measure }}' as subject_key, 'fiscal_appropriation_summary 支出总计（{{ label }}栏）' as subject,
        '支出总计' as left_label, expenditure_grand_total_{{ measure }} as left_value,
        '本年支出合计 + 年末财政拨款结转和结余' as right_label,
        {{ printed_sum('expenditure_subtotal_' ~ measure ~ ' + closing_' ~ measure) }} as right_value,
        3 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, '支出/总计' as left_row_key, '{{ measure }}' as left_measure,
        'fiscal_appropriation_summary' as right_table_type, null as right_row_key, '{{ measure }}' as right_measure
    from gk04
    {%- if not loop.last %} union all {% endif %}
    {%- endfor %}
),

-- rule IN-04-BALANCE
in_04_balance as (
    select fiscal_year, unit_name, 'IN-04-BALANCE' as rule_id,
        'fiscal_appropriation_summary/总计' as subject_key, 'fiscal_appropriation_summary 收支总计' as subject,
        '收入总计' as left_label, income_grand_total as left_value,
        '支出总计' as right_label, expenditure_grand_total_amount as right_value,
        2 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, null as left_row_key, null as left_measure,
        'fiscal_appropriation_summary' as right_table_type, null as right_row_key, null as right_measure
    from gk04
),

-- rule IN-04-CARRYOVER: per fund, 年末 = 年初 + 本年收入 − 本年支出
in_04_carryover as (
    {%- for measure, label in fund_columns %}
    {%- set i = loop.index0 %}
    select fiscal_year, unit_name, 'IN-04-CARRYOVER' as rule_id,
        'fiscal_appropriation_summary/支出/年末财政拨款结转和结余/{{ measure }}' as subject_key,
        'fiscal_appropriation_summary 年末财政拨款结转和结余（{{ label }}）' as subject,
        '年末财政拨款结转和结余' as left_label, closing_{{ measure }} as left_value,
        '年初结转和结余 + 本年收入 − 本年支出' as right_label,
        {%- if measure == 'amount' %}
        {{ printed_sum('carry_in + income_subtotal - expenditure_subtotal_amount') }} as right_value,
        {%- else %}
        {{ printed_sum('carry_in_item_' ~ i ~ ' + income_item_' ~ i ~ ' - expenditure_subtotal_' ~ measure) }} as right_value,
        {%- endif %}
        4 as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, '支出/年末财政拨款结转和结余' as left_row_key, '{{ measure }}' as left_measure,
        'fiscal_appropriation_summary' as right_table_type, null as right_row_key, null as right_measure
    from gk04
    {%- if not loop.last %} union all {% endif %}
    {%- endfor %}
),

-- rule IN-04-FUND-COLUMNS: each 支出 line, 合计栏 = the three fund columns
in_04_fund_columns as (
    select fiscal_year, unit_name, 'IN-04-FUND-COLUMNS' as rule_id,
        'fiscal_appropriation_summary/' || row_key as subject_key,
        'fiscal_appropriation_summary ' || any_value(name_as_printed) || '（行' || coalesce(any_value(line_no), any_value(printed_row_no)) || '）' as subject,
        '合计栏' as left_label, max(amount) filter (where measure = 'amount') as left_value,
        '三项财政拨款栏之和' as right_label, sum(amount) filter (where measure <> 'amount') as right_value,
        count(amount) as rounded_figures,
        'fiscal_appropriation_summary' as left_table_type, row_key as left_row_key, 'amount' as left_measure,
        'fiscal_appropriation_summary' as right_table_type, row_key as right_row_key, null as right_measure
    from amounts
    where table_code = 'fiscal_appropriation_summary' and side = '支出'
    group by fiscal_year, unit_name, row_key
),

-- rules IN-HIER-CLASS / IN-HIER-KUAN: a 类 equals the sum of its 款, a 款 the sum of its 项
-- (income_by_function, 03, 05, 06, 07, 08, every amount column)
hierarchy as (
    select
        parent.fiscal_year, parent.unit_name, parent.table_code, parent.row_key, parent.measure,
        any_value(parent.measure_label) as measure_label,
        any_value(parent.code_level) as code_level,
        any_value(parent.name_as_printed) as name_as_printed,
        any_value(parent.amount) as parent_amount,
        coalesce(sum(child.amount), 0) as children_sum,
        count(child.amount) as child_count
    from amounts as parent
    left join amounts as child
        on child.fiscal_year = parent.fiscal_year
        and child.unit_name = parent.unit_name
        and child.table_code = parent.table_code
        and child.measure = parent.measure
        and child.parent_code = parent.row_key
    where (parent.table_code in ('income_by_function', 'expenditure_by_function', 'general_budget_expenditure', 'government_fund', 'state_capital_expenditure') and parent.code_level in ('类', '款'))
       or (parent.table_code = 'basic_expenditure_by_economic' and parent.code_level = '类')
    group by parent.fiscal_year, parent.unit_name, parent.table_code, parent.row_key, parent.measure
),

in_hier as (
    select fiscal_year, unit_name,
        case code_level when '类' then 'IN-HIER-CLASS' else 'IN-HIER-KUAN' end as rule_id,
        table_code || '/' || row_key || '/' || measure as subject_key,
        table_code || ' ' || row_key || ' ' || name_as_printed || '（' || measure_label || '）' as subject,
        code_level || '金额' as left_label, parent_amount as left_value,
        case code_level when '类' then '所属各款之和' else '所属各项之和' end as right_label,
        case when parent_amount is null and child_count = 0 then null else children_sum end as right_value,
        child_count + 1 as rounded_figures,
        case when child_count = 0 then '未印下级科目' end as detail,
        table_code as left_table_type, row_key as left_row_key, measure as left_measure,
        table_code as right_table_type, null as right_row_key, measure as right_measure
    from hierarchy
),

-- rule IN-HIER-TOTAL: 合计 row equals the sum of the 类 rows
in_hier_total as (
    select fiscal_year, unit_name, 'IN-HIER-TOTAL' as rule_id,
        table_code || '/合计/' || measure as subject_key,
        table_code || ' 合计（' || any_value(measure_label) || '）' as subject,
        '合计' as left_label, max(amount) filter (where row_key = '合计') as left_value,
        '各类之和' as right_label,
        case when max(amount) filter (where row_key = '合计') is null and count(amount) filter (where code_level = '类') = 0 then null
             else coalesce(sum(amount) filter (where code_level = '类'), 0) end as right_value,
        count(amount) filter (where code_level = '类') + 1 as rounded_figures,
        table_code as left_table_type, '合计' as left_row_key, measure as left_measure,
        table_code as right_table_type, null as right_row_key, measure as right_measure
    from amounts
    where table_code in ('income_by_function', 'expenditure_by_function', 'general_budget_expenditure', 'government_fund', 'state_capital_expenditure')
    group by fiscal_year, unit_name, table_code, measure
),

{%- set row_parts = [
    ('income_by_function', 'total_income', ['fiscal_appropriation_income', 'superior_subsidy_income', 'business_income',
                                'operating_income', 'subsidiary_remittance_income', 'other_income']),
    ('expenditure_by_function', 'total_expenditure', ['basic_expenditure', 'project_expenditure', 'remittance_to_superior',
                                     'operating_expenditure', 'subsidy_to_subsidiaries']),
    ('general_budget_expenditure', 'subtotal', ['basic_expenditure', 'project_expenditure']),
    ('government_fund', 'expenditure_subtotal', ['basic_expenditure', 'project_expenditure']),
    ('state_capital_expenditure', 'subtotal', ['basic_expenditure', 'project_expenditure']),
] %}

-- rule IN-ROW-PARTS: on every row, the total column equals its column parts
in_row_parts as (
    {%- for table_code, total_measure, parts in row_parts %}
    select fiscal_year, unit_name, 'IN-ROW-PARTS' as rule_id,
        '{{ table_code }}/' || row_key || '/row' as subject_key,
        '{{ table_code }} ' || case when row_key = '合计' then '合计行' else row_key || ' ' || any_value(name_as_printed) end as subject,
        any_value(measure_label) filter (where measure = '{{ total_measure }}') as left_label,
        max(amount) filter (where measure = '{{ total_measure }}') as left_value,
        '各分栏之和' as right_label,
        sum(amount) filter (where measure in ('{{ parts | join("', '") }}')) as right_value,
        count(amount) filter (where measure in ('{{ total_measure }}', '{{ parts | join("', '") }}')) as rounded_figures,
        '{{ table_code }}' as left_table_type, row_key as left_row_key, '{{ total_measure }}' as left_measure,
        '{{ table_code }}' as right_table_type, row_key as right_row_key, null as right_measure
    from amounts
    where table_code = '{{ table_code }}'
    group by fiscal_year, unit_name, row_key
    {%- if not loop.last %} union all {% endif %}
    {%- endfor %}
),

-- rule IN-07-CARRYOVER: 年末 = 年初 + 本年收入 − 本年支出, on every row of government_fund
in_07_carryover as (
    select fiscal_year, unit_name, 'IN-07-CARRYOVER' as rule_id,
        'government_fund/' || row_key || '/closing_balance' as subject_key,
        'government_fund ' || row_key || ' 年末结转和结余' as subject,
        '年末结转和结余' as left_label, max(amount) filter (where measure = 'closing_balance') as left_value,
        '年初结转和结余 + 本年收入 − 本年支出' as right_label,
        -- a blank cell is nil (0); NULL only when none of the three is printed
        {{ printed_sum("max(amount) filter (where measure = 'opening_balance') + max(amount) filter (where measure = 'current_year_income') - max(amount) filter (where measure = 'expenditure_subtotal')") }} as right_value,
        4 as rounded_figures,
        'government_fund' as left_table_type, row_key as left_row_key, 'closing_balance' as left_measure,
        'government_fund' as right_table_type, row_key as right_row_key, null as right_measure
    from amounts
    where table_code = 'government_fund'
    group by fiscal_year, unit_name, row_key
),

-- rule IN-EMPTY-STATEMENT: government_fund/state_capital_expenditure print "故本表无数据" exactly when every amount is zero
disclosures as (
    select distinct fiscal_year, unit_name from amounts
),

statement_tables as (
    select table_code from (values ('government_fund'), ('state_capital_expenditure')) as listed (table_code)
),

empty_tables as (
    select disclosures.fiscal_year, disclosures.unit_name, statement_tables.table_code
    from disclosures
    cross join statement_tables
),

empty_statements as (
    select fiscal_year, unit_name, table_code, bool_or(states_table_empty) as states_table_empty
    from table_notes
    group by fiscal_year, unit_name, table_code
),

table_magnitudes as (
    select fiscal_year, unit_name, table_code, sum(abs(amount)) as absolute_sum, count(amount) as figure_count
    from amounts
    where table_code in ('government_fund', 'state_capital_expenditure')
    group by fiscal_year, unit_name, table_code
),

in_empty_statement as (
    select empty_tables.fiscal_year, empty_tables.unit_name, 'IN-EMPTY-STATEMENT' as rule_id,
        empty_tables.table_code || '/无数据说明' as subject_key,
        empty_tables.table_code || ' 空表说明' as subject,
        '所印说明' as left_label,
        case when coalesce(empty_statements.states_table_empty, false) then '有“本表无数据”说明' else '无说明' end as left_text,
        '按金额应有' as right_label,
        case when coalesce(table_magnitudes.absolute_sum, 0) = 0 then '有“本表无数据”说明' else '无说明' end as right_text,
        'text' as comparison,
        coalesce(table_magnitudes.absolute_sum, 0) as right_value,
        '表中金额绝对值之和 ' || coalesce(cast(table_magnitudes.absolute_sum as varchar), '0（无金额行）') as detail,
        empty_tables.table_code as left_table_type, null as left_row_key, null as left_measure,
        empty_tables.table_code as right_table_type, null as right_row_key, null as right_measure
    from empty_tables
    left join empty_statements
        on empty_tables.fiscal_year = empty_statements.fiscal_year
        and empty_tables.unit_name = empty_statements.unit_name
        and empty_tables.table_code = empty_statements.table_code
    left join table_magnitudes
        on empty_tables.fiscal_year = table_magnitudes.fiscal_year
        and empty_tables.unit_name = table_magnitudes.unit_name
        and empty_tables.table_code = table_magnitudes.table_code
),

{{ check_output(['sum_identity_checks', 'in_01_income_total', 'in_01_expend_total',
                 'in_01_balance', 'in_01_carryover', 'in_04_income_total', 'in_04_expend_total', 'in_04_balance',
                 'in_04_carryover', 'in_04_fund_columns', 'in_hier', 'in_hier_total', 'in_row_parts',
                 'in_07_carryover', 'in_empty_statement']) }}
