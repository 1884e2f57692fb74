-- 科目 rules on the classification codes themselves (CODE-*, CLASS-ORDINAL-UNMAPPED,
-- NARRATIVE-NAME-UNRESOLVED, NAME-DIFFERS), in the common check shape, so that they reach
-- fct_reconciliation_checks, the report and the workbook like every other family.
-- They only list problems (no passing rows): a code row that is well formed is simply not
-- here. What other rules already report is not reported again:
--   - a printed name that differs from the reference name of its code is C-NAME
--     (int_checks_classification), on every coded row of every table, summary 类 lines included;
--   - a narrative 项 taken to a code by its 项 name or its amount alone is an N-ITEM-NAME 不符
--     (int_checks_narrative): NARRATIVE-NAME-UNRESOLVED lists only the names resolved to no code.
-- Where a table row is printed is found by int_check_locations from the left table type and row
-- key (the code as printed), as for every table rule; the narrative items carry their own place.

{%- set well_formed_length -%}
((code_system = 'function' and length(code) in (3, 5, 7)) or (code_system = 'economic' and length(code) in (3, 5)))
{%- endset %}

{%- set function_tables = [
    ('income_by_function', 'stg_gk02_income_by_function'),
    ('expenditure_by_function', 'stg_gk03_expenditure_by_function'),
    ('general_budget_expenditure', 'stg_gk05_general_budget_expenditure'),
    ('government_fund', 'stg_gk07_government_fund'),
    ('state_capital_expenditure', 'stg_gk08_state_capital_expenditure'),
] %}

with coded_rows as (
    {%- for table_code, model in function_tables %}
    select
        '{{ table_code }}' as table_code, 'function' as code_system,
        fiscal_year, unit_name, printed_row_no, function_code as code, name_as_printed,
        official_name, parent_code,
        coalesce(len(duplicate_reads), 0) as copies_not_kept
    from {{ ref(model) }}
    where function_code is not null
    union all
    {%- endfor %}
    select
        'basic_expenditure_by_economic', 'economic',
        fiscal_year, unit_name, printed_row_no, economic_code, name_as_printed,
        official_name, parent_code,
        coalesce(len(duplicate_reads), 0)
    from {{ ref('stg_gk06_basic_expenditure_by_economic') }}
    where economic_code is not null
),

-- the subject of a code row: the table (relabelled as the disclosure names it), its printed row and the
-- code; its key: table/code/printed row (a code printed on two rows is two subjects), whose code part
-- int_reconciliation_checks locates the printed figures by
coded_subjects as (
    select
        *,
        table_code || '第' || printed_row_no || '行 编码' || code as subject,
        table_code || '/' || code || '/行' || printed_row_no as row_subject_key
    from coded_rows
),

-- rule CODE-NONDIGIT
code_nondigit as (
    select fiscal_year, unit_name, 'CODE-NONDIGIT' as rule_id,
        row_subject_key || '/nondigit' as subject_key, subject,
        '所印编码' as left_label, code as left_text,
        '应为' as right_label, '全为数字的编码' as right_text,
        'text' as comparison,
        '编码“' || code || '”含非数字字符' as detail,
        table_code as left_table_type, code as left_row_key
    from coded_subjects
    where regexp_matches(code, '[^0-9]')
),

-- rule CODE-LENGTH
code_length as (
    select fiscal_year, unit_name, 'CODE-LENGTH' as rule_id,
        row_subject_key || '/length' as subject_key, subject,
        '所印编码' as left_label, code as left_text,
        '应为' as right_label,
        case code_system when 'function' then '3、5或7位数字的编码' else '3或5位数字的编码' end as right_text,
        'text' as comparison,
        '编码' || code || '为' || length(code) || '位' as detail,
        table_code as left_table_type, code as left_row_key
    from coded_subjects
    where not regexp_matches(code, '[^0-9]')
      and not {{ well_formed_length }}
),

-- rule CODE-UNKNOWN: the reference seeds hold the codes met so far, not the whole catalogue,
-- so a code they do not know cannot be judged: 无法核对 (severity warn), never 不符
code_unknown as (
    select fiscal_year, unit_name, 'CODE-UNKNOWN' as rule_id,
        row_subject_key || '/unknown' as subject_key, subject,
        '所印编码及名称' as left_label, code || ' ' || coalesce(name_as_printed, '') as left_text,
        '参考分类' as right_label, '无此编码' as right_text,
        'text' as comparison,
        '编码' || code || '（“' || coalesce(name_as_printed, '') || '”）不在参考分类中' as detail,
        '参考分类未收此编码：参考只收已见编码，不是完整目录' as not_evaluable_reason,
        table_code as left_table_type, code as left_row_key
    from coded_subjects
    where official_name is null
      and not regexp_matches(code, '[^0-9]')
      and {{ well_formed_length }}
),

