-- 项目支出绩效自评表 (project_fund_management), every disclosure: reference transcription or landed appendix, one row per printed row (text).
{{ reference_or_landed('project_fund_management', landed_place="'项目支出绩效自评表（表序' || landed.project_no || '）第' || landed.row_no || '行'", reference_place="'项目支出绩效自评表（表序' || project_no || '）第' || row_no || '行'") }}
