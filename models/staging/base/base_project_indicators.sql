-- 项目支出绩效自评表 (project_indicators), every disclosure: reference transcription or landed appendix, one row per printed row (text).
{{ reference_or_landed('project_indicators', landed_place="' 项目' || landed.project_no || ' 行' || landed.row_no", row_key="project_no || '/' || row_no") }}