-- rule CODE-PARENT-MISSING
code_parent_missing as (
    select child.fiscal_year, child.unit_name, 'CODE-PARENT-MISSING' as rule_id,
        child.row_subject_key || '/parent' as subject_key, child.subject,
        '所印编码' as left_label, child.code as left_text,
        '上级科目' || child.parent_code as right_label, '同表未印' as right_text,
        'text' as comparison,
        '编码' || child.code || '已印，其上级' || child.parent_code || '未印' as detail,
        child.table_code as left_table_type, child.code as left_row_key
    from coded_subjects as child
    left join coded_rows as parent
        on parent.table_code = child.table_code
        and parent.fiscal_year = child.fiscal_year
        and parent.unit_name = child.unit_name
        and parent.code = child.parent_code
    where child.parent_code is not null
      and parent.code is null
),

-- rule CODE-DUPLICATE: a landed row printed with the code of an earlier row is kept out of
-- staging (READ-DUPLICATE); it still counts here (copies_not_kept): the document prints the code twice
code_counts as (
    select fiscal_year, unit_name, table_code, code,
        min(subject) as subject, sum(1 + copies_not_kept) as rows_printed
    from coded_subjects
    group by all
),

code_duplicate as (
    select fiscal_year, unit_name, 'CODE-DUPLICATE' as rule_id,
        table_code || '/' || code || '/duplicate' as subject_key, subject,
        '同表印有此编码的行数' as left_label, rows_printed as left_value,
        '应为' as right_label, 1 as right_value,
        'equal' as comparison, 0 as printed_decimals, 0 as explicit_tolerance,
        '编码' || code || '印了' || rows_printed || '行' as detail,
        table_code as left_table_type, code as left_row_key
    from code_counts
    where rows_printed > 1
),

-- rule CLASS-ORDINAL-UNMAPPED: a summary table's "序号、类名" expenditure line mapping to no 类 code
summary_lines as (
    {%- for table_code, model in [('income_expenditure_summary', 'stg_gk01_income_expenditure_summary'), ('fiscal_appropriation_summary', 'stg_gk04_fiscal_appropriation_summary')] %}
    select '{{ table_code }}' as table_code, fiscal_year, unit_name, printed_row_no,
        line_no, item_as_printed, item_name, function_code, line_kind
    from {{ ref(model) }}
    where side = '支出'
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

class_ordinal_unmapped as (
    select fiscal_year, unit_name, 'CLASS-ORDINAL-UNMAPPED' as rule_id,
        -- the row key int_printed_amounts gives a line without a code: 支出/<项目>
        table_code || '/支出/' || item_name || '/行' || printed_row_no || '/class' as subject_key,
        table_code || '第' || printed_row_no || '行' || coalesce('（行次' || line_no || '）', '') as subject,
        '所印“序号、类名”' as left_label, item_as_printed as left_text,
        '对应的类编码' as right_label, '无' as right_text,
        'text' as comparison,
        '“' || item_as_printed || '”对应不到功能分类的类编码（ref_class_ordinal_map）' as detail
    from summary_lines
    where line_kind = '类' and function_code is null
),

-- every account's per-项 items (item_ref as the checks name them: "3", "government_fund/1")
narrative_items as (
    select
        *,
        class_name || '（类）' || kuan_name || '（款）' || xiang_name || '（项）' as names_as_printed,
        case when coalesce(budget_topic, 'general_budget') = 'general_budget' then '情况说明五（三）第' || item_no || '项'
             when budget_topic = 'government_fund' then '情况说明政府性基金逐项说明第' || item_no || '项'
             else '情况说明国有资本经营逐项说明第' || item_no || '项' end as subject
    from {{ ref('int_narrative_items') }}
),

-- rule NARRATIVE-NAME-UNRESOLVED: a narrative 类/款/项 resolved to no code at all
narrative_name_unresolved as (
    select fiscal_year, unit_name, 'NARRATIVE-NAME-UNRESOLVED' as rule_id,
        'narrative-item/' || item_ref || '/code' as subject_key, subject,
        '所印类/款/项' as left_label, names_as_printed as left_text,
        '解析出的编码' as right_label, '无' as right_text,
        'text' as comparison,
        case when class_code is null then '类名在参考分类中找不到'
             when kuan_code is null then '款名在类' || class_code || '下找不到'
             else '项名在款' || kuan_code || '下找不到' end as detail,
        printed_at
    from narrative_items
    where function_code is null
),

-- rule NAME-DIFFERS: a narrative 类/款/项 named by an older title (seeds/ref_classification_name_history.csv),
-- resolved to the current code through the history
name_differs as (
    select fiscal_year, unit_name, 'NAME-DIFFERS' as rule_id,
        'narrative-item/' || item_ref || '/older-title' as subject_key, subject,
        '所印类/款/项' as left_label, names_as_printed as left_text,
        '按沿革解析为编码' as right_label, function_code as right_text,
        'text' as comparison,
        older_title_note || '，按沿革解析为现行编码' as detail,
        printed_at
    from narrative_items
    where older_title_note is not null
),

{{ check_output(['code_nondigit', 'code_length', 'code_unknown', 'code_parent_missing', 'code_duplicate',
                 'class_ordinal_unmapped', 'narrative_name_unresolved', 'name_differs']) }}
