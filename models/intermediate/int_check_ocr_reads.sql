-- Which findings compare figures read by OCR from a scanned page, and the lowest OCR
-- confidence among them: one row per check that is not a pass. A side read from a table
-- counts as read by OCR when that table's figures in the disclosure were (a scanned page is
-- read whole); a check that names no table (a narrative statement) when the disclosure has
-- figures read by OCR. The confidence is the compared figure's own (located by its row key,
-- or by its value in its table where the rule names no row), else the lowest of its row.
-- a table, not a view: a DuckDB view names the database file it was built in, so it breaks when
-- the file is renamed or attached under another name (a BI tool, the DuckDB shell's ATTACH)

with checks as (
    select * from {{ ref('int_checks_unioned') }}
    where status <> 'pass'
),

amounts as (
    select * from {{ ref('int_printed_amounts') }}
    where amount is not null
),

figure_boxes as (
    select
        boxes.fiscal_year,
        boxes.unit_name,
        table_types.table_type,
        boxes.row_no,
        boxes.column_name,
        boxes.read_by,
        boxes.ocr_confidence
    from {{ ref('stg_figure_boxes') }} as boxes
    inner join {{ ref('stg_ref_table_types') }} as table_types
        on boxes.table_code = table_types.landing_code
),

-- each printed amount with the OCR confidence of its figure (its landed column is the
-- measure) or else the lowest of its printed row; the three_public_expenditure table is
-- one printed row whatever its row number
amount_reads as (
    select
        amounts.fiscal_year,
        amounts.unit_name,
        amounts.table_code,
        amounts.row_key,
        amounts.measure,
        amounts.amount,
        coalesce(
            min(case when figure_boxes.column_name = amounts.measure then figure_boxes.ocr_confidence end),
            min(figure_boxes.ocr_confidence)
        ) as ocr_confidence
    from amounts
    inner join figure_boxes
        on amounts.fiscal_year = figure_boxes.fiscal_year
        and amounts.unit_name = figure_boxes.unit_name
        and amounts.table_code = figure_boxes.table_type
        and (amounts.printed_row_no = figure_boxes.row_no or amounts.table_code = 'three_public_expenditure')
    where figure_boxes.read_by = 'ocr'
    group by all
),

table_reads as (
    select fiscal_year, unit_name, table_type, bool_or(read_by = 'ocr') as read_by_ocr
    from figure_boxes
    group by all
),

disclosure_reads as (
    select fiscal_year, unit_name, bool_or(read_by_ocr) as read_by_ocr
    from table_reads
    group by all
),

sides as (
    select fiscal_year, unit_name, rule_id, subject_key, left_table_type as table_type, left_row_key as row_key,
           left_value as value
    from checks
    union all
    select fiscal_year, unit_name, rule_id, subject_key, right_table_type, right_row_key, right_value
    from checks
),

side_reads as (
    select
        sides.fiscal_year,
        sides.unit_name,
        sides.rule_id,
        sides.subject_key,
        bool_or(sides.table_type is not null) as names_a_table,
        bool_or(coalesce(table_reads.read_by_ocr, false)) as read_by_ocr,
        min(amount_reads.ocr_confidence) as ocr_min_confidence
    from sides
    left join table_reads
        on sides.fiscal_year = table_reads.fiscal_year
        and sides.unit_name = table_reads.unit_name
        and sides.table_type = table_reads.table_type
    left join amount_reads
        on sides.fiscal_year = amount_reads.fiscal_year
        and sides.unit_name = amount_reads.unit_name
        and sides.table_type = amount_reads.table_code
        and (sides.row_key = amount_reads.row_key or (sides.row_key is null and sides.value = amount_reads.amount))
    group by all
)

select
    side_reads.fiscal_year,
    side_reads.unit_name,
    side_reads.rule_id,
    side_reads.subject_key,
    case
        when side_reads.names_a_table then side_reads.read_by_ocr
        else coalesce(disclosure_reads.read_by_ocr, false)
    end as read_by_ocr,
    side_reads.ocr_min_confidence
from side_reads
left join disclosure_reads
    on side_reads.fiscal_year = disclosure_reads.fiscal_year
    and side_reads.unit_name = disclosure_reads.unit_name
