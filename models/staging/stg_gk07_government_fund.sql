-- gk07_government_fund: one row per printed row of the table, codes normalised, amounts parsed.
{{ function_coded_table('gk07_government_fund', ['opening_balance', 'current_year_income', 'expenditure_subtotal', 'basic_expenditure', 'project_expenditure', 'closing_balance']) }}
