-- 财政拨款收入支出决算总表, every disclosure: reference transcription or landed document, one row per printed row (text).
{{ reference_or_landed('gk04_fiscal_appropriation_summary') }}
