-- 项目支出绩效自评表 (project_evaluations), every disclosure: reference transcription or landed appendix, one row per printed row (text).
{{ reference_or_landed('project_evaluations', landed_place="'项目支出绩效自评表（表序' || landed.project_no || '）'", reference_place="'项目支出绩效自评表（表序' || project_no || '）'") }}
