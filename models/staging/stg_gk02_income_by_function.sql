-- gk02_income_by_function: one row per printed row of the table, codes normalised, amounts parsed.
{{ function_coded_table('gk02_income_by_function', ['total_income', 'fiscal_appropriation_income', 'superior_subsidy_income', 'business_income', 'operating_income', 'subsidiary_remittance_income', 'other_income']) }}
