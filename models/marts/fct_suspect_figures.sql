-- The suspect figures (issue 19): per disclosure, each printed figure final_accounts.localize
-- names as the likely misprint behind failing checks — the minimum-weight set of figures whose
-- correction makes every identity hold — with the value its identities need, the kind of typing
-- error when one fits, and the checks it explains (fct_reconciliation_checks.cause_id). Shifted
-- rows are another grain (a range of rows, not one figure): fct_row_shifts.
with causes as (
    select * from {{ ref('int_suspect_figures') }}
    where cause_kind = 'figure'
),

amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

labels as (
    select * from {{ ref('int_table_labels') }}
),

table_types as (
    select * from {{ ref('stg_ref_table_types') }}
),

boxes as (
    select * from {{ ref('stg_figure_boxes') }}
),

kinds as (
    select * from {{ ref('vocab_misprint_kinds') }}
),

-- where a figure of the narrative or the appendix is printed, and what it is (int_check_terms)
term_figures as (
    select fiscal_year, unit_name, figure_key,
        any_value(figure_source) as figure_source,
        any_value(table_code) as term_table_code,
        any_value(line_or_page) as line_or_page
    from {{ ref('int_check_terms') }}
    group by fiscal_year, unit_name, figure_key
),

suspects as (
    select
        cause_id as suspect_id,
        cast(fiscal_year as integer) as fiscal_year,
        any_value(unit_name) as unit_name,
        any_value(figure_key) as figure_key,
        any_value(table_code) as table_code,
        any_value(row_key) as row_key,
        any_value(measure) as measure,
        cast(any_value(printed_row_no) as integer) as printed_row_no,
        cast(any_value(printed_value) as decimal(18, 2)) as printed_value,
        cast(any_value(suggested_value) as decimal(18, 2)) as suggested_value,
        any_value(misprint_kind) as misprint_kind,
        cast(count(*) as integer) as explained_check_count,
        array_to_string(list_sort(list_distinct(list(rule_id))), '，') as explained_rule_ids
    from causes
    group by cause_id, fiscal_year
),

-- the page a printed row stands on (a PDF's figure boxes; text exports have none)
row_pages as (
    select boxes.fiscal_year, boxes.unit_name, table_types.table_type, boxes.row_no, min(boxes.source_page) as source_page
    from boxes
    inner join table_types
        on boxes.table_code = table_types.landing_code
    group by all
),

located as (
    select
        suspects.*,
        coalesce(labels.table_label, suspects.table_code) as table_label,
        amounts.name_as_printed,
        amounts.measure_label,
        amounts.printed_at,
        -- a blank cell of a printed row is nil in the identities (0) but printed as nothing
        coalesce(amounts.row_key is not null and amounts.amount is null, false) as printed_blank,
        row_pages.source_page,
        coalesce(kinds.word, suspects.misprint_kind) as misprint_kind_word,
        coalesce(term_figures.figure_source, 'table') as figure_source,
        term_figures.term_table_code,
        term_figures.line_or_page
    from suspects
    left join amounts
        on suspects.fiscal_year = amounts.fiscal_year
        and suspects.unit_name = amounts.unit_name
        and suspects.table_code = amounts.table_code
        and suspects.row_key = amounts.row_key
        and suspects.measure = amounts.measure
    left join labels
        on suspects.fiscal_year = labels.fiscal_year
        and suspects.unit_name = labels.unit_name
        and suspects.table_code = labels.table_type
    left join row_pages
        on suspects.fiscal_year = row_pages.fiscal_year
        and suspects.unit_name = row_pages.unit_name
        and suspects.table_code = row_pages.table_type
        and suspects.printed_row_no = row_pages.row_no
    left join kinds
        on suspects.misprint_kind = kinds.misprint_kind
    left join term_figures
        on suspects.fiscal_year = term_figures.fiscal_year
        and suspects.unit_name = term_figures.unit_name
        and suspects.figure_key = term_figures.figure_key
),

-- a figure of the narrative (情况说明) or of the appendix (项目支出绩效自评表) is named by where it
-- is printed; a table figure by its table, row and column
described as (
    select
        located.*,
        case figure_source
            when 'narrative' then '情况说明'
            when 'appendix' then '项目支出绩效自评表（' || coalesce(term_table_code, '') || '）'
            else table_label || ' ' || coalesce(
                name_as_printed || case when contains(row_key, name_as_printed) then '' else '（' || row_key || '）' end,
                row_key, '')
            || coalesce('“' || measure_label || '”栏', '')
            || coalesce('第' || printed_row_no || '行', '')
        end as figure_place
    from located
)

select
    suspect_id,
    fiscal_year,
    unit_name,
    figure_key,
    case figure_source when 'table' then table_code else figure_source end as table_code,
    case figure_source when 'narrative' then '情况说明' when 'appendix' then '项目支出绩效自评表' else table_label end
        as table_title,
    row_key,
    name_as_printed as row_name,
    printed_row_no,
    measure,
    measure_label,
    cast(source_page as integer) as source_page,
    coalesce(printed_at, line_or_page) as printed_at,
    case when printed_blank then null else printed_value end as printed_value,
    suggested_value,
    misprint_kind,
    misprint_kind_word,
    explained_check_count,
    explained_rule_ids,
    figure_place
    || coalesce('（' || line_or_page || '）', '')
    || '印为' || case when printed_blank then '空白' else {{ fmt('printed_value') }} end || '，各项勾稽关系要求' || {{ fmt('suggested_value') }}
    || case when misprint_kind <> 'none' then '（疑似' || misprint_kind_word || '）' else '' end
    || '；可解释' || explained_check_count || '项不符（' || explained_rule_ids || '）' as message
from described
