-- The shifted rows (issue 19): a table, or one column of it, whose figures hold only when read
-- k rows off from a printed row on — one finding explaining every check it fixes
-- (fct_reconciliation_checks.cause_id), found by final_accounts/shifts.py before the suspect
-- figures. Its own mart rather than a kind in fct_suspect_figures: one shift is a range of
-- rows and figures, not one figure with a printed and a suggested value.
with causes as (
    select * from {{ ref('int_suspect_figures') }}
    where cause_kind = 'shift'
),

labels as (
    select * from {{ ref('int_table_labels') }}
),

amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

shifts as (
    select
        cause_id as shift_id,
        cast(fiscal_year as integer) as fiscal_year,
        any_value(unit_name) as unit_name,
        any_value(table_code) as table_code,
        any_value(measure) as measure,
        cast(any_value(shift_rows) as integer) as shift_rows,
        cast(any_value(from_row_no) as integer) as from_row_no,
        cast(any_value(to_row_no) as integer) as to_row_no,
        cast(any_value(shifted_figure_count) as integer) as shifted_figure_count,
        cast(count(*) as integer) as explained_check_count,
        array_to_string(list_sort(list_distinct(list(rule_id))), '，') as explained_rule_ids
    from causes
    group by cause_id, fiscal_year
),

measure_labels as (
    select distinct fiscal_year, unit_name, table_code, measure, measure_label
    from amounts
),

first_rows as (
    select fiscal_year, unit_name, table_code, printed_row_no, min(printed_at) as printed_at
    from amounts
    group by all
),

named as (
    select
        shifts.*,
        coalesce(labels.table_label, shifts.table_code) as table_label,
        measure_labels.measure_label,
        first_rows.printed_at
    from shifts
    left join labels
        on shifts.fiscal_year = labels.fiscal_year
        and shifts.unit_name = labels.unit_name
        and shifts.table_code = labels.table_type
    left join measure_labels
        on shifts.fiscal_year = measure_labels.fiscal_year
        and shifts.unit_name = measure_labels.unit_name
        and shifts.table_code = measure_labels.table_code
        and shifts.measure = measure_labels.measure
    left join first_rows
        on shifts.fiscal_year = first_rows.fiscal_year
        and shifts.unit_name = first_rows.unit_name
        and shifts.table_code = first_rows.table_code
        and shifts.from_row_no = first_rows.printed_row_no
)

select
    shift_id,
    fiscal_year,
    unit_name,
    table_code,
    table_label as table_title,
    measure,
    measure_label,
    shift_rows,
    from_row_no,
    to_row_no,
    printed_at,
    shifted_figure_count,
    explained_check_count,
    explained_rule_ids,
    table_label || coalesce('“' || measure_label || '”栏', '（全部栏目）')
    || '自第' || from_row_no || '行至第' || to_row_no || '行的数字印'
    || case when shift_rows > 0 then '低' else '高' end || abs(shift_rows) || '行（第n行的数字印在第n'
    || case when shift_rows > 0 then '+' else '−' end || abs(shift_rows) || '行）；按其本行读可解释'
    || explained_check_count || '项不符（' || explained_rule_ids || '）' as message
from named
