-- 情况说明中决算与预算、与上年对比的措辞, every disclosure: reference transcription or landed document, one row per statement (text).
{{ reference_or_landed('narrative_comparison_wording', landed_place="null") }}
