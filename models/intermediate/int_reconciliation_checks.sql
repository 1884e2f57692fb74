-- Every reconciliation check evaluated on every disclosure, passing or not: one row per
-- rule × disclosure × subject, with both sides, the difference, the tolerance derived
-- from how many rounded figures take part, the status and a Chinese message.
-- The marts read this model, not fct_reconciliation_checks, so that an error finding
-- (which fails the tests on fct_reconciliation_checks) does not stop them being built.
with within_table as (
    select * from {{ ref('int_checks_within_table') }}
),

across_tables as (
    select * from {{ ref('int_checks_across_tables') }}
),

narrative as (
    select * from {{ ref('int_checks_narrative') }}
),

performance as (
    select * from {{ ref('int_checks_performance') }}
),

classification as (
    select * from {{ ref('int_checks_classification') }}
),

structure as (
    select * from {{ ref('int_checks_structure') }}
),

document_wide as (
    select * from {{ ref('int_checks_document') }}
),

-- which disclosures have their narrative (情况说明) and project self-evaluations loaded:
-- rules needing those parts (the catalog's needs_parts) are evaluated only there (the
-- extractor reads the nine tables; the reference transcription also holds the narrative
-- and the appendix)
loaded_parts as (
    select distinct fiscal_year, unit_name, 'narrative' as part from {{ ref('stg_narrative_figures') }}
    union all
    select distinct fiscal_year, unit_name, 'project_appendix' from {{ ref('stg_project_evaluations') }}
),

rules as (
    select * from {{ ref('stg_ref_reconciliation_rules') }}
),

all_checks as (
    select * from within_table
    union all
    select * from across_tables
    union all
    select * from narrative
    union all
    select * from performance
    union all
    select * from classification
    union all
    select * from structure
    union all
    select * from document_wide
    union all
    select * from {{ ref('int_checks_codes') }}
),

-- the tables (canonical types) each rule reads, from the rule catalog
rule_tables as (
    select distinct rule_id, unnest(string_split(tables, '|')) as table_type
    from rules
    where tables is not null and tables <> ''
),

missing_tables as (
    select * from {{ ref('int_missing_tables') }}
),

-- a check's subject key names the tables it compares and the row: table[-table]/row key[/...]
subject_key_tables as (
    select
        fiscal_year, unit_name, rule_id, subject_key, status,
        unnest(string_split(split_part(subject_key, '/', 1), '-')) as table_type,
        substr(subject_key, length(split_part(subject_key, '/', 1)) + 2) as row_part
    from all_checks
),

subject_key_parts as (
    select subject_key_tables.*
    from subject_key_tables
    semi join {{ ref('stg_ref_table_types') }} as table_types
        on subject_key_tables.table_type = table_types.table_type
),

-- the tables a check reads: those its subject key names, else its rule's
check_tables as (
    select fiscal_year, unit_name, rule_id, subject_key, table_type from subject_key_parts
    union all
    select all_checks.fiscal_year, all_checks.unit_name, all_checks.rule_id, all_checks.subject_key,
        rule_tables.table_type
    from all_checks
    inner join rule_tables
        on all_checks.rule_id = rule_tables.rule_id
    -- a subject key that names no table (a test per row, not an anti join over every check)
    where not list_has_any(string_split(split_part(all_checks.subject_key, '/', 1), '-'),
                           ['{{ table_types_longest_first() | join("', '") }}'])
),

missing_tables_of_checks as (
    select distinct check_tables.fiscal_year, check_tables.unit_name, check_tables.rule_id, check_tables.subject_key
    from check_tables
    inner join missing_tables
        on check_tables.fiscal_year = missing_tables.fiscal_year
        and check_tables.unit_name = missing_tables.unit_name
        and check_tables.table_type = missing_tables.table_type
    where check_tables.rule_id <> 'STRUCT-TABLE'
),

-- the document parts each rule needs besides the tables, from the rule catalog
rule_parts as (
    select distinct rule_id, unnest(string_split(needs_parts, '|')) as part
    from rules
    where needs_parts is not null
),

-- a check on a part that is not loaded for the disclosure is not reported; a check on a
-- table the document does not print is 无法核对 (STRUCT-TABLE reports the table once as 不符)
checks_with_parts as (
    select all_checks.*
    from all_checks
    where not exists (
        select 1
        from rule_parts
        where rule_parts.rule_id = all_checks.rule_id
          and not exists (
              select 1 from loaded_parts
              where loaded_parts.fiscal_year = all_checks.fiscal_year
                and loaded_parts.unit_name = all_checks.unit_name
                and loaded_parts.part = rule_parts.part
          )
    )
),

