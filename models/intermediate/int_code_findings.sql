-- Classification-code findings across the printed tables: one row per problem, with the
-- rule that found it, its severity (error fails the build, warn is reported) and a
-- message naming table, printed row and code. Rules are listed in the rules CTE.
with rules (rule_id, severity, rule_description) as (
    values
        ('CODE-NONDIGIT', 'error', 'code contains a character that is not a digit'),
        ('CODE-LENGTH', 'error', 'code length is not that of a 类/款/项'),
        ('CODE-UNKNOWN', 'warn', 'code is not in the reference classification (seeds/ref_functional_classification.csv / ref_economic_classification.csv hold the codes met so far, not the whole 2024 catalogue)'),
        ('CODE-PARENT-MISSING', 'error', 'the parent (款 of a 项, 类 of a 款) is not printed in the same table'),
        ('CODE-DUPLICATE', 'error', 'the same code is printed on more than one row of a table'),
        ('CLASS-ORDINAL-UNMAPPED', 'error', 'a income_expenditure_summary/fiscal_appropriation_summary "序号、类名" line maps to no 类 code'),
        ('NARRATIVE-NAME-UNRESOLVED', 'error', 'a narrative 类/款/项 name resolves to no code'),
        ('NAME-DIFFERS', 'warn', 'the printed name differs from the reference name for the code')
),

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

coded_rows as (
    {%- for table_code, model in function_tables %}
    select
        '{{ table_code }}' as table_code, '{{ model }}' as source_model, 'function' as code_system,
        fiscal_year, unit_name, printed_row_no, function_code as code, name_as_printed,
        official_name, parent_code, name_differs_from_reference,
        coalesce(len(duplicate_reads), 0) as copies_not_kept
    from {{ ref(model) }}
    where function_code is not null
    union all
    {%- endfor %}
    select
        'basic_expenditure_by_economic', 'stg_gk06_basic_expenditure_by_economic', 'economic',
        fiscal_year, unit_name, printed_row_no, economic_code, name_as_printed,
        official_name, parent_code, name_differs_from_reference,
        coalesce(len(duplicate_reads), 0)
    from {{ ref('stg_gk06_basic_expenditure_by_economic') }}
    where economic_code is not null
),

nondigit as (
    select *, 'CODE-NONDIGIT' as rule_id, 'code "' || code || '" contains a non-digit character' as detail
    from coded_rows
    where regexp_matches(code, '[^0-9]')
),

wrong_length as (
    select *, 'CODE-LENGTH' as rule_id, 'code "' || code || '" has ' || length(code) || ' digits; expected '
        || case code_system when 'function' then '3, 5 or 7' else '3 or 5' end as detail
    from coded_rows
    where not regexp_matches(code, '[^0-9]')
      and not {{ well_formed_length }}
),

unknown as (
    select *, 'CODE-UNKNOWN' as rule_id, 'code ' || code || ' ("' || coalesce(name_as_printed, '') || '") is not in the reference' as detail
    from coded_rows
    where official_name is null
      and not regexp_matches(code, '[^0-9]')
      and {{ well_formed_length }}
),

parent_missing as (
    select child.*, 'CODE-PARENT-MISSING' as rule_id, 'code ' || child.code || ' is printed but its parent ' || child.parent_code || ' is not' as detail
    from coded_rows as child
    left join coded_rows as parent
        on parent.source_model = child.source_model
        and parent.fiscal_year = child.fiscal_year
        and parent.unit_name = child.unit_name
        and parent.code = child.parent_code
    where child.parent_code is not null
      and parent.code is null
),

-- a landed row printed with the code of an earlier row is kept out of staging (READ-DUPLICATE);
-- it still counts here (copies_not_kept): the document prints the code twice
duplicated as (
    select * exclude (copies_not_kept), 'CODE-DUPLICATE' as rule_id, 'code ' || code || ' is printed on ' || sum(1 + copies_not_kept) over (partition by source_model, fiscal_year, unit_name, code) || ' rows' as detail
    from coded_rows
    qualify sum(1 + copies_not_kept) over (partition by source_model, fiscal_year, unit_name, code) > 1
),

-- names the reference knows under a dated title (seeds/ref_classification_name_history.csv):
-- a name valid in the disclosure's year is no finding; an older title is a NAME-DIFFERS warn
-- naming it as the older title
name_history as (
    select function_code, name, valid_from_year, valid_to_year
    from {{ ref('ref_classification_name_history') }}
),

coded_rows_titled as (
    select coded_rows.*, titles.function_code is not null as title_known,
        titles.valid_from_year as title_from_year, titles.valid_to_year as title_to_year
    from coded_rows
    left join name_history as titles
        on coded_rows.code_system = 'function' and titles.function_code = coded_rows.code
        and {{ names_match('coded_rows.name_as_printed', 'titles.name') }}
),

name_differs as (
    select * exclude (title_known, title_from_year, title_to_year), 'NAME-DIFFERS' as rule_id,
        'code ' || code || ' printed as "' || name_as_printed || '", reference name "' || official_name || '"'
            || case when title_to_year < fiscal_year
                    then ' (the printed name is the older title, used until ' || title_to_year || ')' else '' end as detail
    from coded_rows_titled
    where name_differs_from_reference
      -- a title the history dates to the disclosure's year is the right name then
      and not (title_known and coalesce(title_from_year, fiscal_year) <= fiscal_year
               and coalesce(title_to_year, fiscal_year) >= fiscal_year)
),

