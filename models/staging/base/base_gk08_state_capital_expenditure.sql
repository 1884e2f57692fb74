-- 国有资本经营预算财政拨款支出决算表, every disclosure: reference transcription or landed document, one row per printed row (text).
{{ reference_or_landed('gk08_state_capital_expenditure') }}
