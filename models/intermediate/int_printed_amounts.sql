-- Every amount printed in income_expenditure_summary-three_public_expenditure, one row per (table, row key, measure), so the
-- reconciliation rules address a figure by name instead of by layout.
-- Row keys: income_expenditure_summary/fiscal_appropriation_summary "收入/<项目>" or "支出/<项目>" (年初结转 sub-lines of fiscal_appropriation_summary:
-- "收入/年初财政拨款结转和结余/<资金>"), 类 lines by 类 code; income_by_function/expenditure_by_function/05/07/08 the
-- function code or "合计"; basic_expenditure_by_economic the economic code or "人员经费合计"/"公用经费合计";
-- three_public_expenditure the expense item (measure budget/final).
with gk01 as (
    select * from {{ ref('stg_gk01_income_expenditure_summary') }}
),

gk02 as (
    select * from {{ ref('stg_gk02_income_by_function') }}
),

gk03 as (
    select * from {{ ref('stg_gk03_expenditure_by_function') }}
),

gk04 as (
    select * from {{ ref('stg_gk04_fiscal_appropriation_summary') }}
),

gk05 as (
    select * from {{ ref('stg_gk05_general_budget_expenditure') }}
),

gk06 as (
    select * from {{ ref('stg_gk06_basic_expenditure_by_economic') }}
),

gk07 as (
    select * from {{ ref('stg_gk07_government_fund') }}
),

gk08 as (
    select * from {{ ref('stg_gk08_state_capital_expenditure') }}
),

gk09 as (
    select * from {{ ref('stg_gk09_three_public_expenditure') }}
),

gk04_carry_in_start as (
    select fiscal_year, unit_name, min(printed_row_no) as carry_in_row_no
    from gk04
    where side = '收入' and item_name = '年初财政拨款结转和结余'
    group by fiscal_year, unit_name
),

summary_lines as (
    select
        gk01.fiscal_year, gk01.unit_name, 'income_expenditure_summary' as table_code, gk01.printed_row_no, gk01.printed_at,
        gk01.side, gk01.line_no,
        case when gk01.line_kind = '类' then gk01.function_code else gk01.side || '/' || gk01.item_name end as row_key,
        case when gk01.line_kind = '类' then '类' end as code_level,
        null::varchar as parent_code,
        gk01.item_name as name_as_printed,
        gk01.official_class_name as reference_name,
        'amount' as measure, '金额' as measure_label, gk01.amount, gk01.loaded_from
    from gk01
    where gk01.line_kind <> 'blank_line'

    {%- for measure, label in [('amount', '合计'), ('general_budget_amount', '一般公共预算财政拨款'),
                               ('government_fund_amount', '政府性基金预算财政拨款'),
                               ('state_capital_amount', '国有资本经营预算财政拨款')] %}
    union all
    select
        gk04.fiscal_year, gk04.unit_name, 'fiscal_appropriation_summary', gk04.printed_row_no, gk04.printed_at,
        gk04.side, gk04.line_no,
        case
            when gk04.line_kind = '类' then gk04.function_code
            when gk04.side = '收入' and gk04.printed_row_no > carry.carry_in_row_no and gk04.item_name <> '总计'
                then '收入/年初财政拨款结转和结余/' || gk04.item_name
            else gk04.side || '/' || gk04.item_name
        end,
        case when gk04.line_kind = '类' then '类' end,
        null::varchar,
        gk04.item_name,
        gk04.official_class_name,
        '{{ measure }}', '{{ label }}', gk04.{{ measure }}, gk04.loaded_from
    from gk04
    left join gk04_carry_in_start as carry
        on gk04.fiscal_year = carry.fiscal_year and gk04.unit_name = carry.unit_name
    where gk04.line_kind <> 'blank_line'
      {%- if measure != 'amount' %}
      and gk04.side = '支出'
      {%- endif %}
    {%- endfor %}
),

