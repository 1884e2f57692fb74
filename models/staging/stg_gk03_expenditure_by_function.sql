-- gk03_expenditure_by_function: one row per printed row of the table, codes normalised, amounts parsed.
{{ function_coded_table('gk03_expenditure_by_function', ['total_expenditure', 'basic_expenditure', 'project_expenditure', 'remittance_to_superior', 'operating_expenditure', 'subsidy_to_subsidiaries']) }}
