-- Each numeric reconciliation check that is a linear equality of printed figures, stated as
-- its terms: one row per (check, printed figure) with the figure's integer coefficient, so that
--     sum(coefficient × amount) over a check's rows = coalesce(left_value, 0) − coalesce(right_value, 0)
-- of the check in int_checks_unioned. A blank cell of a printed row is nil: its term has amount 0
-- (it adds nothing to the sum, but it is a figure the localization may read otherwise — the first
-- row of a shifted table prints blank where its figures belong). Error localization (issue 19) reads the identities from here: which printed figure, if
-- corrected, makes the failing checks hold. Each family below reproduces a rule model's identity
-- from the same inputs (int_checks_within_table, int_checks_across_tables, int_checks_narrative,
-- int_checks_performance); tests/assert_check_terms_faithful.sql proves that every judged check of
-- a rule with terms sums to its difference. Rates, growth, wording, codes, names, at-most
-- comparisons, counts (N-COUNT) and comparisons with a set constant (P-MANAGEMENT-WEIGHT) have
-- no terms. Figures: a table figure is keyed "<table_code>/<row_key>/<measure>"
-- (int_printed_amounts), a narrative one "narrative/<staging model>/<its row>[/<amount>]", an
-- appendix one "appendix/<part>/<project_no>/<row>/<measure>".
with amounts as (
    select * replace (coalesce(amount, 0) as amount)
    from {{ ref('int_printed_amounts') }}
),

narrative_figures as (
    select * from {{ ref('stg_narrative_figures') }}
),

counterparts as (
    select * from {{ ref('stg_ref_narrative_counterparts') }}
),

-- the per-项 accounts of every account (一般公共预算, 政府性基金, 国有资本经营, budget_topic), each
-- with its item_ref and the table and column its 决算 is printed in (int_narrative_items), as
-- int_checks_narrative names them
narrative_items as (
    select * replace (coalesce(budget_topic, 'general_budget') as budget_topic)
    from {{ ref('int_narrative_items') }}
),

general_budget_items as (
    select * from narrative_items
    where budget_topic = 'general_budget'
),

project_funds as (
    select * from {{ ref('stg_project_funds') }}
    where fund_source is not null
),

projects as (
    select * from {{ ref('int_project_totals') }}
),

fund_management as (
    select * from {{ ref('stg_project_fund_management') }}
),

-- the indicators as the rule reads them (int_indicator_scores), where they are printed (staging)
indicators as (
    select indicator_scores.*, printed.printed_at
    from {{ ref('int_indicator_scores') }} as indicator_scores
    left join {{ ref('stg_project_indicators') }} as printed
        on printed.fiscal_year = indicator_scores.fiscal_year
        and printed.unit_name = indicator_scores.unit_name
        and printed.project_no = indicator_scores.project_no
        and printed.indicator_row_no = indicator_scores.indicator_row_no
),

evaluations as (
    select * from {{ ref('stg_project_evaluations') }}
),

project_results as (
    select * from {{ ref('stg_narrative_project_results') }}
    where stated_total_score is not null
),

checks as (
    select fiscal_year, unit_name, rule_id, subject_key
    from {{ ref('int_checks_unioned') }}
    where comparison = 'equal'
),

-- family 1, the sum identities of seeds/ref_sum_identities.csv (IN-01-INCOME-SUM, IN-04-*-SUM,
-- IN-06-*, IN-09-*): the total row +1, each part row (listed, or of the part code level) −1
sum_identities as (
    select *, string_split(part_row_keys, '|') as part_keys
    from {{ ref('ref_sum_identities') }}
),

sum_identity_terms as (
    select
        amounts.fiscal_year, amounts.unit_name, sum_identities.rule_id,
        sum_identities.table_type || '/' || sum_identities.total_row_key
            || case when sum_identities.key_names_column then '/' || sum_identities.measure else '' end as subject_key,
        amounts.table_code, amounts.row_key, amounts.measure,
        case when amounts.row_key = sum_identities.total_row_key then 1 else -1 end as coefficient
    from sum_identities
    inner join amounts
        on amounts.table_code = sum_identities.table_type
        and amounts.measure = sum_identities.measure
    where amounts.row_key = sum_identities.total_row_key
        or list_contains(sum_identities.part_keys, amounts.row_key)
        or amounts.code_level = sum_identities.part_code_level
),