checks_with_tables as (
    select
        checks_with_parts.* exclude (status, not_evaluable_reason),
        case when missing_tables_of_checks.rule_id is not null then 'not_evaluable' else checks_with_parts.status end as status,
        case when missing_tables_of_checks.rule_id is not null then '表未印（已由结构规则报告）'
             else checks_with_parts.not_evaluable_reason end as not_evaluable_reason
    from checks_with_parts
    left join missing_tables_of_checks
        on missing_tables_of_checks.fiscal_year = checks_with_parts.fiscal_year
        and missing_tables_of_checks.unit_name = checks_with_parts.unit_name
        and missing_tables_of_checks.rule_id = checks_with_parts.rule_id
        and missing_tables_of_checks.subject_key = checks_with_parts.subject_key
),

-- where the figures a check compares are printed: the rows its subject key names, with
-- their document, page or line, and row
-- the row keys a subject key's row part can name: itself and each of its '/'-prefixes
-- ('2010601/basic_expenditure' names row 2010601), so the figures join on equality.
-- Located for every check that is not an exact pass (a finding, or a 尾差): locating all
-- seven million checks of 10,000 disclosures needed more memory than the build may use.
subject_row_keys as (
    select
        subject_key_parts.fiscal_year, subject_key_parts.unit_name, subject_key_parts.rule_id,
        subject_key_parts.subject_key, subject_key_parts.table_type,
        unnest(list_transform(
            range(1, len(string_split(subject_key_parts.row_part, '/')) + 1),
            prefix_length -> array_to_string(string_split(subject_key_parts.row_part, '/')[1:prefix_length], '/')
        )) as row_key
    from subject_key_parts
    where subject_key_parts.status <> 'pass'
),

figure_locations as (
    select
        subject_row_keys.fiscal_year,
        subject_row_keys.unit_name,
        subject_row_keys.rule_id,
        subject_row_keys.subject_key,
        -- list + list_distinct + list_sort rather than string_agg(distinct … order by …): a plain
        -- aggregate state can spill to disk, an ordered distinct one cannot (10,000 disclosures
        -- ran out of memory)
        array_to_string(list_sort(list_distinct(list(amounts.printed_at))), '；') as printed_at
    from subject_row_keys
    inner join {{ ref('int_printed_amounts') }} as amounts
        on subject_row_keys.fiscal_year = amounts.fiscal_year
        and subject_row_keys.unit_name = amounts.unit_name
        and subject_row_keys.table_type = amounts.table_code
        and subject_row_keys.row_key = amounts.row_key
    where amounts.amount is not null
    group by all
),

-- how each disclosure names each table (公开05 in a 单位决算, the printed title in a 部门决算)
labels_by_disclosure as (
{{ labels_by_disclosure() }}
),

judged as (
    select
        all_checks.* exclude (printed_at),
        nullif(concat_ws('；', all_checks.printed_at, figure_locations.printed_at), '') as printed_at,
        rules.rule_family,
        rules.severity,
        rules.description as rule_description
    from checks_with_tables as all_checks
    left join rules
        on all_checks.rule_id = rules.rule_id
    left join figure_locations
        on all_checks.fiscal_year = figure_locations.fiscal_year
        and all_checks.unit_name = figure_locations.unit_name
        and all_checks.rule_id = figure_locations.rule_id
        and all_checks.subject_key = figure_locations.subject_key
),

-- label sets: disclosures that name their tables alike (公开01–09 in a 单位决算, the printed
-- titles in a 部门决算) share one, so each distinct text is relabelled once per label set,
-- not once per check (a warehouse of thousands of disclosures has a handful of label sets)
label_sets as (
    select
        *,
        dense_rank() over (order by {% for table_type in table_types_longest_first() %}{{ table_type }}{% if not loop.last %}, {% endif %}{% endfor %}) as label_set
    from labels_by_disclosure
),

judged_with_label_set as (
    select judged.*, coalesce(label_sets.label_set, 0) as label_set
    from judged
    left join label_sets
        on judged.fiscal_year = label_sets.fiscal_year and judged.unit_name = label_sets.unit_name
),

canonical_texts as (
    select label_set, subject as text from judged_with_label_set where subject is not null
    union
    select label_set, left_label from judged_with_label_set where left_label is not null
    union
    select label_set, right_label from judged_with_label_set where right_label is not null
),

distinct_label_sets as (
    select distinct label_set, {% for table_type in table_types_longest_first() %}{{ table_type }}{% if not loop.last %}, {% endif %}{% endfor %}
    from label_sets
),

relabelled_texts as (
    select
        canonical_texts.label_set,
        canonical_texts.text,
        {{ labelled('canonical_texts.text', 'labels') }} as text_as_printed
    from canonical_texts
    left join distinct_label_sets as labels
        on canonical_texts.label_set = labels.label_set
),

