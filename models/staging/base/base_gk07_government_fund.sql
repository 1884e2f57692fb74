-- 政府性基金预算财政拨款收入支出决算表, every disclosure: reference transcription or landed document, one row per printed row (text).
{{ reference_or_landed('gk07_government_fund') }}
