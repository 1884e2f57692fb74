-- 一般公共预算财政拨款基本支出决算表, every disclosure: reference transcription or landed document, one row per printed row (text).
{{ reference_or_landed('gk06_basic_expenditure_by_economic') }}