named as (
    select
        checks.*,
        subject_text.text_as_printed as subject_as_printed,
        left_text.text_as_printed as left_label_as_printed,
        right_text.text_as_printed as right_label_as_printed,
        -- details are mostly unique (they carry figures): relabelled in place, only where
        -- they name a table type at all
        case
            when regexp_matches(checks.detail, '[a-z]_[a-z]') then {{ labelled('checks.detail', 'labels') }}
            else checks.detail
        end as detail_as_printed
    from judged_with_label_set as checks
    left join relabelled_texts as subject_text
        on checks.label_set = subject_text.label_set and checks.subject = subject_text.text
    left join relabelled_texts as left_text
        on checks.label_set = left_text.label_set and checks.left_label = left_text.text
    left join relabelled_texts as right_text
        on checks.label_set = right_text.label_set and checks.right_label = right_text.text
    left join distinct_label_sets as labels
        on checks.label_set = labels.label_set
),

-- the message, from the parts as the disclosure names its tables
worded as (
    select
        named.*,
        '[' || rule_id || '] ' || subject_as_printed || '：'
        || case
             when comparison = 'text' then
               left_label_as_printed || '“' || coalesce(left_text, '未印') || '”，' || right_label_as_printed
               || '“' || coalesce(right_text, '未印') || '”'
             else
               left_label_as_printed || ' ' || {{ fmt_printed('left_value', 'printed_decimals') }} || '，'
               || right_label_as_printed || ' ' || {{ fmt_printed('right_value', 'printed_decimals') }}
               || '，差额 ' || {{ fmt_printed('difference', 'printed_decimals') }} || '（容差 ' || {{ fmt_printed('tolerance', 'printed_decimals') }} || '）'
           end
        || ' → ' || case status when 'pass' then '一致' when 'rounding' then '尾差（在舍入容差内）'
                                when 'not_evaluable' then '无法核对（' || coalesce(not_evaluable_reason, '所需数字未印') || '）'
                                else '不符' end
        || case when detail_as_printed is not null then '。' || detail_as_printed else '' end as message
    from named
)

,

-- the read problems (stg_read_problems): one warn finding each of its READ-* rule, with the
-- table or sentence and its page or line; never 不符 — what could not be read is 无法核对
read_problems as (
    select * from {{ ref('int_read_problems') }}
),

read_findings as (
    select
        read_problems.fiscal_year,
        read_problems.unit_name,
        read_problems.rule_id,
        rules.rule_family,
        rules.severity,
        'read/' || read_problems.rule_id || '/' || read_problems.problem_no as subject_key,
        coalesce(table_types.standard_title, case read_problems.part when 'narrative' then '情况说明' end,
                 read_problems.table_code, read_problems.part, '文件')
            || coalesce('（' || case when read_problems.source_page is not null then '第' || read_problems.source_page || '页'
                                     when read_problems.source_line is not null then '文本第' || read_problems.source_line || '行' end
                        || '）', '') as subject,
        '所读内容' as left_label,
        null::decimal(18, 4) as left_value,
        null::varchar as right_label,
        null::decimal(18, 4) as right_value,
        null::decimal(18, 4) as difference,
        null::decimal(18, 4) as tolerance,
        'not_evaluable' as status,
        'text' as comparison,
        null::integer as printed_decimals,
        read_problems.printed_text as left_text,
        null::varchar as right_text,
        read_problems.detail,
        '[' || read_problems.rule_id || '] 读取问题：'
            || coalesce(table_types.standard_title, case read_problems.part when 'narrative' then '情况说明' end,
                        read_problems.table_code, '文件')
            || coalesce(' ' || case when read_problems.source_page is not null then '第' || read_problems.source_page || '页'
                                    when read_problems.source_line is not null then '文本第' || read_problems.source_line || '行' end, '')
            || coalesce('，所读“' || read_problems.printed_text || '”', '')
            || coalesce('：' || read_problems.detail, '')
            || ' → 无法核对（读取问题，不是文件的不符）'
            || coalesce('。位置：' || read_problems.printed_at, '') as message,
        read_problems.printed_at,
        rules.description as rule_description,
        '读取问题：' || coalesce(read_problems.detail, read_problems.rule_id) as not_evaluable_reason
    from read_problems
    left join rules
        on read_problems.rule_id = rules.rule_id
    left join {{ ref('stg_ref_table_types') }} as table_types
        on read_problems.table_code in (table_types.landing_code, table_types.table_type)
)

select
    fiscal_year,
    unit_name,
    rule_id,
    rule_family,
    severity,
    subject_key,
    subject_as_printed as subject,
    left_label_as_printed as left_label,
    left_value,
    right_label_as_printed as right_label,
    right_value,
    difference,
    tolerance,
    status,
    comparison,
    printed_decimals,
    left_text,
    right_text,
    detail_as_printed as detail,
    message,
    printed_at,
    rule_description,
    not_evaluable_reason
from worded

-- the read problems' findings (with not_evaluable_reason; by name, so the column order of the checks above is kept)
union all by name
select * from read_findings
