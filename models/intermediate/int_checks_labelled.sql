-- The applicable checks with where their figures are printed, their rule's family,
-- severity and description, and their texts (subject, labels, detail) naming each table as
-- the disclosure prints it (公开05 in a 单位决算, the printed title in a 部门决算) instead of
-- its canonical table type (int_table_labels).
-- a table, not a view: a DuckDB view names the database file it was built in, so it breaks when
-- the file is renamed or attached under another name (a BI tool, the DuckDB shell's ATTACH)

with checks as (
    select * from {{ ref('int_checks_applicable') }}
),

locations as (
    select * from {{ ref('int_check_locations') }}
),

-- whether the figures of a finding were read by OCR, and their lowest confidence
ocr_reads as (
    select * from {{ ref('int_check_ocr_reads') }}
),

rules as (
    select * from {{ ref('stg_ref_reconciliation_rules') }}
),

-- how each disclosure names each table
labels_by_disclosure as (
{{ labels_by_disclosure() }}
),

located as (
    select
        checks.* exclude (printed_at),
        nullif(concat_ws('；', checks.printed_at, locations.printed_at), '') as printed_at,
        ocr_reads.read_by_ocr,
        ocr_reads.ocr_min_confidence,
        rules.rule_family,
        rules.severity,
        rules.description as rule_description
    from checks
    left join rules
        on checks.rule_id = rules.rule_id
    left join locations
        on checks.fiscal_year = locations.fiscal_year
        and checks.unit_name = locations.unit_name
        and checks.rule_id = locations.rule_id
        and checks.subject_key = locations.subject_key
    left join ocr_reads
        on checks.fiscal_year = ocr_reads.fiscal_year
        and checks.unit_name = ocr_reads.unit_name
        and checks.rule_id = ocr_reads.rule_id
        and checks.subject_key = ocr_reads.subject_key
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

located_with_label_set as (
    select located.*, coalesce(label_sets.label_set, 0) as label_set
    from located
    left join label_sets
        on located.fiscal_year = label_sets.fiscal_year and located.unit_name = label_sets.unit_name
),

canonical_texts as (
    select label_set, subject as text from located_with_label_set where subject is not null
    union
    select label_set, left_label from located_with_label_set where left_label is not null
    union
    select label_set, right_label from located_with_label_set where right_label is not null
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
            when {{ names_table_type('checks.detail') }} then {{ labelled('checks.detail', 'labels') }}
            else checks.detail
        end as detail_as_printed
    from located_with_label_set as checks
    left join relabelled_texts as subject_text
        on checks.label_set = subject_text.label_set and checks.subject = subject_text.text
    left join relabelled_texts as left_text
        on checks.label_set = left_text.label_set and checks.left_label = left_text.text
    left join relabelled_texts as right_text
        on checks.label_set = right_text.label_set and checks.right_label = right_text.text
    left join distinct_label_sets as labels
        on checks.label_set = labels.label_set
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
    printed_at,
    rule_description,
    not_evaluable_reason,
    read_by_ocr,
    ocr_min_confidence
from named