{%- set coded_tables = [
    ('gk02', 'income_by_function', [('total_income', '本年收入合计'), ('fiscal_appropriation_income', '财政拨款收入'),
                        ('superior_subsidy_income', '上级补助收入'), ('business_income', '事业收入'),
                        ('operating_income', '经营收入'), ('subsidiary_remittance_income', '附属单位上缴收入'),
                        ('other_income', '其他收入')]),
    ('gk03', 'expenditure_by_function', [('total_expenditure', '本年支出合计'), ('basic_expenditure', '基本支出'),
                        ('project_expenditure', '项目支出'), ('remittance_to_superior', '上缴上级支出'),
                        ('operating_expenditure', '经营支出'), ('subsidy_to_subsidiaries', '对附属单位补助支出')]),
    ('gk05', 'general_budget_expenditure', [('subtotal', '小计'), ('basic_expenditure', '基本支出'), ('project_expenditure', '项目支出')]),
    ('gk07', 'government_fund', [('opening_balance', '年初结转和结余'), ('current_year_income', '本年收入'),
                        ('expenditure_subtotal', '本年支出小计'), ('basic_expenditure', '基本支出'),
                        ('project_expenditure', '项目支出'), ('closing_balance', '年末结转和结余')]),
    ('gk08', 'state_capital_expenditure', [('subtotal', '小计'), ('basic_expenditure', '基本支出'), ('project_expenditure', '项目支出')]),
] %}

