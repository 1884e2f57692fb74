-- 收入决算表, every disclosure: reference transcription or landed document, one row per printed row (text).
{{ reference_or_landed('gk02_income_by_function') }}
