-- 支出决算表, every disclosure: reference transcription or landed document, one row per printed row (text).
{{ reference_or_landed('gk03_expenditure_by_function') }}
