-- gk05_general_budget_expenditure: one row per printed row of the table, codes normalised, amounts parsed.
{{ function_coded_table('gk05_general_budget_expenditure', ['subtotal', 'basic_expenditure', 'project_expenditure']) }}