summary_lines as (
    {%- for table_code, model in [('income_expenditure_summary', 'stg_gk01_income_expenditure_summary'), ('fiscal_appropriation_summary', 'stg_gk04_fiscal_appropriation_summary')] %}
    select '{{ table_code }}' as table_code, '{{ model }}' as source_model, fiscal_year, unit_name, printed_row_no,
        line_no, item_as_printed, item_name, function_code, official_class_name, line_kind,
        name_differs_from_reference
    from {{ ref(model) }}
    where side = '支出'
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

class_unmapped as (
    select table_code, source_model, fiscal_year, unit_name, printed_row_no, null as code, item_as_printed as name_as_printed,
        'CLASS-ORDINAL-UNMAPPED' as rule_id,
        coalesce('行次 ' || line_no, '印刷行 ' || printed_row_no) || ' "' || item_as_printed || '" maps to no 类 code' as detail
    from summary_lines
    where line_kind = '类' and function_code is null
),

class_name_differs as (
    select summary_lines.table_code, summary_lines.source_model, summary_lines.fiscal_year, summary_lines.unit_name,
        summary_lines.printed_row_no, summary_lines.function_code, summary_lines.item_as_printed,
        'NAME-DIFFERS',
        coalesce('行次 ' || summary_lines.line_no, '印刷行 ' || summary_lines.printed_row_no) || ' 类 ' || summary_lines.function_code || ' printed as "' || summary_lines.item_name || '", reference name "' || summary_lines.official_class_name || '"'
            || case when titles.valid_to_year < summary_lines.fiscal_year
                    then ' (the printed name is the older title, used until ' || titles.valid_to_year || ')' else '' end
    from summary_lines
    left join name_history as titles
        on titles.function_code = summary_lines.function_code
        and {{ names_match('summary_lines.item_name', 'titles.name') }}
    where summary_lines.name_differs_from_reference
      and not (titles.function_code is not null
               and coalesce(titles.valid_from_year, summary_lines.fiscal_year) <= summary_lines.fiscal_year
               and coalesce(titles.valid_to_year, summary_lines.fiscal_year) >= summary_lines.fiscal_year)
),

-- a narrative 类/款/项 name resolved through an older title: a warn naming it
narrative_older_title as (
    select '情况说明五（三）', 'int_narrative_items', fiscal_year, unit_name, printed_row_no, function_code,
        class_name || '/' || kuan_name || '/' || xiang_name,
        'NAME-DIFFERS',
        'item ' || item_no || ' "' || class_name || '（类）' || kuan_name || '（款）' || xiang_name || '（项）": '
            || older_title_note || '，按沿革解析为现行编码'
    from {{ ref('int_narrative_items') }}
    where older_title_note is not null
),

narrative_unresolved as (
    select '情况说明五（三）', 'int_narrative_items', fiscal_year, unit_name, printed_row_no, null,
        class_name || '/' || kuan_name || '/' || xiang_name,
        'NARRATIVE-NAME-UNRESOLVED',
        'item ' || item_no || ' "' || class_name || '（类）' || kuan_name || '（款）' || xiang_name || '（项）": '
            || case when class_code is null then '类 name not found'
                    when kuan_code is null then '款 name not found under 类 ' || class_code
                    else '项 name not found under 款 ' || kuan_code end
            || case when function_code is not null
                    then '; taken as ' || function_code || ' by ' || code_resolved_by || ' (N-ITEM-NAME)' else '' end
    from {{ ref('int_narrative_items') }}
    where function_code is null or names_differ
),

-- how each disclosure names each table, for the messages
labels_by_disclosure as (
{{ labels_by_disclosure() }}
),

code_findings as (
    {%- for cte in ['nondigit', 'wrong_length', 'unknown', 'parent_missing', 'duplicated', 'name_differs'] %}
    select table_code, source_model, fiscal_year, unit_name, printed_row_no, code, name_as_printed, rule_id, detail
    from {{ cte }}
    union all
    {%- endfor %}
    select * from class_unmapped
    union all
    select * from class_name_differs
    union all
    select * from narrative_older_title
    union all
    select * from narrative_unresolved
),

described as (
    select
        code_findings.rule_id,
        rules.severity,
        code_findings.table_code,
        code_findings.source_model,
        code_findings.fiscal_year,
        code_findings.unit_name,
        code_findings.printed_row_no,
        code_findings.code,
        code_findings.name_as_printed,
        code_findings.detail,
        code_findings.fiscal_year || ' ' || code_findings.unit_name || ' ' || {{ labelled("'[' || code_findings.rule_id || '] ' || code_findings.table_code || ' row ' || coalesce(cast(code_findings.printed_row_no as varchar), '?') || ': ' || code_findings.detail", 'labels') }} as failure_message
    from code_findings
    left join rules on code_findings.rule_id = rules.rule_id
    left join labels_by_disclosure as labels
        on code_findings.fiscal_year = labels.fiscal_year and code_findings.unit_name = labels.unit_name
)

select * from described