-- family 2, identities between named figures (one check each): totals, balances and
-- carryovers within income_expenditure_summary and fiscal_appropriation_summary, and the 表间
-- equalities of named totals. Each entry: rule, subject key, and its figures as
-- (table, row key, measure, coefficient); the left side +1, the right side −1.
{%- set s = 'income_expenditure_summary' %}
{%- set f = 'fiscal_appropriation_summary' %}
{%- set named_identities = [
    ('IN-01-INCOME-TOTAL', s ~ '/收入/总计', [(s, '收入/总计', 'amount', 1), (s, '收入/本年收入合计', 'amount', -1),
        (s, '收入/使用非财政拨款结余和专用结余', 'amount', -1), (s, '收入/年初结转和结余', 'amount', -1)]),
    ('IN-01-EXPEND-TOTAL', s ~ '/支出/总计', [(s, '支出/总计', 'amount', 1), (s, '支出/本年支出合计', 'amount', -1),
        (s, '支出/结余分配', 'amount', -1), (s, '支出/年末结转与结余', 'amount', -1)]),
    ('IN-01-BALANCE', s ~ '/总计', [(s, '收入/总计', 'amount', 1), (s, '支出/总计', 'amount', -1)]),
    ('IN-01-CARRYOVER', s ~ '/支出/年末结转与结余', [(s, '支出/年末结转与结余', 'amount', 1), (s, '收入/年初结转和结余', 'amount', -1),
        (s, '收入/本年收入合计', 'amount', -1), (s, '收入/使用非财政拨款结余和专用结余', 'amount', -1),
        (s, '支出/本年支出合计', 'amount', 1), (s, '支出/结余分配', 'amount', 1)]),
    ('IN-04-INCOME-TOTAL', f ~ '/收入/总计', [(f, '收入/总计', 'amount', 1), (f, '收入/本年收入合计', 'amount', -1),
        (f, '收入/年初财政拨款结转和结余', 'amount', -1)]),
    ('IN-04-BALANCE', f ~ '/总计', [(f, '收入/总计', 'amount', 1), (f, '支出/总计', 'amount', -1)]),
    ('IN-04-CARRYOVER', f ~ '/支出/年末财政拨款结转和结余/amount', [(f, '支出/年末财政拨款结转和结余', 'amount', 1),
        (f, '收入/年初财政拨款结转和结余', 'amount', -1), (f, '收入/本年收入合计', 'amount', -1), (f, '支出/本年支出合计', 'amount', 1)]),
    ('X-01-04-FISCAL-INCOME', s ~ '-' ~ f ~ '/本年收入合计', [(f, '收入/本年收入合计', 'amount', 1),
        (s, '收入/一般公共预算财政拨款收入', 'amount', -1), (s, '收入/政府性基金预算财政拨款收入', 'amount', -1),
        (s, '收入/国有资本经营预算财政拨款收入', 'amount', -1)]),
    ('X-01-03-EXPEND', s ~ '-expenditure_by_function/合计', [(s, '支出/本年支出合计', 'amount', 1),
        ('expenditure_by_function', '合计', 'total_expenditure', -1)]),
    ('X-04-05-GENERAL', f ~ '-general_budget_expenditure/合计', [(f, '支出/本年支出合计', 'general_budget_amount', 1),
        ('general_budget_expenditure', '合计', 'subtotal', -1)]),
    ('X-04-07-FUND', f ~ '-government_fund/本年支出', [(f, '支出/本年支出合计', 'government_fund_amount', 1),
        ('government_fund', '合计', 'expenditure_subtotal', -1)]),
    ('X-04-07-FUND', f ~ '-government_fund/本年收入', [(f, '收入/政府性基金预算财政拨款', 'amount', 1),
        ('government_fund', '合计', 'current_year_income', -1)]),
    ('X-04-07-FUND', f ~ '-government_fund/年初结转', [(f, '收入/年初财政拨款结转和结余/政府性基金预算财政拨款', 'amount', 1),
        ('government_fund', '合计', 'opening_balance', -1)]),
    ('X-04-08-CAPITAL', f ~ '-state_capital_expenditure/本年支出', [(f, '支出/本年支出合计', 'state_capital_amount', 1),
        ('state_capital_expenditure', '合计', 'subtotal', -1)]),
    ('X-05-06-BASIC', 'general_budget_expenditure-basic_expenditure_by_economic/基本支出', [
        ('general_budget_expenditure', '合计', 'basic_expenditure', 1),
        ('basic_expenditure_by_economic', '人员经费合计', 'amount', -1), ('basic_expenditure_by_economic', '公用经费合计', 'amount', -1)]),
    ('X-INCOME-CARRYOVER', 'expenditure_by_function-income_by_function/合计', [
        ('expenditure_by_function', '合计', 'total_expenditure', 1), ('income_by_function', '合计', 'total_income', -1),
        (s, '收入/年初结转和结余', 'amount', -1), (s, '收入/使用非财政拨款结余和专用结余', 'amount', -1),
        (s, '支出/年末结转与结余', 'amount', 1), (s, '支出/结余分配', 'amount', 1)]),
] %}
{#- per fund column of fiscal_appropriation_summary: 支出总计 = 本年支出合计 + 年末; 年末 = 年初 + 本年收入 − 本年支出 -#}
{%- set fund_columns = [('general_budget_amount', '一般公共预算财政拨款'), ('government_fund_amount', '政府性基金预算财政拨款'),
                        ('state_capital_amount', '国有资本经营预算财政拨款')] %}
{%- for measure in ['amount'] + fund_columns | map('first') | list %}
  {%- do named_identities.append(('IN-04-EXPEND-TOTAL', f ~ '/支出/总计/' ~ measure, [(f, '支出/总计', measure, 1),
        (f, '支出/本年支出合计', measure, -1), (f, '支出/年末财政拨款结转和结余', measure, -1)])) %}
{%- endfor %}
{%- for measure, label in fund_columns %}
  {%- do named_identities.append(('IN-04-CARRYOVER', f ~ '/支出/年末财政拨款结转和结余/' ~ measure, [
        (f, '支出/年末财政拨款结转和结余', measure, 1), (f, '收入/年初财政拨款结转和结余/' ~ label, 'amount', -1),
        (f, '收入/' ~ label, 'amount', -1), (f, '支出/本年支出合计', measure, 1)])) %}
{%- endfor %}
{#- 表间 X-01-02-INCOME: each income of income_expenditure_summary (a sum of its lines) = the 合计 row of income_by_function -#}
{%- set gk02_sources = [
    (['收入/一般公共预算财政拨款收入', '收入/政府性基金预算财政拨款收入', '收入/国有资本经营预算财政拨款收入'], 'fiscal_appropriation_income'),
    (['收入/上级补助收入'], 'superior_subsidy_income'), (['收入/事业收入'], 'business_income'),
    (['收入/经营收入'], 'operating_income'), (['收入/附属单位上缴收入'], 'subsidiary_remittance_income'),
    (['收入/其他收入'], 'other_income'), (['收入/本年收入合计'], 'total_income'),
] %}
{%- for gk01_keys, gk02_measure in gk02_sources %}
  {%- set figures = [] %}
  {%- for key in gk01_keys %}{% do figures.append((s, key, 'amount', 1)) %}{% endfor %}
  {%- do figures.append(('income_by_function', '合计', gk02_measure, -1)) %}
  {%- do named_identities.append(('X-01-02-INCOME', s ~ '-income_by_function/' ~ gk02_measure, figures)) %}
{%- endfor %}

named_identities as (
    select * from (values
    {%- for rule_id, subject_key, figures in named_identities %}
        {%- set outer = loop %}
        {%- for table_code, row_key, measure, coefficient in figures %}
        ('{{ rule_id }}', '{{ subject_key }}', '{{ table_code }}', '{{ row_key }}', '{{ measure }}', {{ coefficient }}){% if not (outer.last and loop.last) %},{% endif %}
        {%- endfor %}
    {%- endfor %}
    ) as identities (rule_id, subject_key, table_code, row_key, measure, coefficient)
),

named_identity_terms as (
    select
        amounts.fiscal_year, amounts.unit_name, named_identities.rule_id, named_identities.subject_key,
        amounts.table_code, amounts.row_key, amounts.measure, named_identities.coefficient
    from named_identities
    inner join amounts
        on amounts.table_code = named_identities.table_code
        and amounts.row_key = named_identities.row_key
        and amounts.measure = named_identities.measure
),

-- family 3, identities across the columns of every row (one check per row): IN-ROW-PARTS (the
-- total column = its column parts), IN-04-FUND-COLUMNS (合计栏 = the three fund columns, 支出
-- lines), IN-07-CARRYOVER (年末 = 年初 + 本年收入 − 本年支出). Each entry: rule, table, the
-- subject key's suffix after the row key, the side the rows are on, and (measure, coefficient).
{%- set row_identities = [
    ('IN-ROW-PARTS', 'income_by_function', '/row', none, [('total_income', 1), ('fiscal_appropriation_income', -1),
        ('superior_subsidy_income', -1), ('business_income', -1), ('operating_income', -1),
        ('subsidiary_remittance_income', -1), ('other_income', -1)]),
    ('IN-ROW-PARTS', 'expenditure_by_function', '/row', none, [('total_expenditure', 1), ('basic_expenditure', -1),
        ('project_expenditure', -1), ('remittance_to_superior', -1), ('operating_expenditure', -1), ('subsidy_to_subsidiaries', -1)]),
    ('IN-ROW-PARTS', 'general_budget_expenditure', '/row', none, [('subtotal', 1), ('basic_expenditure', -1), ('project_expenditure', -1)]),
    ('IN-ROW-PARTS', 'government_fund', '/row', none, [('expenditure_subtotal', 1), ('basic_expenditure', -1), ('project_expenditure', -1)]),
    ('IN-ROW-PARTS', 'state_capital_expenditure', '/row', none, [('subtotal', 1), ('basic_expenditure', -1), ('project_expenditure', -1)]),
    ('IN-04-FUND-COLUMNS', f, '', '支出', [('amount', 1), ('general_budget_amount', -1), ('government_fund_amount', -1), ('state_capital_amount', -1)]),
    ('IN-07-CARRYOVER', 'government_fund', '/closing_balance', none, [('closing_balance', 1), ('opening_balance', -1),
        ('current_year_income', -1), ('expenditure_subtotal', 1)]),
] %}

row_identities as (
    select * from (values
    {%- for rule_id, table_code, key_suffix, side, columns in row_identities %}
        {%- set outer = loop %}
        {%- for measure, coefficient in columns %}
        ('{{ rule_id }}', '{{ table_code }}', '{{ key_suffix }}', {{ "'" ~ side ~ "'" if side else 'null' }}, '{{ measure }}', {{ coefficient }}){% if not (outer.last and loop.last) %},{% endif %}
        {%- endfor %}
    {%- endfor %}
    ) as identities (rule_id, table_code, key_suffix, side, measure, coefficient)
),

row_identity_terms as (
    select
        amounts.fiscal_year, amounts.unit_name, row_identities.rule_id,
        amounts.table_code || '/' || amounts.row_key || row_identities.key_suffix as subject_key,
        amounts.table_code, amounts.row_key, amounts.measure, row_identities.coefficient
    from row_identities
    inner join amounts
        on amounts.table_code = row_identities.table_code
        and amounts.measure = row_identities.measure
        and (row_identities.side is null or amounts.side = row_identities.side)
),

-- family 4, the classification hierarchy of a column: IN-HIER-CLASS / IN-HIER-KUAN (a 类 or 款
-- row +1, each row whose parent it is −1) and IN-HIER-TOTAL (the 合计 row +1, each 类 row −1)
hierarchy_parents as (
    select fiscal_year, unit_name, table_code, row_key, measure, code_level
    from {{ ref('int_printed_amounts') }}
    where (table_code in ('income_by_function', 'expenditure_by_function', 'general_budget_expenditure', 'government_fund', 'state_capital_expenditure')
           and code_level in ('类', '款'))
       or (table_code = 'basic_expenditure_by_economic' and code_level = '类')
),

hierarchy_terms as (
    select
        hierarchy_parents.fiscal_year, hierarchy_parents.unit_name,
        case hierarchy_parents.code_level when '类' then 'IN-HIER-CLASS' else 'IN-HIER-KUAN' end as rule_id,
        hierarchy_parents.table_code || '/' || hierarchy_parents.row_key || '/' || hierarchy_parents.measure as subject_key,
        amounts.table_code, amounts.row_key, amounts.measure,
        case when amounts.row_key = hierarchy_parents.row_key then 1 else -1 end as coefficient
    from hierarchy_parents
    inner join amounts
        on amounts.fiscal_year = hierarchy_parents.fiscal_year
        and amounts.unit_name = hierarchy_parents.unit_name
        and amounts.table_code = hierarchy_parents.table_code
        and amounts.measure = hierarchy_parents.measure
        and (amounts.row_key = hierarchy_parents.row_key or amounts.parent_code = hierarchy_parents.row_key)
    union all
    select
        fiscal_year, unit_name, 'IN-HIER-TOTAL',
        table_code || '/合计/' || measure,
        table_code, row_key, measure,
        case when row_key = '合计' then 1 else -1 end
    from amounts
    where table_code in ('income_by_function', 'expenditure_by_function', 'general_budget_expenditure', 'government_fund', 'state_capital_expenditure')
      and (row_key = '合计' or code_level = '类')
),

-- family 5, a figure of one table row equal to a figure (or a sum) of another, per code:
-- X-01-03-EXPEND and X-04-05-GENERAL per 类 line, X-FUNC-ECON per function ↔ economic pair
-- (seeds/ref_function_economic_pairs.csv)
{%- set class_pairs = [
    ('X-01-03-EXPEND', s ~ '-expenditure_by_function/', s, 'amount', 'expenditure_by_function', 'total_expenditure'),
    ('X-04-05-GENERAL', f ~ '-general_budget_expenditure/', f, 'general_budget_amount', 'general_budget_expenditure', 'subtotal'),
] %}
class_pairs as (
    select * from (values
    {%- for rule_id, key_prefix, left_table, left_measure, right_table, right_measure in class_pairs %}
        ('{{ rule_id }}', '{{ key_prefix }}', '{{ left_table }}', '{{ left_measure }}', 1),
        ('{{ rule_id }}', '{{ key_prefix }}', '{{ right_table }}', '{{ right_measure }}', -1){% if not loop.last %},{% endif %}
    {%- endfor %}
    ) as pairs (rule_id, key_prefix, table_code, measure, coefficient)
),

function_economic_pairs as (
    select *, string_split(economic_codes, '|') as economic_code_list
    from {{ ref('ref_function_economic_pairs') }}
),

code_pair_terms as (
    select
        amounts.fiscal_year, amounts.unit_name, class_pairs.rule_id, class_pairs.key_prefix || amounts.row_key as subject_key,
        amounts.table_code, amounts.row_key, amounts.measure, class_pairs.coefficient
    from class_pairs
    inner join amounts
        on amounts.table_code = class_pairs.table_code
        and amounts.measure = class_pairs.measure
        and amounts.code_level = '类'
    union all
    select
        amounts.fiscal_year, amounts.unit_name, 'X-FUNC-ECON',
        'general_budget_expenditure-basic_expenditure_by_economic/' || pairs.function_code,
        amounts.table_code, amounts.row_key, amounts.measure,
        case when amounts.table_code = 'general_budget_expenditure' then 1 else -1 end
    from function_economic_pairs as pairs
    inner join amounts
        on (amounts.table_code = 'general_budget_expenditure' and amounts.measure = 'basic_expenditure'
            and amounts.row_key = pairs.function_code)
        or (amounts.table_code = 'basic_expenditure_by_economic' and amounts.measure = 'amount'
            and list_contains(pairs.economic_code_list, amounts.row_key))
),

table_terms as (
    select * from sum_identity_terms
    union all
    select * from named_identity_terms
    union all
    select * from row_identity_terms
    union all
    select * from hierarchy_terms
    union all
    select * from code_pair_terms
),

-- the narrative's statements as figures: each stated figure (stg_narrative_figures, keyed
-- "narrative/figures/<figure_no>") and each per-项 account's stated amounts
-- (stg_narrative_function_budget through int_narrative_items, keyed
-- "narrative/function_budget/<printed_row_no>/<final_amount|initial_budget|full_year_budget|budget>")
stated_figures as (
    select fiscal_year, unit_name, 'narrative/figures/' || figure_no as figure_key,
        case when metric = 'nil' then 0 else stated_value end as amount, printed_at
    from narrative_figures
    where metric = 'nil' or stated_value is not null
),

{% set item_amounts = ['stated_final_amount', 'stated_initial_budget', 'stated_full_year_budget', 'stated_budget'] -%}
stated_item_figures as (
    {%- for column in item_amounts %}
    select fiscal_year, unit_name, 'narrative/function_budget/' || printed_row_no || '/{{ column | replace("stated_", "") }}' as figure_key,
        {{ column }} as amount, printed_at
    from narrative_items
    where {{ column }} is not null
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

-- a narrative figure other statements restate (a counterpart of source 'narrative'): the
-- rule reads the largest signed value stated for its (topic, subject, metric); the first
-- statement giving that value is its figure
narrative_values as (
    select fiscal_year, unit_name, topic || '|' || subject_key || '|' || metric as ref,
        arg_max(figure_no, [stated_value * coalesce(change_sign, 1), -1 * figure_no]) as figure_no,
        arg_max(coalesce(change_sign, 1), [stated_value * coalesce(change_sign, 1), -1 * figure_no]) as sign
    from narrative_figures
    where subject_key not in ('class', 'unclassified', 'in_reason') and stated_value is not null
    group by fiscal_year, unit_name, topic, subject_key, metric
),

-- family 6, N-AMOUNT: a stated amount (+1) against the table figure it restates (−1), or the
-- narrative figure it restates (− its sign)
restatements as (
    select
        narrative_figures.fiscal_year, narrative_figures.unit_name, narrative_figures.figure_no,
        counterparts.numerator_source,
        replace(counterparts.numerator_ref, '{class_code}', coalesce(narrative_figures.class_code, '?')) as numerator_ref
    from narrative_figures
    inner join counterparts
        on narrative_figures.topic = counterparts.topic
        and narrative_figures.subject_key = counterparts.subject_key
        and narrative_figures.metric = counterparts.metric
    where counterparts.check_kind = 'amount' and counterparts.numerator_source in ('table', 'narrative')
),

n_amount_terms as (
    select fiscal_year, unit_name, 'N-AMOUNT' as rule_id, 'narrative/' || figure_no as subject_key,
        'narrative/figures/' || figure_no as figure_key, 1 as coefficient
    from restatements
    union all
    select restatements.fiscal_year, restatements.unit_name, 'N-AMOUNT', 'narrative/' || restatements.figure_no,
        split_part(restatements.numerator_ref, '|', 1) || '/' || split_part(restatements.numerator_ref, '|', 2)
            || '/' || split_part(restatements.numerator_ref, '|', 3),
        -1
    from restatements
    where restatements.numerator_source = 'table'
    union all
    select restatements.fiscal_year, restatements.unit_name, 'N-AMOUNT', 'narrative/' || restatements.figure_no,
        'narrative/figures/' || narrative_values.figure_no, -1 * narrative_values.sign
    from restatements
    inner join narrative_values
        on narrative_values.fiscal_year = restatements.fiscal_year
        and narrative_values.unit_name = restatements.unit_name
        and narrative_values.ref = restatements.numerator_ref
    where restatements.numerator_source = 'narrative'
),

-- family 7, N-INITIAL-SUM: the stated 一般公共预算 budget of a basis (+1) against each 项's
-- stated budget of that basis (−1), where every 项 states it (else the rule has no sum)
basis_labels as (
    select basis as budget_basis
    from {{ ref('vocab_budget_bases') }}
    where is_basis_label = 'true'
),

complete_bases as (
    {%- for column in item_amounts[1:] %}
    select fiscal_year, unit_name, '{{ column | replace("stated_", "") }}' as budget_basis
    from general_budget_items
    group by fiscal_year, unit_name
    having count({{ column }}) = count(*)
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

n_initial_sum_terms as (
    select narrative_figures.fiscal_year, narrative_figures.unit_name, 'N-INITIAL-SUM' as rule_id,
        'narrative/' || narrative_figures.figure_no as subject_key,
        'narrative/figures/' || narrative_figures.figure_no as figure_key, 1 as coefficient
    from narrative_figures
    semi join basis_labels
        on basis_labels.budget_basis = narrative_figures.metric
    where narrative_figures.topic = 'general_budget' and narrative_figures.subject_key = 'general_budget'
      and narrative_figures.metric in ('initial_budget', 'full_year_budget', 'budget')
    union all
    select narrative_figures.fiscal_year, narrative_figures.unit_name, 'N-INITIAL-SUM',
        'narrative/' || narrative_figures.figure_no,
        'narrative/function_budget/' || general_budget_items.printed_row_no || '/' || narrative_figures.metric, -1
    from narrative_figures
    semi join basis_labels
        on basis_labels.budget_basis = narrative_figures.metric
    inner join complete_bases
        on complete_bases.fiscal_year = narrative_figures.fiscal_year
        and complete_bases.unit_name = narrative_figures.unit_name
        and complete_bases.budget_basis = narrative_figures.metric
    inner join general_budget_items
        on general_budget_items.fiscal_year = narrative_figures.fiscal_year
        and general_budget_items.unit_name = narrative_figures.unit_name
    where narrative_figures.topic = 'general_budget' and narrative_figures.subject_key = 'general_budget'
      and narrative_figures.metric in ('initial_budget', 'full_year_budget', 'budget')
),

-- family 8, N-ITEM-FINAL: a 项's stated 决算 (+1) against its 决算 in its account's table (−1):
-- general_budget_expenditure subtotal, government_fund expenditure_subtotal, state_capital_expenditure subtotal
n_item_final_terms as (
    select fiscal_year, unit_name, 'N-ITEM-FINAL' as rule_id, 'narrative-item/' || item_ref as subject_key,
        'narrative/function_budget/' || printed_row_no || '/final_amount' as figure_key, 1 as coefficient
    from narrative_items
    where function_code is not null and item_table is not null
    union all
    select fiscal_year, unit_name, 'N-ITEM-FINAL', 'narrative-item/' || item_ref,
        item_table || '/' || function_code || '/' || item_measure, -1
    from narrative_items
    where function_code is not null and item_table is not null
),

-- family 9, N-PARTS-SUM: a stated total (+1) against its stated parts (−1): 政府采购 = 货物 +
-- 工程 + 服务, 车辆 = each kind of 用车
part_figures as (
    select fiscal_year, unit_name, topic, figure_no,
        case when topic = 'procurement' then 'procurement_total' else 'vehicles' end as total_key
    from narrative_figures
    where (topic = 'procurement' and subject_key in ('goods', 'works', 'services') and metric = 'amount')
       or (topic = 'assets' and subject_key = 'vehicle_category' and metric = 'count')
),

n_parts_sum_terms as (
    select totals.fiscal_year, totals.unit_name, 'N-PARTS-SUM' as rule_id, 'narrative/' || totals.figure_no as subject_key,
        'narrative/figures/' || totals.figure_no as figure_key, 1 as coefficient
    from narrative_figures as totals
    semi join part_figures
        on part_figures.fiscal_year = totals.fiscal_year and part_figures.unit_name = totals.unit_name
        and part_figures.topic = totals.topic and part_figures.total_key = totals.subject_key
    where totals.metric in ('amount', 'count')
    union all
    select totals.fiscal_year, totals.unit_name, 'N-PARTS-SUM', 'narrative/' || totals.figure_no,
        'narrative/figures/' || part_figures.figure_no, -1
    from narrative_figures as totals
    inner join part_figures
        on part_figures.fiscal_year = totals.fiscal_year and part_figures.unit_name = totals.unit_name
        and part_figures.topic = totals.topic and part_figures.total_key = totals.subject_key
    where totals.metric in ('amount', 'count')
),

narrative_terms as (
    select * from n_amount_terms
    union all
    select * from n_initial_sum_terms
    union all
    select * from n_item_final_terms
    union all
    select * from n_parts_sum_terms
),

-- family 10, the appendix (附件项目支出绩效自评表): P-FUND-SUM (年度资金总额 +1, each 资金来源 −1,
-- per amount column), X-PROJECTS-TOTAL (each project's 全年执行数 +1, expenditure_by_function 合计
-- 项目支出 −1), X-PROJECTS-BY-CODE (the projects mapped to a 项 +1, its general_budget_expenditure
-- 项目支出 −1), P-WEIGHT-TOTAL (the 分值 of 执行率, of each 资金管理 item and of each indicator +1, the
-- printed 总分值 −1), P-TOTAL-SCORE (the printed 总分 +1, the 得分 of 执行率, of each 资金管理 item and
-- of each indicator −1) and N-PROJECT-SCORE (the narrative's stated 总得分 +1, the printed 总分 −1).
-- An appendix figure is keyed "appendix/<part>/<project_no>/<row>/<measure>": the part's landed
-- file, the row (资金来源 of project_funds, the row number of project_fund_management and
-- project_indicators, "total" of project_evaluations) and the column.
{% set appendix_parts = [
    ('project_funds', 'project_funds', 'fund_source', 'fund_row_no',
        [('initial_budget', 'initial_budget'), ('annual_budget', 'annual_budget'), ('executed_amount', 'executed_amount'),
         ('weight', 'weight'), ('score', 'printed_score')]),
    ('project_fund_management', 'fund_management', 'item_row_no', 'item_row_no', [('weight', 'weight'), ('score', 'printed_score')]),
    ('project_indicators', 'indicators', 'indicator_row_no', 'indicator_row_no', [('weight', 'weight'), ('score', 'printed_score')]),
    ('project_evaluations', 'evaluations', "'total'", 'null', [('weight', 'total_weight'), ('score', 'printed_total_score')]),
] -%}
appendix_figures as (
    {%- for part, cte, row_id, row_no, measures in appendix_parts %}
    {%- set outer = loop %}
    {%- for measure, column in measures %}
    select fiscal_year, unit_name, project_no, '{{ part }}' as part, cast({{ row_id }} as varchar) as row_id,
        cast({{ row_no }} as integer) as printed_row_no, printed_at,
        '{{ measure }}' as measure, {{ column }} as amount,
        'appendix/{{ part }}/' || project_no || '/' || {{ row_id }} || '/{{ measure }}' as figure_key
    from {{ cte }}
    where {{ column }} is not null
    {%- if not (outer.last and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

project_executions as (
    select appendix_figures.*, projects.function_code
    from appendix_figures
    inner join projects
        on projects.fiscal_year = appendix_figures.fiscal_year
        and projects.unit_name = appendix_figures.unit_name
        and projects.project_no = appendix_figures.project_no
    where appendix_figures.part = 'project_funds' and appendix_figures.row_id = 'total'
        and appendix_figures.measure = 'executed_amount'
),

-- the weights and scores a project's total sums: 执行率 (the 年度资金总额 row), each 资金管理 item,
-- each indicator; and the printed totals, of the projects the rules read (int_project_totals)
project_parts as (
    select appendix_figures.*
    from appendix_figures
    semi join projects
        on projects.fiscal_year = appendix_figures.fiscal_year
        and projects.unit_name = appendix_figures.unit_name
        and projects.project_no = appendix_figures.project_no
    where appendix_figures.measure in ('weight', 'score')
        and (appendix_figures.part in ('project_fund_management', 'project_indicators', 'project_evaluations')
             or appendix_figures.row_id = 'total')
),

-- the disclosures whose projects are mapped to codes, and the 项 rows X-PROJECTS-BY-CODE reads
mapped_disclosures as (
    select distinct fiscal_year, unit_name from projects where function_code is not null
),

appendix_terms as (
    select fiscal_year, unit_name, 'P-FUND-SUM' as rule_id,
        'project/' || project_no || '/fund-sum/' || measure as subject_key,
        figure_key, case when row_id = 'total' then 1 else -1 end as coefficient
    from appendix_figures
    where part = 'project_funds' and measure in ('initial_budget', 'annual_budget', 'executed_amount')
    union all
    select fiscal_year, unit_name, 'P-WEIGHT-TOTAL', 'project/' || project_no || '/weight-total', figure_key,
        case when part = 'project_evaluations' then -1 else 1 end
    from project_parts
    where measure = 'weight'
    union all
    select fiscal_year, unit_name, 'P-TOTAL-SCORE', 'project/' || project_no || '/total-score', figure_key,
        case when part = 'project_evaluations' then 1 else -1 end
    from project_parts
    where measure = 'score'
    union all
    select fiscal_year, unit_name, 'N-PROJECT-SCORE', 'project/' || project_no, figure_key, -1
    from project_parts
    where part = 'project_evaluations' and measure = 'score'
    union all
    select fiscal_year, unit_name, 'N-PROJECT-SCORE', 'project/' || project_no,
        'narrative/project_results/' || printed_row_no || '/total_score', 1
    from project_results
    union all
    select fiscal_year, unit_name, 'X-PROJECTS-TOTAL', '项目-expenditure_by_function/项目支出', figure_key, 1
    from project_executions
    union all
    select fiscal_year, unit_name, 'X-PROJECTS-TOTAL', '项目-expenditure_by_function/项目支出',
        'expenditure_by_function/合计/project_expenditure', -1
    from amounts
    where table_code = 'expenditure_by_function' and row_key = '合计' and measure = 'project_expenditure'
    union all
    select fiscal_year, unit_name, 'X-PROJECTS-BY-CODE', '项目-general_budget_expenditure/' || function_code, figure_key, 1
    from project_executions
    where function_code is not null
    union all
    select amounts.fiscal_year, amounts.unit_name, 'X-PROJECTS-BY-CODE', '项目-general_budget_expenditure/' || amounts.row_key,
        'general_budget_expenditure/' || amounts.row_key || '/project_expenditure', -1
    from amounts
    semi join mapped_disclosures
        on mapped_disclosures.fiscal_year = amounts.fiscal_year and mapped_disclosures.unit_name = amounts.unit_name
    where amounts.table_code = 'general_budget_expenditure' and amounts.measure = 'project_expenditure'
        and amounts.code_level = '项'
),

stated_project_figures as (
    select fiscal_year, unit_name, 'narrative/project_results/' || printed_row_no || '/total_score' as figure_key,
        stated_total_score as amount, printed_at
    from project_results
),

statements as (
    select * from stated_figures
    union all
    select * from stated_item_figures
    union all
    select * from stated_project_figures
),

-- every term with its figure: a table figure from int_printed_amounts, a narrative one from the
-- statements; a figure not printed (or not read) has no term. A figure met twice in one check
-- (e.g. a 类 line in a sum over a code level that also lists it) adds its coefficients.
resolved_terms as (
    select
        table_terms.fiscal_year, table_terms.unit_name, table_terms.rule_id, table_terms.subject_key,
        table_terms.table_code || '/' || table_terms.row_key || '/' || table_terms.measure as figure_key,
        'table' as figure_source,
        table_terms.table_code, table_terms.row_key, table_terms.measure,
        amounts.printed_row_no, amounts.printed_at as line_or_page,
        table_terms.coefficient, amounts.amount
    from table_terms
    inner join amounts
        on amounts.fiscal_year = table_terms.fiscal_year
        and amounts.unit_name = table_terms.unit_name
        and amounts.table_code = table_terms.table_code
        and amounts.row_key = table_terms.row_key
        and amounts.measure = table_terms.measure
    union all
    select
        narrative_terms.fiscal_year, narrative_terms.unit_name, narrative_terms.rule_id, narrative_terms.subject_key,
        narrative_terms.figure_key, 'table',
        amounts.table_code, amounts.row_key, amounts.measure,
        amounts.printed_row_no, amounts.printed_at,
        narrative_terms.coefficient, amounts.amount
    from narrative_terms
    inner join amounts
        on amounts.fiscal_year = narrative_terms.fiscal_year
        and amounts.unit_name = narrative_terms.unit_name
        and amounts.table_code || '/' || amounts.row_key || '/' || amounts.measure = narrative_terms.figure_key
    where not starts_with(narrative_terms.figure_key, 'narrative/')
    union all
    select
        narrative_terms.fiscal_year, narrative_terms.unit_name, narrative_terms.rule_id, narrative_terms.subject_key,
        narrative_terms.figure_key, 'narrative',
        null, null, null, null, statements.printed_at,
        narrative_terms.coefficient, statements.amount
    from narrative_terms
    inner join statements
        on statements.fiscal_year = narrative_terms.fiscal_year
        and statements.unit_name = narrative_terms.unit_name
        and statements.figure_key = narrative_terms.figure_key
),

appendix_resolved as (
    select
        appendix_terms.fiscal_year, appendix_terms.unit_name, appendix_terms.rule_id, appendix_terms.subject_key,
        appendix_terms.figure_key, 'appendix' as figure_source,
        appendix_figures.part as table_code, appendix_figures.project_no || '/' || appendix_figures.row_id as row_key,
        appendix_figures.measure, appendix_figures.printed_row_no, appendix_figures.printed_at as line_or_page,
        appendix_terms.coefficient, appendix_figures.amount
    from appendix_terms
    inner join appendix_figures
        on appendix_figures.fiscal_year = appendix_terms.fiscal_year
        and appendix_figures.unit_name = appendix_terms.unit_name
        and appendix_figures.figure_key = appendix_terms.figure_key
    union all
    select
        appendix_terms.fiscal_year, appendix_terms.unit_name, appendix_terms.rule_id, appendix_terms.subject_key,
        appendix_terms.figure_key, 'table',
        amounts.table_code, amounts.row_key, amounts.measure, amounts.printed_row_no, amounts.printed_at,
        appendix_terms.coefficient, amounts.amount
    from appendix_terms
    inner join amounts
        on amounts.fiscal_year = appendix_terms.fiscal_year
        and amounts.unit_name = appendix_terms.unit_name
        and amounts.table_code || '/' || amounts.row_key || '/' || amounts.measure = appendix_terms.figure_key
    union all
    select
        appendix_terms.fiscal_year, appendix_terms.unit_name, appendix_terms.rule_id, appendix_terms.subject_key,
        appendix_terms.figure_key, 'narrative',
        null, null, null, null, statements.printed_at,
        appendix_terms.coefficient, statements.amount
    from appendix_terms
    inner join statements
        on statements.fiscal_year = appendix_terms.fiscal_year
        and statements.unit_name = appendix_terms.unit_name
        and statements.figure_key = appendix_terms.figure_key
),

all_terms as (
    select * from resolved_terms
    union all
    select * from appendix_resolved
),

combined_terms as (
    select
        fiscal_year, unit_name, rule_id, subject_key, figure_key,
        any_value(figure_source) as figure_source,
        any_value(table_code) as table_code, any_value(row_key) as row_key, any_value(measure) as measure,
        any_value(printed_row_no) as printed_row_no, any_value(line_or_page) as line_or_page,
        sum(coefficient) as coefficient, any_value(amount) as amount
    from all_terms
    group by fiscal_year, unit_name, rule_id, subject_key, figure_key
    having sum(coefficient) <> 0
)

-- the terms of the checks the rules emit (a check not emitted — nothing of it printed — has none)
select
    combined_terms.fiscal_year,
    combined_terms.unit_name,
    combined_terms.rule_id,
    combined_terms.subject_key,
    combined_terms.figure_key,
    combined_terms.figure_source,
    combined_terms.table_code,
    combined_terms.row_key,
    combined_terms.measure,
    combined_terms.printed_row_no,
    combined_terms.line_or_page,
    cast(combined_terms.coefficient as integer) as coefficient,
    cast(combined_terms.amount as decimal(18, 2)) as amount
from combined_terms
semi join checks
    on checks.fiscal_year = combined_terms.fiscal_year
    and checks.unit_name = combined_terms.unit_name
    and checks.rule_id = combined_terms.rule_id
    and checks.subject_key = combined_terms.subject_key
