-- Which checks apply to each disclosure: a check on a document part that is not loaded
-- (the narrative 情况说明, the project appendix: the catalog's needs_parts) is not
-- reported; a check on a table the document does not print is 无法核对
-- (表未印（已由结构规则报告）; STRUCT-TABLE reports the table once as 不符). The tables a
-- check reads are the table types of its two sides, else (neither side a table) its rule's.
-- a table, not a view: a DuckDB view names the database file it was built in, so it breaks when
-- the file is renamed or attached under another name (a BI tool, the DuckDB shell's ATTACH)

with checks as (
    select * from {{ ref('int_checks_unioned') }}
),

rules as (
    select * from {{ ref('stg_ref_reconciliation_rules') }}
),

missing_tables as (
    select * from {{ ref('int_missing_tables') }}
),

-- the tables printed but not read in full (a read problem that loses rows or cells, or no
-- figure landed): int_incomplete_tables
incomplete_tables as (
    select * from {{ ref('int_incomplete_tables') }}
),

-- the printed figures that landed, per table type, row key and measure (on a table whose read
-- lost rows or cells a blank cell may be one of them, so only a figure read counts)
landed_figures as (
    select distinct fiscal_year, unit_name, table_code as table_type, row_key, measure
    from {{ ref('int_printed_amounts') }}
    where amount is not null
),

-- the printed rows holding a cell that does not read as a number (stg_rejected_cells, reported as
-- READ-FIGURE-TEXT): a side that reads a row without naming its column (a row's total against the
-- sum of its columns) reads a figure that did not land. Matched by where the row is printed; a
-- printed line holding two rows (公开01's 收入 and 支出 sides) marks both.
rows_with_unread_cells as (
    select distinct amounts.fiscal_year, amounts.unit_name, amounts.table_code as table_type, amounts.row_key
    from {{ ref('int_printed_amounts') }} as amounts
    inner join {{ ref('stg_rejected_cells') }} as rejected
        on amounts.fiscal_year = rejected.fiscal_year
        and amounts.unit_name = rejected.unit_name
        and amounts.printed_at = rejected.printed_at
    where rejected.loaded_from = 'document'
),

-- the landed figures, each marked whether its row was read in full (no cell of it unread)
read_figures as (
    select
        landed_figures.*,
        rows_with_unread_cells.row_key is null as row_read_in_full
    from landed_figures
    left join rows_with_unread_cells
        on landed_figures.fiscal_year = rows_with_unread_cells.fiscal_year
        and landed_figures.unit_name = rows_with_unread_cells.unit_name
        and landed_figures.table_type = rows_with_unread_cells.table_type
        and landed_figures.row_key = rows_with_unread_cells.row_key
),

-- which disclosures have their narrative (情况说明) and project self-evaluations loaded:
-- rules needing those parts are evaluated only there (the extractor reads the nine
-- tables; the reference transcription also holds the narrative and the appendix)
loaded_parts as (
    select distinct fiscal_year, unit_name, 'narrative' as part from {{ ref('stg_narrative_figures') }}
    union all
    select distinct fiscal_year, unit_name, 'project_appendix' from {{ ref('stg_project_evaluations') }}
),

-- the tables (canonical types) each rule reads, from the rule catalog
rule_tables as (
    select distinct rule_id, unnest(string_split(tables, '|')) as table_type
    from rules
    where tables is not null and tables <> ''
),

-- the document parts each rule needs besides the tables, from the rule catalog
rule_parts as (
    select distinct rule_id, unnest(string_split(needs_parts, '|')) as part
    from rules
    where needs_parts is not null
),

check_side_tables as (
    select fiscal_year, unit_name, rule_id, subject_key, left_table_type as table_type
    from checks
    where left_table_type is not null
    union all
    select fiscal_year, unit_name, rule_id, subject_key, right_table_type
    from checks
    where right_table_type is not null
),

check_tables as (
    select * from check_side_tables
    union all
    select checks.fiscal_year, checks.unit_name, checks.rule_id, checks.subject_key, rule_tables.table_type
    from checks
    inner join rule_tables
        on checks.rule_id = rule_tables.rule_id
    where checks.left_table_type is null and checks.right_table_type is null
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

checks_with_parts as (
    select checks.*
    from checks
    where not exists (
        select 1
        from rule_parts
        where rule_parts.rule_id = checks.rule_id
          and not exists (
              select 1 from loaded_parts
              where loaded_parts.fiscal_year = checks.fiscal_year
                and loaded_parts.unit_name = checks.unit_name
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

-- a failed check reading a table whose read is incomplete is 无法核对 (the read problem and its
-- page as the reason), unless every figure it reads on such a table is one printed row that
-- landed: a side that names its row is read when that row (and its measure) landed — a side naming
-- its row but no measure (a sum of the row's columns) only when no cell of the row was unread; a side
-- without a row (a sum over the table's rows, a total not located) or a check whose sides name
-- no table (its rule's tables) reads rows that may be lost. Passes stay: the figures read agree.
incomplete_sides as (
    select check_tables.fiscal_year, check_tables.unit_name, check_tables.rule_id, check_tables.subject_key,
        incomplete_tables.not_evaluable_reason
    from (
        select fiscal_year, unit_name, rule_id, subject_key, left_table_type as table_type,
            left_row_key as row_key, left_measure as measure
        from checks
        where left_table_type is not null and status = 'fail'
        union all
        select fiscal_year, unit_name, rule_id, subject_key, right_table_type, right_row_key, right_measure
        from checks
        where right_table_type is not null and status = 'fail'
        union all
        select checks.fiscal_year, checks.unit_name, checks.rule_id, checks.subject_key, rule_tables.table_type,
            null, null
        from checks
        inner join rule_tables
            on checks.rule_id = rule_tables.rule_id
        where checks.left_table_type is null and checks.right_table_type is null and checks.status = 'fail'
    ) as check_tables
    inner join incomplete_tables
        on check_tables.fiscal_year = incomplete_tables.fiscal_year
        and check_tables.unit_name = incomplete_tables.unit_name
        and check_tables.table_type = incomplete_tables.table_type
    where check_tables.rule_id not like 'STRUCT-%'
      and not (
          check_tables.row_key is not null
          and exists (
              select 1 from read_figures
              where read_figures.fiscal_year = check_tables.fiscal_year
                and read_figures.unit_name = check_tables.unit_name
                and read_figures.table_type = check_tables.table_type
                and read_figures.row_key = check_tables.row_key
                and (case when check_tables.measure is null then read_figures.row_read_in_full
                          else read_figures.measure = check_tables.measure end)
          )
      )
),

-- a failed check over all the projects of the appendix (a count or a sum of 全年执行数: its rule
-- needs the appendix, its subject is not one project's) where a project's fund cells may not have
-- landed (int_unread_appendix_cells); a project's own checks are judged field by field in
-- int_checks_performance
unread_appendix_funds as (
    select fiscal_year, unit_name,
        array_to_string(list_sort(list_distinct(list(not_evaluable_reason))), '；') as not_evaluable_reason
    from {{ ref('int_unread_appendix_cells') }}
    where coalesce(part = 'project_funds', true) and coalesce(field = 'executed_amount', true)
    group by all
),

appendix_sums as (
    select checks.fiscal_year, checks.unit_name, checks.rule_id, checks.subject_key,
        unread_appendix_funds.not_evaluable_reason
    from checks
    inner join rule_parts
        on checks.rule_id = rule_parts.rule_id
        and rule_parts.part = 'project_appendix'
    inner join unread_appendix_funds
        on checks.fiscal_year = unread_appendix_funds.fiscal_year
        and checks.unit_name = unread_appendix_funds.unit_name
    where checks.status = 'fail' and not starts_with(checks.subject_key, 'project/')
),

unread_inputs as (
    select fiscal_year, unit_name, rule_id, subject_key,
        array_to_string(list_sort(list_distinct(list(not_evaluable_reason))), '；') as not_evaluable_reason
    from (
        select * from incomplete_sides
        union all
        select * from appendix_sums
    ) as unread
    group by all
),

checks_with_reads as (
    select
        checks_with_tables.* exclude (status, not_evaluable_reason),
        case when unread_inputs.rule_id is not null and checks_with_tables.status = 'fail' then 'not_evaluable'
             else checks_with_tables.status end as status,
        case when unread_inputs.rule_id is not null and checks_with_tables.status = 'fail' then unread_inputs.not_evaluable_reason
             else checks_with_tables.not_evaluable_reason end as not_evaluable_reason
    from checks_with_tables
    left join unread_inputs
        on unread_inputs.fiscal_year = checks_with_tables.fiscal_year
        and unread_inputs.unit_name = checks_with_tables.unit_name
        and unread_inputs.rule_id = checks_with_tables.rule_id
        and unread_inputs.subject_key = checks_with_tables.subject_key
)

select * from checks_with_reads
