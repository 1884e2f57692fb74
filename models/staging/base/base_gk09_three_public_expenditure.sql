-- 财政拨款三公经费支出决算表, every disclosure: reference transcription or landed document, one row per printed row (text).
{{ reference_or_landed('gk09_three_public_expenditure') }}
