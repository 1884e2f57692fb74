-- The tables each disclosure prints but whose read is incomplete, by canonical table type:
-- a read problem recorded on the table whose rule means rows, cells or figures may not have
-- landed (seeds/ref_read_losses.csv: READ-CONTINUATION, READ-ROW-WIDTH, READ-UNPLACED …), or a
-- table printed with its title whose read landed no figure at all and that does not state it is
-- empty (presence empty; STRUCT-TABLE reports it once). A check reading such a table is
-- 无法核对 where its own figure did not land, or where it sums the table's rows
-- (int_checks_applicable, int_checks_narrative), with the reason given here — never 不符.
-- A table printed empty with its empty-table statement is nil, not incomplete.
with problems as (
    select * from {{ ref('stg_read_problems') }}
),

losses as (
    select * from {{ ref('ref_read_losses') }}
    where loses_figures
),

table_types as (
    select * from {{ ref('stg_ref_table_types') }}
),

presence as (
    select * from {{ ref('stg_table_presence') }}
),

-- the extractor's words after the finding's prefix (“抽取时无法归位的内容…：”): a table's
-- unplaced figures are reported as “<title as printed> (page N): …”
unplaced as (
    select
        problems.*,
        regexp_replace(problems.detail, '^[^：]*：', '') as message
    from problems
    where problems.rule_id = 'READ-UNPLACED' and problems.table_code is null
),

unplaced_on_tables as (
    select
        unplaced.fiscal_year,
        unplaced.unit_name,
        unplaced.rule_id,
        table_types.table_type,
        coalesce(unplaced.source_page,
                 try_cast(nullif(regexp_extract(unplaced.message, '\(page (\d+)\)', 1), '') as integer)) as source_page,
        coalesce(unplaced.source_line,
                 try_cast(nullif(regexp_extract(unplaced.message, '\(line (\d+)\)', 1), '') as integer)) as source_line
    from unplaced
    inner join presence
        on unplaced.fiscal_year = presence.fiscal_year
        and unplaced.unit_name = presence.unit_name
        and presence.title_as_printed is not null
        and starts_with(unplaced.message, presence.title_as_printed || ' (')
    inner join table_types
        on presence.table_code = table_types.landing_code
),

coded_problems as (
    select
        problems.fiscal_year,
        problems.unit_name,
        problems.rule_id,
        table_types.table_type,
        problems.source_page,
        problems.source_line
    from problems
    inner join table_types
        on problems.table_code in (table_types.landing_code, table_types.table_type)
),

lossy_problems as (
    select all_problems.*
    from (
        select * from coded_problems
        union all
        select * from unplaced_on_tables
    ) as all_problems
    inner join losses
        on all_problems.rule_id = losses.rule_id
),

problem_places as (
    select
        fiscal_year,
        unit_name,
        table_type,
        rule_id,
        min(source_page) as first_page,
        min(source_line) as first_line
    from lossy_problems
    group by all
),

read_incomplete as (
    select
        fiscal_year,
        unit_name,
        table_type,
        'read_problem' as incompleteness,
        '表未读全（'
        || array_to_string(list_sort(list(
            rule_id || coalesce('，第' || first_page || '页', '，文本第' || first_line || '行', ''))), '；')
        || '）' as not_evaluable_reason
    from problem_places
    group by all
),

-- printed with its title, no figure landed, no empty-table statement
landed_empty as (
    select
        presence.fiscal_year,
        presence.unit_name,
        table_types.table_type,
        'no_figures_landed' as incompleteness,
        '表无数字落地（' || coalesce(presence.printed_at || '，', '') || '已由结构规则报告）' as not_evaluable_reason
    from presence
    inner join table_types
        on presence.table_code = table_types.landing_code
    where presence.presence = 'empty' and coalesce(presence.figures_landed, 0) = 0
),

-- a table with both names its read problems (they say where the figures went)
incomplete as (
    select * from read_incomplete
    union all
    select landed_empty.*
    from landed_empty
    anti join read_incomplete
        on landed_empty.fiscal_year = read_incomplete.fiscal_year
        and landed_empty.unit_name = read_incomplete.unit_name
        and landed_empty.table_type = read_incomplete.table_type
)

select * from incomplete
