-- gk08_state_capital_expenditure: one row per printed row of the table, codes normalised, amounts parsed.
{{ function_coded_table('gk08_state_capital_expenditure', ['subtotal', 'basic_expenditure', 'project_expenditure']) }}
