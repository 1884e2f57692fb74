{#-
  The one list of every number-bearing seed column: how it is parsed, and which staging
  column holds its parsed value. stg_rejected_cells records the cells that fail to parse;
  tests/assert_seed_cells_conserved.sql checks, seed by seed and column by column, that
  printed cells = parsed values in staging + rejected cells, and that seed rows all
  reach staging. Staging models parse with the same options; if they drift, the
  conservation test fails.

  Per seed: row_key (SQL naming the printed row), staging model, row conservation
  (staging_rows_where: which staging rows correspond 1:1 to seed rows, or
  seed_row_count: SQL counting expected staging rows), and cells.
  Per cell: column, staging_column, optional where (staging filter), and parse options
  max_scale (default 2), suffixes, allow_negative, max_value. The nine tables' amounts may be
  printed negative (table_amount_value): a figure printed negative lands as printed.
-#}
{% macro seed_cell_specs() %}
{%- set key_cells = [
    {'column': 'fiscal_year', 'staging_column': 'fiscal_year', 'max_scale': 0},
] -%}
{%- do return([
  {'seed': 'disclosures', 'row_key': "fiscal_year || '/' || unit_name", 'staging': 'stg_disclosures',
   'cells': key_cells + [
     {'column': 'internal_department_count_text', 'staging_column': 'internal_department_count', 'max_scale': 0},
     {'column': 'consolidated_unit_count_text', 'staging_column': 'consolidated_unit_count', 'max_scale': 0}]},
  {'seed': 'gk01_income_expenditure_summary', 'row_key': 'row_no', 'staging': 'stg_gk01_income_expenditure_summary',
   'staging_rows_where': "side = '收入'",
   'cells': [
     {'column': 'fiscal_year', 'staging_column': 'fiscal_year', 'max_scale': 0, 'where': "side = '收入'"},
     {'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0, 'where': "side = '收入'"},
     {'column': 'income_line_no', 'staging_column': 'line_no', 'max_scale': 0, 'where': "side = '收入'"},
     {'column': 'income_amount', 'allow_negative': true, 'staging_column': 'amount', 'where': "side = '收入'"},
     {'column': 'expenditure_line_no', 'staging_column': 'line_no', 'max_scale': 0, 'where': "side = '支出'"},
     {'column': 'expenditure_amount', 'allow_negative': true, 'staging_column': 'amount', 'where': "side = '支出'"}]},
  {'seed': 'gk02_income_by_function', 'row_key': 'row_no', 'staging': 'stg_gk02_income_by_function',
   'cells': key_cells + [{'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0}]
     + _table_amount_cells(['total_income', 'fiscal_appropriation_income', 'superior_subsidy_income', 'business_income',
                         'operating_income', 'subsidiary_remittance_income', 'other_income'])},
  {'seed': 'gk03_expenditure_by_function', 'row_key': 'row_no', 'staging': 'stg_gk03_expenditure_by_function',
   'cells': key_cells + [{'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0}]
     + _table_amount_cells(['total_expenditure', 'basic_expenditure', 'project_expenditure', 'remittance_to_superior',
                         'operating_expenditure', 'subsidy_to_subsidiaries'])},
  {'seed': 'gk04_fiscal_appropriation_summary', 'row_key': 'row_no', 'staging': 'stg_gk04_fiscal_appropriation_summary',
   'staging_rows_where': "side = '收入'",
   'cells': [
     {'column': 'fiscal_year', 'staging_column': 'fiscal_year', 'max_scale': 0, 'where': "side = '收入'"},
     {'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0, 'where': "side = '收入'"},
     {'column': 'income_line_no', 'staging_column': 'line_no', 'max_scale': 0, 'where': "side = '收入'"},
     {'column': 'income_amount', 'allow_negative': true, 'staging_column': 'amount', 'where': "side = '收入'"},
     {'column': 'expenditure_line_no', 'staging_column': 'line_no', 'max_scale': 0, 'where': "side = '支出'"},
     {'column': 'expenditure_total', 'allow_negative': true, 'staging_column': 'amount', 'where': "side = '支出'"},
     {'column': 'expenditure_general_budget', 'allow_negative': true, 'staging_column': 'general_budget_amount', 'where': "side = '支出'"},
     {'column': 'expenditure_government_fund', 'allow_negative': true, 'staging_column': 'government_fund_amount', 'where': "side = '支出'"},
     {'column': 'expenditure_state_capital', 'allow_negative': true, 'staging_column': 'state_capital_amount', 'where': "side = '支出'"}]},
  {'seed': 'gk05_general_budget_expenditure', 'row_key': 'row_no', 'staging': 'stg_gk05_general_budget_expenditure',
   'cells': key_cells + [{'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0}]
     + _table_amount_cells(['subtotal', 'basic_expenditure', 'project_expenditure'])},
  {'seed': 'gk06_basic_expenditure_by_economic', 'row_key': 'row_no', 'staging': 'stg_gk06_basic_expenditure_by_economic',
   'seed_row_count': 'count(coalesce(economic_code_1, item_name_1, amount_1)) + count(coalesce(economic_code_2, item_name_2, amount_2)) + count(coalesce(economic_code_3, item_name_3, amount_3))',
   'cells': [
     {'column': 'amount_1', 'allow_negative': true, 'staging_column': 'amount', 'where': 'column_block = 1'},
     {'column': 'amount_2', 'allow_negative': true, 'staging_column': 'amount', 'where': 'column_block = 2'},
     {'column': 'amount_3', 'allow_negative': true, 'staging_column': 'amount', 'where': 'column_block = 3'}]},
  {'seed': 'gk07_government_fund', 'row_key': 'row_no', 'staging': 'stg_gk07_government_fund',
   'cells': key_cells + [{'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0}]
     + _table_amount_cells(['opening_balance', 'current_year_income', 'expenditure_subtotal', 'basic_expenditure',
                         'project_expenditure', 'closing_balance'])},
  {'seed': 'gk08_state_capital_expenditure', 'row_key': 'row_no', 'staging': 'stg_gk08_state_capital_expenditure',
   'cells': key_cells + [{'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0}]
     + _table_amount_cells(['subtotal', 'basic_expenditure', 'project_expenditure'])},
  {'seed': 'gk09_three_public_expenditure', 'row_key': 'row_no', 'staging': 'stg_gk09_three_public_expenditure',
   'seed_row_count': '12 * count(*)',
   'cells': _three_public_cells()},
  {'seed': 'narrative_figures', 'row_key': 'row_no', 'staging': 'stg_narrative_figures',
   'cells': key_cells + [
     {'column': 'row_no', 'staging_column': 'figure_no', 'max_scale': 0},
     {'column': 'value_text', 'staging_column': 'stated_value', 'max_value': "case when metric = 'share' then 100 end"}]},
  {'seed': 'narrative_function_budget', 'row_key': 'row_no', 'staging': 'stg_narrative_function_budget',
   'cells': key_cells + [
     {'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0},
     {'column': 'item_no', 'staging_column': 'item_no', 'max_scale': 0},
     {'column': 'initial_budget_text', 'staging_column': 'stated_initial_budget'},
     {'column': 'final_amount_text', 'staging_column': 'stated_final_amount'},
     {'column': 'completion_rate_text', 'staging_column': 'stated_completion_rate_pct', 'suffixes': ['%']}]},
  {'seed': 'narrative_project_results', 'row_key': 'row_no', 'staging': 'stg_narrative_project_results',
   'cells': key_cells + [
     {'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0},
     {'column': 'total_score_text', 'staging_column': 'stated_total_score'},
     {'column': 'execution_rate_text', 'staging_column': 'stated_execution_rate_pct', 'suffixes': ['%']}]},
  {'seed': 'project_evaluations', 'row_key': 'project_no', 'staging': 'stg_project_evaluations',
   'cells': key_cells + [
     {'column': 'project_no', 'staging_column': 'project_no', 'max_scale': 0},
     {'column': 'total_weight_text', 'staging_column': 'total_weight'},
     {'column': 'total_score_text', 'staging_column': 'printed_total_score'}]},
  {'seed': 'project_funds', 'row_key': "project_no || '/' || row_no", 'staging': 'stg_project_funds',
   'cells': key_cells + [
     {'column': 'project_no', 'staging_column': 'project_no', 'max_scale': 0},
     {'column': 'row_no', 'staging_column': 'fund_row_no', 'max_scale': 0},
     {'column': 'initial_budget_text', 'staging_column': 'initial_budget', 'suffixes': ['万元']},
     {'column': 'annual_budget_text', 'staging_column': 'annual_budget', 'suffixes': ['万元']},
     {'column': 'executed_text', 'staging_column': 'executed_amount', 'suffixes': ['万元']},
     {'column': 'weight_text', 'staging_column': 'weight'},
     {'column': 'execution_rate_text', 'staging_column': 'printed_execution_rate_pct', 'suffixes': ['%']},
     {'column': 'score_text', 'staging_column': 'printed_score'}]},
  {'seed': 'project_fund_management', 'row_key': "project_no || '/' || row_no", 'staging': 'stg_project_fund_management',
   'cells': key_cells + [
     {'column': 'project_no', 'staging_column': 'project_no', 'max_scale': 0},
     {'column': 'row_no', 'staging_column': 'item_row_no', 'max_scale': 0},
     {'column': 'weight_text', 'staging_column': 'weight'},
     {'column': 'score_text', 'staging_column': 'printed_score'}]},
  {'seed': 'project_indicators', 'row_key': "project_no || '/' || row_no", 'staging': 'stg_project_indicators',
   'cells': key_cells + [
     {'column': 'project_no', 'staging_column': 'project_no', 'max_scale': 0},
     {'column': 'row_no', 'staging_column': 'indicator_row_no', 'max_scale': 0},
     {'column': 'weight_text', 'staging_column': 'weight'},
     {'column': 'score_text', 'staging_column': 'printed_score'},
     {'column': 'deviation_text', 'staging_column': 'printed_deviation_pct', 'allow_negative': true}]},
  {'seed': 'table_notes', 'row_key': "table_code || '/' || note_kind", 'staging': 'stg_table_notes',
   'staging_rows_where': "loaded_from = 'reference'",
   'cells': [{'column': 'fiscal_year', 'staging_column': 'fiscal_year', 'max_scale': 0, 'where': "loaded_from = 'reference'"}]},
  {'seed': 'ref_class_ordinal_map', 'row_key': 'ordinal_label', 'staging': 'stg_ref_class_ordinal_map',
   'cells': [{'column': 'ordinal_no', 'staging_column': 'ordinal_no', 'max_scale': 0}]},
  {'seed': 'ref_project_name_crosswalk', 'row_key': 'project_name_as_stated', 'staging': 'stg_ref_project_name_crosswalk',
   'cells': [{'column': 'project_no', 'staging_column': 'project_no', 'max_scale': 0}]},
  {'seed': 'ref_project_function_map', 'row_key': "fiscal_year || '/' || project_no", 'staging': 'stg_ref_project_function_map',
   'cells': key_cells + [{'column': 'project_no', 'staging_column': 'project_no', 'max_scale': 0}]},
  {'seed': 'narrative_comparison_wording', 'row_key': "fiscal_year || '/' || row_no", 'staging': 'stg_narrative_comparison_wording',
   'cells': key_cells + [{'column': 'row_no', 'staging_column': 'printed_row_no', 'max_scale': 0}]},
  {'seed': 'ref_narrative_counterparts', 'row_key': "topic || '/' || subject_key || '/' || metric", 'staging': 'stg_ref_narrative_counterparts', 'cells': []},
  {'seed': 'ref_narrative_statement_kinds', 'row_key': 'statement_kind', 'staging': 'stg_ref_narrative_statement_kinds', 'cells': []},
  {'seed': 'ref_reconciliation_rules', 'row_key': 'rule_id', 'staging': 'stg_ref_reconciliation_rules', 'cells': []},
  {'seed': 'ref_table_types', 'row_key': 'table_type', 'staging': 'stg_ref_table_types',
   'cells': [{'column': 'sort_order', 'staging_column': 'sort_order', 'max_scale': 0}]},
  {'seed': 'ref_functional_classification', 'row_key': 'function_code', 'staging': 'stg_ref_functional_classification', 'cells': []},
  {'seed': 'ref_economic_classification', 'row_key': 'economic_code', 'staging': 'stg_ref_economic_classification', 'cells': []},
]) -%}
{% endmacro %}

{% macro _table_amount_cells(columns) -%}
  {%- set cells = [] -%}
  {%- for column in columns -%}
    {%- do cells.append({'column': column, 'staging_column': column, 'allow_negative': true}) -%}
  {%- endfor -%}
  {%- do return(cells) -%}
{%- endmacro %}

{% macro _three_public_cells() -%}
  {%- set cells = [] -%}
  {%- for kind in ['budget', 'final'] -%}
    {%- for item in ['total', 'overseas_travel', 'vehicle_subtotal', 'vehicle_purchase', 'vehicle_operation', 'official_reception'] -%}
      {%- do cells.append({'column': kind ~ '_' ~ item, 'staging_column': 'amount', 'allow_negative': true,
                           'where': "amount_kind = '" ~ kind ~ "' and expense_item = '" ~ item ~ "'"}) -%}
    {%- endfor -%}
  {%- endfor -%}
  {%- do return(cells) -%}
{%- endmacro %}

{% macro cell_parse_error(cell) -%}
  {{ number_parse_error(cell.column, cell.get('max_scale', 2), cell.get('suffixes', []),
                        cell.get('allow_negative', false), cell.get('max_value', none)) }}
{%- endmacro %}
