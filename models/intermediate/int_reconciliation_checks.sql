-- Every reconciliation check evaluated on every disclosure, passing or not: one row per
-- rule × disclosure × subject, with both sides, the difference, the tolerance derived
-- from how many rounded figures take part, the status and a Chinese message; and one
-- warn finding per read problem. The checks come union → applicability → locations and
-- labels (int_checks_unioned → int_checks_applicable → int_check_locations →
-- int_checks_labelled); this model only words them (finding_message in
-- macros/reconciliation.sql, the status phrase from vocab_check_statuses).
-- The marts read this model, not fct_reconciliation_checks, so that an error finding
-- (which fails the tests on fct_reconciliation_checks) does not stop them being built.
with checks as (
    select * from {{ ref('int_checks_labelled') }}
),

statuses as (
    select * from {{ ref('vocab_check_statuses') }}
),

rules as (
    select * from {{ ref('stg_ref_reconciliation_rules') }}
),

-- the read problems (stg_read_problems): one warn finding each of its READ-* rule, with the
-- table or sentence and its page or line; never 不符 — what could not be read is 无法核对
read_problems as (
    select * from {{ ref('int_read_problems') }}
),

table_types as (
    select * from {{ ref('stg_ref_table_types') }}
),

-- a finding on a figure read by OCR says so and asks for the page image to be checked
-- (seeds/vocab_ocr_notes.csv); below the confidence threshold (seeds/ref_ocr_settings.csv) it
-- is marked low-confidence
ocr_notes as (
    select
        max(case when note_kind = 'read_by_ocr' then phrase end) as read_by_ocr,
        max(case when note_kind = 'low_confidence' then phrase end) as low_confidence,
        max(case when note_kind = 'check_image' then phrase end) as check_image
    from {{ ref('vocab_ocr_notes') }}
),

ocr_threshold as (
    select value as low_confidence_threshold
    from {{ ref('ref_ocr_settings') }}
    where setting = 'low_confidence_threshold'
),

ocr_read_checks as (
    select
        checks.*,
        checks.ocr_min_confidence < ocr_threshold.low_confidence_threshold as ocr_low_confidence,
        case when checks.read_by_ocr and checks.status <> 'pass' then
            '。' || ocr_notes.read_by_ocr
            || case when checks.ocr_min_confidence < ocr_threshold.low_confidence_threshold
                    then '（' || ocr_notes.low_confidence || '：最低' || checks.ocr_min_confidence::varchar
                         || '，低于' || ocr_threshold.low_confidence_threshold::varchar || '）'
                    else '' end
            || '，' || ocr_notes.check_image
        else '' end as ocr_note
    from checks
    cross join ocr_notes
    cross join ocr_threshold
),

-- the message, from the parts as the disclosure names its tables
worded as (
    select
        checks.*,
        {{ finding_message(
            'checks.rule_id',
            'checks.subject',
            check_comparison_text('checks.comparison', 'checks.left_label', 'checks.left_value',
                                  'checks.right_label', 'checks.right_value', 'checks.difference',
                                  'checks.tolerance', 'checks.printed_decimals', 'checks.left_text', 'checks.right_text'),
            'statuses.message_phrase',
            "case when checks.status = 'not_evaluable' then coalesce(checks.not_evaluable_reason, '所需数字未印') end",
            "case when checks.detail is not null then '。' || checks.detail else '' end || checks.ocr_note") }} as message
    from ocr_read_checks as checks
    left join statuses
        on checks.status = statuses.status
),

-- the pages of each disclosure read by OCR: a read problem printed there asks for the page image
ocr_pages as (
    select distinct fiscal_year, unit_name, source_page
    from {{ ref('stg_figure_boxes') }}
    where read_by = 'ocr'
),

read_places as (
    select
        read_problems.*,
        ocr_pages.source_page is not null as read_by_ocr,
        coalesce(table_types.standard_title, case read_problems.part when 'narrative' then '情况说明' end,
                 read_problems.table_code) as place,
        case when read_problems.source_page is not null then '第' || read_problems.source_page || '页'
             when read_problems.source_line is not null then '文本第' || read_problems.source_line || '行' end as page_or_line
    from read_problems
    left join table_types
        on read_problems.table_code in (table_types.landing_code, table_types.table_type)
    left join ocr_pages
        on read_problems.fiscal_year = ocr_pages.fiscal_year
        and read_problems.unit_name = ocr_pages.unit_name
        and read_problems.source_page = ocr_pages.source_page
),

read_findings as (
    select
        read_places.fiscal_year,
        read_places.unit_name,
        read_places.rule_id,
        rules.rule_family,
        rules.severity,
        'read/' || read_places.rule_id || '/' || read_places.problem_no as subject_key,
        coalesce(read_places.place, read_places.part, '文件')
            || coalesce('（' || read_places.page_or_line || '）', '') as subject,
        '所读内容' as left_label,
        null::decimal(18, 4) as left_value,
        null::varchar as right_label,
        null::decimal(18, 4) as right_value,
        null::decimal(18, 4) as difference,
        null::decimal(18, 4) as tolerance,
        'not_evaluable' as status,
        'text' as comparison,
        null::integer as printed_decimals,
        read_places.printed_text as left_text,
        null::varchar as right_text,
        read_places.detail,
        {{ finding_message(
            'read_places.rule_id',
            "'读取问题'",
            "coalesce(read_places.place, '文件') || coalesce(' ' || read_places.page_or_line, '')
            || coalesce('，所读“' || read_places.printed_text || '”', '')
            || coalesce('：' || read_places.detail, '')",
            'statuses.message_phrase',
            "'读取问题，不是文件的不符'",
            "coalesce('。位置：' || read_places.printed_at, '')
            || case when read_places.read_by_ocr then '。' || ocr_notes.read_by_ocr || '，' || ocr_notes.check_image else '' end") }} as message,
        read_places.printed_at,
        rules.description as rule_description,
        '读取问题：' || coalesce(read_places.detail, read_places.rule_id) as not_evaluable_reason,
        read_places.read_by_ocr,
        null::decimal(5, 4) as ocr_min_confidence,
        null::boolean as ocr_low_confidence
    from read_places
    left join rules
        on read_places.rule_id = rules.rule_id
    left join statuses
        on statuses.status = 'not_evaluable'
    cross join ocr_notes
),

-- the checks and the read problems' findings, each with its status in the one word of
-- vocab_check_statuses (the word the console, the report and the workbook use)
all_findings as (
    select
        fiscal_year,
        unit_name,
        rule_id,
        rule_family,
        severity,
        subject_key,
        subject,
        left_label,
        left_value,
        right_label,
        right_value,
        difference,
        tolerance,
        status,
        comparison,
        printed_decimals,
        left_text,
        right_text,
        detail,
        message,
        printed_at,
        rule_description,
        not_evaluable_reason,
        read_by_ocr,
        ocr_min_confidence,
        ocr_low_confidence
    from worded

    -- the read problems' findings (with not_evaluable_reason; by name, so the column order of the checks above is kept)
    union all by name
    select * from read_findings
)

select
    all_findings.*,
    statuses.word as status_word
from all_findings
left join statuses
    on all_findings.status = statuses.status
