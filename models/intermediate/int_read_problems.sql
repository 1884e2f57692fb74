-- Every read problem of every landed disclosure: stg_read_problems (the extractor's, what it
-- could not place, and the staging rows that break their model's integrity spec), and the
-- figures whose row key is read twice in a disclosure's table (int_printed_amounts: a table
-- printed twice, a repeated line). One row per problem, numbered per disclosure and rule: the
-- READ-* findings of int_reconciliation_checks and the count in dim_disclosure.
-- depends_on: {{ ref('int_printed_amounts') }}
with staged as (
    select * from {{ ref('stg_read_problems') }}
),

in_intermediate as (
{{ read_problems_of_layer('int_') }}
),

all_problems as (
    select * exclude (problem_no), problem_no as staged_problem_no from staged
    union all by name
    select * from in_intermediate
),

-- one problem per printed row and rule: a row the SQL layer could not use is listed once, even
-- where several of its cells or measures (the 12 cells of the 三公 row, the 4 columns of a
-- summary line) or several of its fields break the spec
distinct_problems as (
    select *
    from all_problems
    qualify found_by = 'extract' or row_number() over (
        partition by fiscal_year, unit_name, rule_id, printed_at, found_by = 'extract'
        order by staged_problem_no nulls last, model_name, detail) = 1
),

numbered as (
    select
        fiscal_year,
        unit_name,
        row_number() over (
            partition by fiscal_year, unit_name, rule_id
            order by staged_problem_no nulls last, source_page, source_line, model_name, printed_at, printed_text, detail
        ) as problem_no,
        rule_id,
        part,
        table_code,
        model_name,
        source_page,
        source_line,
        printed_at,
        printed_text,
        detail,
        found_by
    from distinct_problems
)

select * from numbered
