-- 情况说明逐项（项级）年初预算与决算的说明, every disclosure: reference transcription or landed document, one row per statement (text).
{{ reference_or_landed('narrative_function_budget', landed_place="null") }}