coded_rows as (
    {%- for cte, table_code, measures in coded_tables %}
    {%- set outer = loop %}
    {%- for measure, label in measures %}
    select
        fiscal_year, unit_name, '{{ table_code }}' as table_code, printed_row_no, printed_at,
        null::varchar as side, null::integer as line_no,
        coalesce(function_code, case when is_total_row then '合计' end) as row_key,
        code_level, parent_code, name_as_printed, official_name as reference_name,
        '{{ measure }}' as measure, '{{ label }}' as measure_label, {{ measure }} as amount, loaded_from
    from {{ cte }}
    {%- if not (outer.last and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

economic_rows as (
    select
        fiscal_year, unit_name, 'basic_expenditure_by_economic' as table_code, printed_row_no, printed_at,
        null::varchar as side, null::integer as line_no,
        case when row_kind = 'code' then economic_code else row_kind end as row_key,
        code_level, parent_code, name_as_printed, official_name as reference_name,
        'amount' as measure, '决算数' as measure_label, amount, loaded_from
    from gk06
),

three_public_rows as (
    select
        fiscal_year, unit_name, 'three_public_expenditure' as table_code, 1 as printed_row_no, printed_at,
        null::varchar as side, null::integer as line_no,
        expense_item as row_key,
        null::varchar as code_level, case when expense_item in ('vehicle_purchase', 'vehicle_operation') then 'vehicle_subtotal' when expense_item <> 'total' then 'total' end as parent_code,
        expense_item_name as name_as_printed, expense_item_name as reference_name,
        amount_kind as measure, amount_kind_name as measure_label, amount, loaded_from
    from gk09
),

-- a table printed empty with its empty-table statement (“本表无数据”, presence
-- empty_with_note) means nil: its totals are 0 for every rule that reads it, never 未印.
-- Rows not listed here (a code line) are absent, which the rules read as a blank (nil) cell.
declared_empty_tables as (
    select presence.fiscal_year, presence.unit_name, table_types.table_type, presence.printed_at, presence.empty_note
    from {{ ref('stg_table_presence') }} as presence
    inner join {{ ref('stg_ref_table_types') }} as table_types
        on presence.table_code = table_types.landing_code
    where presence.presence = 'empty_with_note' and coalesce(presence.figures_landed, 0) = 0
),

{%- set empty_table_figures = [] %}
{%- for measure, label in [('amount', '合计'), ('general_budget_amount', '一般公共预算财政拨款'),
                           ('government_fund_amount', '政府性基金预算财政拨款'), ('state_capital_amount', '国有资本经营预算财政拨款')] %}
  {%- do empty_table_figures.append(('fiscal_appropriation_summary', '支出/本年支出合计', measure, label)) %}
{%- endfor %}
{%- do empty_table_figures.append(('fiscal_appropriation_summary', '收入/本年收入合计', 'amount', '合计')) %}
{%- do empty_table_figures.append(('income_expenditure_summary', '收入/本年收入合计', 'amount', '金额')) %}
{%- do empty_table_figures.append(('income_expenditure_summary', '支出/本年支出合计', 'amount', '金额')) %}
{%- for cte, table_code, measures in coded_tables %}
  {%- for measure, label in measures %}
    {%- do empty_table_figures.append((table_code, '合计', measure, label)) %}
  {%- endfor %}
{%- endfor %}
{%- do empty_table_figures.append(('basic_expenditure_by_economic', '人员经费合计', 'amount', '决算数')) %}
{%- do empty_table_figures.append(('basic_expenditure_by_economic', '公用经费合计', 'amount', '决算数')) %}
{%- for item in ['total', 'overseas_travel', 'vehicle_subtotal', 'vehicle_purchase', 'vehicle_operation', 'official_reception'] %}
  {%- do empty_table_figures.append(('three_public_expenditure', item, 'budget', '预算数')) %}
  {%- do empty_table_figures.append(('three_public_expenditure', item, 'final', '决算数')) %}
{%- endfor %}

empty_table_figures as (
    select * from (values
    {%- for table_code, row_key, measure, label in empty_table_figures %}
        ('{{ table_code }}', '{{ row_key }}', '{{ measure }}', '{{ label }}'){% if not loop.last %},{% endif %}
    {%- endfor %}
    ) as figures (table_code, row_key, measure, measure_label)
),

declared_empty_rows as (
    select
        declared_empty_tables.fiscal_year, declared_empty_tables.unit_name, empty_table_figures.table_code,
        null::integer as printed_row_no,
        coalesce(declared_empty_tables.printed_at || '，', '') || '空表说明：' || declared_empty_tables.empty_note as printed_at,
        case when empty_table_figures.row_key like '%/%' then split_part(empty_table_figures.row_key, '/', 1) end as side,
        null::integer as line_no,
        empty_table_figures.row_key,
        null::varchar as code_level, null::varchar as parent_code,
        null::varchar as name_as_printed, null::varchar as reference_name,
        empty_table_figures.measure, empty_table_figures.measure_label,
        0::decimal(18, 2) as amount,
        -- the empty-table statement is read from a document (the reference transcription
        -- prints its tables' figures)
        'document' as loaded_from
    from declared_empty_tables
    inner join empty_table_figures
        on declared_empty_tables.table_type = empty_table_figures.table_code
),

landed_amounts as (
    select * from summary_lines
    union all by name
    select * from coded_rows
    union all by name
    select * from economic_rows
    union all by name
    select * from three_public_rows
),

-- a declared-empty table's landed rows (a 合计 row printed blank) give way to its 0s
all_amounts as (
    select landed_amounts.*
    from landed_amounts
    anti join declared_empty_rows
        on landed_amounts.fiscal_year = declared_empty_rows.fiscal_year
        and landed_amounts.unit_name = declared_empty_rows.unit_name
        and landed_amounts.table_code = declared_empty_rows.table_code
        and landed_amounts.row_key = declared_empty_rows.row_key
        and landed_amounts.measure = declared_empty_rows.measure
        and landed_amounts.amount is null
    union all by name
    select declared_empty_rows.*
    from declared_empty_rows
    anti join landed_amounts
        on landed_amounts.fiscal_year = declared_empty_rows.fiscal_year
        and landed_amounts.unit_name = declared_empty_rows.unit_name
        and landed_amounts.table_code = declared_empty_rows.table_code
        and landed_amounts.row_key = declared_empty_rows.row_key
        and landed_amounts.measure = declared_empty_rows.measure
        and landed_amounts.amount is not null
),

with_columns as (
    select
        fiscal_year,
        unit_name,
        table_code,
        row_key,
        measure,
        measure_label,
        amount,
        printed_row_no,
        printed_at,
        side,
        line_no,
        code_level,
        parent_code,
        name_as_printed,
        reference_name,
        loaded_from
    from all_amounts
),

-- one figure per (table, row key, measure): a landed row key read twice keeps the first printed
-- (the others are READ-DUPLICATE in int_read_problems; macros/read_problems.sql)
{{ first_read('with_columns') }}
