-- 情况说明中的项目绩效自评结果, every disclosure: reference transcription or landed document, one row per statement (text).
{{ reference_or_landed('narrative_project_results', landed_place="null") }}
