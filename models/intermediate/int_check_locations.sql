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

select * from figure_locations
