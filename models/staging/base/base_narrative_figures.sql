-- 情况说明所述每个数字, every disclosure: reference transcription or landed document, one row per statement (text).
{{ reference_or_landed('narrative_figures', landed_place="null") }}
