-- 结构 rule STRUCT-TABLE: each of the nine standard tables is printed with figures, or
-- the document explains why it is empty (“本表无数据”); one row per disclosure × table type.
-- A missing table is reported here once; the checks that need its figures are 无法核对
-- (表未印（已由结构规则报告）) in int_reconciliation_checks rather than dozens of failures.
with presence as (
    select * from {{ ref('stg_table_presence') }}
),

-- rule STRUCT-TABLE
struct_table as (
    select fiscal_year, unit_name, 'STRUCT-TABLE' as rule_id,
        table_code || '/presence' as subject_key,
        coalesce(title_as_printed, standard_title) as subject,
        '文件中' as left_label,
        case presence
            when 'present' then '有此表且有数字'
            when 'empty_with_note' then '空表，有说明'
            when 'empty' then '空表，无说明'
            else '缺失'
        end as left_text,
        '应有' as right_label,
        case when presence in ('present', 'empty_with_note') then
            case presence when 'present' then '有此表且有数字' else '空表，有说明' end
            else '有此表（或空表说明）'
        end as right_text,
        'text' as comparison,
        case presence
            when 'missing' then case when printed_at is null then '文件中未找到表“' || standard_title || '”的标题'
                else '表“' || coalesce(title_as_printed, standard_title) || '”只见于' || printed_at || '（目录），文件中未找到该表' end
            when 'empty' then '表“' || coalesce(title_as_printed, standard_title) || '”（' || coalesce(printed_at, '?')
                || '）无数字，也无“本表无数据”说明'
            when 'empty_with_note' then '说明：' || empty_note
            else coalesce(printed_at, '') || '，' || figures_landed || '个数字'
        end as detail
    from presence
),

{{ check_output(['struct_table']) }}
