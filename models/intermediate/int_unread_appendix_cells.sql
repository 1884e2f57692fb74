-- Cells of the project appendix (项目支出绩效自评表) read from a PDF that may not have landed:
-- a read problem on a project's table whose rule loses rows or cells (seeds/ref_read_losses.csv)
-- — a cell that does not read as a number (READ-FIGURE-TEXT), a field left empty (READ-REQUIRED),
-- a row wider than its header read by its first cells (READ-ROW-WIDTH), cells the reader could
-- not place (READ-UNPLACED). One row per disclosure × project × part × field; part or field NULL
-- when the problem names none (every part, every field of the project). The 绩效 rules reading
-- such a cell are 无法核对 with the read problem and its page as the reason (int_checks_performance,
-- as for the cells a text export lost, int_lost_cells), never 不符.
with problems as (
    select * from {{ ref('stg_read_problems') }}
),

losses as (
    select * from {{ ref('ref_read_losses') }}
    where loses_figures
),

appendix_problems as (
    select
        problems.fiscal_year,
        problems.unit_name,
        problems.rule_id,
        problems.source_page,
        problems.table_code,
        problems.detail,
        -- the project's table number as the reader printed it: “（表序N）” in the place or
        -- detail, or “appendix table N” in the extractor's unplaced message
        coalesce(
            try_cast(nullif(regexp_extract(coalesce(problems.printed_at, '') || ' ' || coalesce(problems.detail, ''),
                                           '表序(\d+)', 1), '') as integer),
            try_cast(nullif(regexp_extract(coalesce(problems.detail, ''), 'appendix table (\d+)', 1), '') as integer)
        ) as project_no
    from problems
    inner join losses
        on problems.rule_id = losses.rule_id
    where problems.table_code like 'project\_%' escape '\'
       or (problems.table_code is null and problems.detail like '%appendix table %')
),

cells as (
    select
        fiscal_year,
        unit_name,
        project_no,
        table_code as part,
        -- the field the problem names: the landed column (“数字栏score_text”) or the required
        -- field (“分值（weight）未读出”), without its _text suffix; else every field
        nullif(regexp_replace(coalesce(
            nullif(regexp_extract(detail, '数字栏([a-z_]+)', 1), ''),
            nullif(regexp_extract(detail, '（([a-z_]+)）未读出', 1), ''), ''), '_text$', ''), '') as field,
        '表未读全（' || rule_id || coalesce('，第' || source_page || '页', '') || '）' as not_evaluable_reason
    from appendix_problems
    where project_no is not null
)

select
    fiscal_year,
    unit_name,
    project_no,
    part,
    field,
    array_to_string(list_sort(list_distinct(list(not_evaluable_reason))), '；') as not_evaluable_reason
from cells
group by all
