-- Where the figures of a check are printed: the printed rows its two sides name (their
-- structured keys: table type and row key), with their document, page or line, and
-- row; one row per located check. Located for every check that is not an exact pass as
-- its rule judged it (a finding, or a 尾差): locating all seven million checks of 10,000
-- disclosures needed more memory than the build may use.
-- a table, not a view: a DuckDB view names the database file it was built in, so it breaks when
-- the file is renamed or attached under another name (a BI tool, the DuckDB shell's ATTACH)

with checks as (
    select * from {{ ref('int_checks_unioned') }}
),

amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

check_rows as (
    select fiscal_year, unit_name, rule_id, subject_key, left_table_type as table_type, left_row_key as row_key
    from checks
    where status <> 'pass' and left_row_key is not null
    union all
    select fiscal_year, unit_name, rule_id, subject_key, right_table_type, right_row_key
    from checks
    where status <> 'pass' and right_row_key is not null
),

-- how each table figure of a PDF was read (text layer or OCR, with its confidence)
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

-- whether a check's figures were read by OCR, and their lowest confidence: the figure's own
-- (its landed column is the check's measure) or else the lowest of its printed row's
-- figures; the three_public_expenditure table is one printed row whatever its row number
figure_reads as (
    select
        check_rows.fiscal_year,
        check_rows.unit_name,
        check_rows.rule_id,
        check_rows.subject_key,
        bool_or(figure_boxes.read_by = 'ocr') as read_by_ocr,
        coalesce(
            min(case when figure_boxes.column_name = amounts.measure then figure_boxes.ocr_confidence end),
            min(figure_boxes.ocr_confidence)
        ) as ocr_min_confidence
    from check_rows
    inner join amounts
        on check_rows.fiscal_year = amounts.fiscal_year
        and check_rows.unit_name = amounts.unit_name
        and check_rows.table_type = amounts.table_code
        and check_rows.row_key = amounts.row_key
    inner join figure_boxes
        on amounts.fiscal_year = figure_boxes.fiscal_year
        and amounts.unit_name = figure_boxes.unit_name
        and amounts.table_code = figure_boxes.table_type
        and (amounts.printed_row_no = figure_boxes.row_no or amounts.table_code = 'three_public_expenditure')
    where amounts.amount is not null
    group by all
),

figure_locations as (
    select
        check_rows.fiscal_year,
        check_rows.unit_name,
        check_rows.rule_id,
        check_rows.subject_key,
        -- list + list_distinct + list_sort rather than string_agg(distinct … order by …): a plain
        -- aggregate state can spill to disk, an ordered distinct one cannot (10,000 disclosures
        -- ran out of memory)
        array_to_string(list_sort(list_distinct(list(amounts.printed_at))), '；') as printed_at
    from check_rows
    inner join amounts
        on check_rows.fiscal_year = amounts.fiscal_year
        and check_rows.unit_name = amounts.unit_name
        and check_rows.table_type = amounts.table_code
        and check_rows.row_key = amounts.row_key
    where amounts.amount is not null
    group by all
)

select
    figure_locations.*,
    figure_reads.read_by_ocr,
    figure_reads.ocr_min_confidence
from figure_locations
left join figure_reads
    on figure_locations.fiscal_year = figure_reads.fiscal_year
    and figure_locations.unit_name = figure_reads.unit_name
    and figure_locations.rule_id = figure_reads.rule_id
    and figure_locations.subject_key = figure_reads.subject_key
