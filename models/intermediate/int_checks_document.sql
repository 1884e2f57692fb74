-- Document-wide rules on every loaded document: the years it prints and the unit it names.
-- One CTE per rule id; rows in the common check shape (macros/reconciliation.sql).
with mentions as (
    select * from {{ ref('stg_document_mentions') }}
),

documents as (
    select * from {{ ref('stg_landed_documents') }}
),

mentions_of_loaded as (
    select mentions.*, documents.source_file
    from mentions
    inner join documents
        on mentions.document_sha256 = documents.document_sha256
    where documents.ingest_status = 'loaded'
),

-- rule DOC-YEAR: a year in a title or heading ("2024年度…决算"), an as-of date ("截至2024年12月31日")
-- is the disclosure's year; a year compared with ("与2023年度相比") is the year before
doc_year as (
    select fiscal_year, unit_name, 'DOC-YEAR' as rule_id,
        'document/year/' || mention_no as subject_key,
        case frame when 'title' then '标题中的年度' when 'as_of' then '截至日期' else '对比年度' end
            || '（' || printed_at || '）' as subject,
        '所印年度' as left_label, year_value as left_value,
        case when frame = 'comparison' then '决算年度的上一年' else '决算年度' end as right_label,
        case when frame = 'comparison' then fiscal_year - 1 else fiscal_year end as right_value,
        0 as explicit_tolerance,
        0 as printed_decimals,
        '“' || context || '”，' || source_file || ' ' || printed_at as detail
    from mentions_of_loaded
    where mention_kind = 'year' and frame in ('title', 'as_of', 'comparison')
),

-- rule DOC-YEAR-TEXT: any other "YYYY年度" in the text names the disclosure's year or the one before
doc_year_text as (
    select fiscal_year, unit_name, 'DOC-YEAR-TEXT' as rule_id,
        'document/year/' || mention_no as subject_key,
        '正文中的年度（' || printed_at || '）' as subject,
        '所印年度' as left_label, year_value as left_value,
        '决算年度（或上一年）' as right_label,
        case when year_value = fiscal_year - 1 then fiscal_year - 1 else fiscal_year end as right_value,
        0 as explicit_tolerance,
        0 as printed_decimals,
        '“' || context || '”，' || source_file || ' ' || printed_at as detail
    from mentions_of_loaded
    where mention_kind = 'year' and frame = 'statement'
),

-- rule DOC-UNIT-NAME: where the document names itself (cover, part headings, table banners,
-- "单位：", sentences opening with the unit), it names the disclosure's unit; a template
-- placeholder ("XX局") or another name is a finding
doc_unit_name as (
    select fiscal_year, unit_name, 'DOC-UNIT-NAME' as rule_id,
        'document/unit-name/' || mention_no as subject_key,
        '单位名称（' || case frame when 'part_heading' then '部分标题' when 'banner' then '标题'
            when 'unit_line' then '表头“单位：”' else '正文' end || '，' || printed_at || '）' as subject,
        '所印名称' as left_label, value_as_printed as left_text,
        '披露单位' as right_label, unit_name as right_text,
        'text' as comparison,
        '“' || context || '”，' || source_file || ' ' || printed_at as detail
    from mentions_of_loaded
    where mention_kind = 'unit_name'
),

{{ check_output(['doc_year', 'doc_year_text', 'doc_unit_name']) }}
