-- Where on the printed page each figure of a finding stands: per check that is not an exact
-- pass, the figures its two sides name (table type + row key + measure, the structured keys
-- int_check_locations locates a check's rows by) joined through int_printed_amounts (printed
-- row, side) and ref_figure_columns (the landed column that holds the measure) to the boxes
-- the PDF reader recorded (stg_figure_boxes). One row per (check, side, figure box). Figures
-- from a text export or the reference transcription have no box and no row here.
with checks as (
    select * from {{ ref('int_checks_unioned') }}
    where status <> 'pass'
),

amounts as (
    select * from {{ ref('int_printed_amounts') }}
    where amount is not null
),

economic_blocks as (
    -- the basic-expenditure table prints up to three (code, name, amount) groups per line
    select fiscal_year, unit_name, printed_row_no, coalesce(economic_code, row_kind) as row_key, column_block
    from {{ ref('stg_gk06_basic_expenditure_by_economic') }}
),

figure_columns as (
    select * from {{ ref('ref_figure_columns') }}
),

table_types as (
    select table_type, landing_code from {{ ref('ref_table_types') }}
),

boxes as (
    select * from {{ ref('stg_figure_boxes') }}
),

check_sides as (
    select fiscal_year, unit_name, rule_id, subject_key, 'left' as figure_side,
        left_table_type as table_type, left_row_key as row_key, left_measure as measure,
        right_table_type as other_table_type, right_row_key as other_row_key, right_measure as other_measure
    from checks
    where left_table_type is not null and left_row_key is not null
    union all
    select fiscal_year, unit_name, rule_id, subject_key, 'right',
        right_table_type, right_row_key, right_measure,
        left_table_type, left_row_key, left_measure
    from checks
    where right_table_type is not null and right_row_key is not null
),

-- a side that names no measure reads its row's printed amounts (as int_check_locations), but
-- not the one the other side names on the same row: that side is the row's other figures (its
-- parts, against the row's total)
side_figures as (
    select
        check_sides.fiscal_year,
        check_sides.unit_name,
        check_sides.rule_id,
        check_sides.subject_key,
        check_sides.figure_side,
        check_sides.table_type,
        check_sides.row_key,
        amounts.measure,
        amounts.measure_label,
        amounts.amount,
        amounts.side,
        amounts.printed_row_no
    from check_sides
    inner join amounts
        on check_sides.fiscal_year = amounts.fiscal_year
        and check_sides.unit_name = amounts.unit_name
        and check_sides.table_type = amounts.table_code
        and check_sides.row_key = amounts.row_key
        and (
            check_sides.measure = amounts.measure
            or (
                check_sides.measure is null
                and not (
                    check_sides.other_table_type is not distinct from check_sides.table_type
                    and check_sides.other_row_key is not distinct from check_sides.row_key
                    and check_sides.other_measure is not distinct from amounts.measure
                )
            )
        )
),

landed_cells as (
    select
        side_figures.*,
        table_types.landing_code,
        figure_columns.landing_column
    from side_figures
    inner join table_types
        on side_figures.table_type = table_types.table_type
    left join economic_blocks
        on side_figures.table_type = 'basic_expenditure_by_economic'
        and side_figures.fiscal_year = economic_blocks.fiscal_year
        and side_figures.unit_name = economic_blocks.unit_name
        and side_figures.printed_row_no = economic_blocks.printed_row_no
        and side_figures.row_key = economic_blocks.row_key
    inner join figure_columns
        on side_figures.table_type = figure_columns.table_type
        and side_figures.measure = figure_columns.measure
        and (figure_columns.side is null or figure_columns.side = side_figures.side)
        and (figure_columns.column_block is null or figure_columns.column_block = economic_blocks.column_block)
        and (figure_columns.row_key is null or figure_columns.row_key = side_figures.row_key)
),

located as (
    select
        landed_cells.fiscal_year,
        landed_cells.unit_name,
        landed_cells.rule_id,
        landed_cells.subject_key,
        landed_cells.figure_side,
        landed_cells.table_type,
        landed_cells.row_key,
        landed_cells.measure,
        landed_cells.measure_label,
        landed_cells.amount,
        boxes.document_sha256,
        boxes.table_code,
        boxes.row_no,
        boxes.column_name,
        boxes.source_page,
        cast(boxes.x0 as decimal(9, 2)) as x0,
        cast(boxes.top as decimal(9, 2)) as top,
        cast(boxes.x1 as decimal(9, 2)) as x1,
        cast(boxes.bottom as decimal(9, 2)) as bottom,
        cast(boxes.page_width as decimal(9, 2)) as page_width,
        cast(boxes.page_height as decimal(9, 2)) as page_height,
        boxes.read_by,
        cast(boxes.ocr_confidence as decimal(5, 4)) as ocr_confidence
    from landed_cells
    inner join boxes
        on landed_cells.fiscal_year = boxes.fiscal_year
        and landed_cells.unit_name = boxes.unit_name
        and landed_cells.landing_code = boxes.table_code
        and landed_cells.printed_row_no = boxes.row_no
        and landed_cells.landing_column = boxes.column_name
)

select * from located
