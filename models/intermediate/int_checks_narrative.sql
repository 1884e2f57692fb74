-- 表文 rules: every figure the narrative (情况说明) states, against the figure computed
-- from the tables or the appendix. Which figure a statement restates is data
-- (ref_narrative_counterparts); one CTE per rule id.
{#- a completion rate is a rate of the budget of the basis it names ("完成全年预算数的"): the
    denominator its counterpart names (the 年初预算) is taken on the figure's own basis -#}
{%- set rate_denominator_ref -%}
case when figures.metric = 'completion_rate' and counterparts.denominator_ref = 'general_budget|general_budget|initial_budget'
     then 'general_budget|general_budget|' || coalesce(figures.budget_basis, 'initial_budget')
     else counterparts.denominator_ref end
{%- endset %}
with amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

figures as (
    select * from {{ ref('stg_narrative_figures') }}
),

counterparts as (
    select * from {{ ref('stg_ref_narrative_counterparts') }}
),

-- the per-项 accounts of every account (一般公共预算, 政府性基金, 国有资本经营), each with its
-- item_ref (as the checks' subject keys name it) and the table and column its 决算 is printed in
-- (int_narrative_items). An account not named is 一般公共预算 (rows given without it)
function_budget as (
    select * replace (coalesce(budget_topic, 'general_budget') as budget_topic)
    from {{ ref('int_narrative_items') }}
),

general_budget_items as (
    select * from function_budget where budget_topic = 'general_budget'
),

wording as (
    select * from {{ ref('stg_narrative_comparison_wording') }}
),

projects as (
    select * from {{ ref('int_project_totals') }}
),

-- appendix project names a text export did not give as a cell of their own (int_lost_cells)
lost_project_names as (
    select distinct fiscal_year, unit_name, project_no
    from {{ ref('int_lost_cells') }}
    where part = 'project_evaluations' and field = 'project_name'
),

-- vocabularies (seeds/vocab_*.csv, read by the grammar and the corpus generator too)
comparison_words as (
    select * from {{ ref('vocab_comparison_words') }}
),

change_words as (
    select * from {{ ref('vocab_change_words') }}
),

-- a budget basis as the reader sees it
basis_labels as (
    select basis as budget_basis, phrase as basis_label
    from {{ ref('vocab_budget_bases') }}
    where is_basis_label = 'true'
),

-- tables the document does not print: a statement restating one of their figures is not
-- checked (STRUCT-TABLE reports the missing table once)
missing_tables as (
    select * from {{ ref('int_missing_tables') }}
),

-- tables printed but not read in full (int_incomplete_tables): a statement whose counterpart row
-- did not land is 无法核对 with the read problem as its reason
incomplete_tables as (
    select * from {{ ref('int_incomplete_tables') }}
),

-- every value a counterpart reference can name: "table" figures, other "narrative"
-- figures, and counts and sums over the appendix "projects"
table_values as (
    select fiscal_year, unit_name, 'table' as source, table_code || '|' || row_key || '|' || measure as ref,
        amount as value, 1 as rounded_figures
    from amounts
),

narrative_values as (
    select fiscal_year, unit_name, 'narrative' as source, topic || '|' || subject_key || '|' || metric as ref,
        max(stated_value * coalesce(change_sign, 1)) as value, 1 as rounded_figures
    from figures
    where subject_key not in ('class', 'unclassified', 'in_reason')
    group by fiscal_year, unit_name, topic, subject_key, metric
),

project_disclosures as (
    select distinct fiscal_year, unit_name from projects
),

grades as (
    select grade from (values ('优'), ('良'), ('中'), ('差')) as band (grade)
),

project_values as (
    select fiscal_year, unit_name, 'projects' as source, 'project_count' as ref,
        cast(count(*) as decimal(18, 2)) as value, 0 as rounded_figures
    from projects
    group by fiscal_year, unit_name
    union all
    select fiscal_year, unit_name, 'projects', 'executed_total', sum(executed_amount), count(executed_amount)
    from projects
    group by fiscal_year, unit_name
    union all
    select project_disclosures.fiscal_year, project_disclosures.unit_name, 'projects', 'grade_count:' || grades.grade,
        cast(count(projects.project_no) as decimal(18, 2)), 0
    from project_disclosures
    cross join grades
    left join projects
        on projects.fiscal_year = project_disclosures.fiscal_year
        and projects.unit_name = project_disclosures.unit_name
        and projects.printed_total_grade = grades.grade
    group by project_disclosures.fiscal_year, project_disclosures.unit_name, grades.grade
),

resolvable as (
    select * from table_values
    union all
    select * from narrative_values
    union all
    select * from project_values
),

-- each figure with the counterpart its (topic, subject, metric) restates; a 类 named in
-- the text fills the {class_code} of its reference. A table cell printed blank counts as 0
-- (the 部门决算 convention); a nil stated in words ("无…支出") states 0.
mapped as (
    select
        figures.fiscal_year, figures.unit_name, figures.figure_no, figures.section, figures.subject,
        figures.metric, figures.value_text,
        case when figures.metric = 'nil' then 0 else figures.stated_value end as stated_value,
        figures.stated_decimals, figures.change_sign, figures.printed_at,
        coalesce(figures.quoted_phrase, figures.subject) as quoted_phrase,
        counterparts.check_kind, counterparts.numerator_source,
        replace(counterparts.numerator_ref, '{class_code}', coalesce(figures.class_code, '?')) as numerator_ref,
        counterparts.denominator_source,
        {{ rate_denominator_ref }} as denominator_ref, figures.budget_basis,
        case when counterparts.numerator_source = 'table' then coalesce(numerator.value, 0) else numerator.value end as numerator_value,
        coalesce(numerator.rounded_figures, 1) as numerator_figures,
        case when counterparts.denominator_source = 'table' then coalesce(denominator.value, 0) else denominator.value end as denominator_value,
        -- a figure restating one of a table the document does not print is 无法核对
        -- (STRUCT-TABLE reports the missing table once); a figure another statement
        -- should give and that was not read is 无法核对 too
        case
            when exists (
                select 1 from missing_tables
                where missing_tables.fiscal_year = figures.fiscal_year
                  and missing_tables.unit_name = figures.unit_name
                  and ((counterparts.numerator_source = 'table' and missing_tables.table_type = split_part(counterparts.numerator_ref, '|', 1))
                       or (counterparts.denominator_source = 'table' and missing_tables.table_type = split_part(counterparts.denominator_ref, '|', 1)))
            ) then '表未印（已由结构规则报告）'
            when figures.metric <> 'nil' and figures.stated_value is null then '所需数字未读出'
            -- the table figure a statement restates did not land: 无法核对, never a comparison
            -- with 0 — the row is not there (所需数字未印), or its cell is blank on a table whose
            -- read lost rows or cells (the read problem as the reason; on a table read in full a
            -- blank cell is a nil, 0). A nil stated in words agrees with a row not printed.
            when counterparts.numerator_source = 'table' and numerator.value is null
                 and (figures.metric = 'nil' or figures.stated_value = 0) is not true
                 and (numerator.ref is null or numerator_incomplete.table_type is not null)
                then coalesce(numerator_incomplete.not_evaluable_reason, '所需数字未印')
            when counterparts.denominator_source = 'table' and denominator.value is null
                 and (figures.metric = 'nil' or figures.stated_value = 0) is not true
                 and (denominator.ref is null or denominator_incomplete.table_type is not null)
                then coalesce(denominator_incomplete.not_evaluable_reason, '所需数字未印')
            when counterparts.numerator_source = 'narrative' and numerator.value is null then '所需数字未读出'
            when counterparts.denominator_source = 'narrative' and denominator.value is null then '所需数字未读出'
        end as input_not_evaluable_reason
    from figures
    inner join counterparts
        on figures.topic = counterparts.topic
        and figures.subject_key = counterparts.subject_key
        and figures.metric = counterparts.metric
    left join resolvable as numerator
        on numerator.fiscal_year = figures.fiscal_year
        and numerator.unit_name = figures.unit_name
        and numerator.source = counterparts.numerator_source
        and numerator.ref = replace(counterparts.numerator_ref, '{class_code}', coalesce(figures.class_code, '?'))
    left join resolvable as denominator
        on denominator.fiscal_year = figures.fiscal_year
        and denominator.unit_name = figures.unit_name
        and denominator.source = counterparts.denominator_source
        and denominator.ref = {{ rate_denominator_ref }}
    -- the table each side reads, when its read is incomplete (one row per disclosure and table)
    left join incomplete_tables as numerator_incomplete
        on numerator_incomplete.fiscal_year = figures.fiscal_year
        and numerator_incomplete.unit_name = figures.unit_name
        and numerator_incomplete.table_type = split_part(counterparts.numerator_ref, '|', 1)
    left join incomplete_tables as denominator_incomplete
        on denominator_incomplete.fiscal_year = figures.fiscal_year
        and denominator_incomplete.unit_name = figures.unit_name
        and denominator_incomplete.table_type = split_part({{ rate_denominator_ref }}, '|', 1)
    where counterparts.check_kind <> 'none'
),

-- rules N-AMOUNT (table figures) and N-COUNT (appendix counts and sums)
n_amount as (
    select fiscal_year, unit_name,
        case when numerator_source = 'projects' then 'N-COUNT' else 'N-AMOUNT' end as rule_id,
        'narrative/' || figure_no as subject_key,
        subject || '（' || section || '）' as subject,
        '情况说明“' || quoted_phrase || '”' as left_label, stated_value as left_value,
        {{ readable_ref('numerator_source', 'numerator_ref') }} as right_label, numerator_value as right_value,
        numerator_figures + 1 as rounded_figures,
        case when numerator_source = 'projects' and numerator_ref <> 'executed_total' then 0 end as explicit_tolerance,
        printed_at,
        input_not_evaluable_reason as not_evaluable_reason
    from mapped
    where check_kind = 'amount'
),

-- rule N-RATE: shares and completion rates. A base of 0 under a part that is not 0 is
-- 无法核对 (比较基数为0) — except a completion rate stated against a budget the document
-- itself gives as 0: the document names the wrong basis, a finding (text comparison).
n_rate as (
    select fiscal_year, unit_name, 'N-RATE' as rule_id,
        'narrative/' || figure_no as subject_key,
        subject || '（' || section || '）' as subject,
        '情况说明“' || quoted_phrase || '”' as left_label, stated_value as left_value,
        {{ readable_ref('numerator_source', 'numerator_ref') }} || ' ÷ ' || {{ readable_ref('denominator_source', 'denominator_ref') }} as right_label,
        {{ rate_pct('numerator_value', 'denominator_value') }} as right_value,
        'rate' as comparison, stated_decimals as printed_decimals,
        {{ rate_tolerance('numerator_value', 'denominator_value', 'stated_decimals') }} as explicit_tolerance,
        printed_at,
        coalesce(input_not_evaluable_reason,
                 case when denominator_value = 0 and numerator_value <> 0 then '比较基数为0' end) as not_evaluable_reason
    from mapped
    where check_kind = 'rate'
      and not (metric = 'completion_rate' and denominator_source = 'narrative' and denominator_value = 0)
),

-- rule N-RATE, a completion rate stated against a budget the document itself states as 0
-- ("年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成年初预算的95.89%"): the
-- document names the wrong basis; the budgets of the other bases it states are shown
other_bases as (
    select fiscal_year, unit_name, string_agg(basis_labels.basis_label || ' ' || {{ fmt('stated_value') }} || ' 万元', '，' order by figures.figure_no) as stated_budgets
    from figures
    inner join basis_labels on basis_labels.budget_basis = figures.metric
    where topic = 'general_budget' and subject_key = 'general_budget' and stated_value <> 0
    group by all
),

n_rate_basis as (
    select mapped.fiscal_year, mapped.unit_name, 'N-RATE' as rule_id,
        'narrative/' || mapped.figure_no as subject_key,
        mapped.subject || '（' || mapped.section || '）' as subject,
        '情况说明“' || mapped.quoted_phrase || '”' as left_label,
        '完成' || coalesce(basis_labels.basis_label, '预算') || '的' || mapped.value_text || '%' as left_text,
        '所述' || coalesce(basis_labels.basis_label, '预算') || '为0' as right_label,
        coalesce(basis_labels.basis_label, '预算') || '为0，不能据以陈述完成率' as right_text,
        'text' as comparison,
        '文件所述口径有误；同段所述：' || coalesce(other_bases.stated_budgets, '无其他口径的预算') as detail,
        mapped.printed_at
    from mapped
    left join basis_labels on basis_labels.budget_basis = mapped.budget_basis
    left join other_bases on other_bases.fiscal_year = mapped.fiscal_year and other_bases.unit_name = mapped.unit_name
    where mapped.check_kind = 'rate' and mapped.metric = 'completion_rate'
      and mapped.denominator_source = 'narrative' and mapped.denominator_value = 0
),

-- rule N-GROWTH: a stated rate of change against the stated change; the implied
-- last-year figure is (本年数 − signed change), 减少/下降 being a fall
n_growth as (
    select fiscal_year, unit_name, 'N-GROWTH' as rule_id,
        'narrative/' || figure_no as subject_key,
        subject || '（' || section || '）' as subject,
        '情况说明“' || quoted_phrase || '”' as left_label, stated_value as left_value,
        '|变动额| ÷ (本年数 − 变动额)' as right_label,
        {{ rate_pct('abs(numerator_value)', 'denominator_value - numerator_value') }} as right_value,
        'rate' as comparison, stated_decimals as printed_decimals,
        {{ rate_tolerance('abs(numerator_value)', 'denominator_value - numerator_value', 'stated_decimals', denominator_half='0.01') }} as explicit_tolerance,
        '隐含上年数 ' || {{ fmt('denominator_value - numerator_value') }} || ' 万元（本年 ' || {{ fmt('denominator_value') }} || '，变动 ' || {{ fmt('numerator_value') }} || '）' as detail,
        printed_at,
        -- a rate of change from a previous year of 0 (a unit or an expense new this year)
        -- has no base: 无法核对, not 不符
        coalesce(input_not_evaluable_reason,
                 case when denominator_value - numerator_value = 0 and numerator_value <> 0 then '比较基数为0' end) as not_evaluable_reason
    from mapped
    where check_kind = 'growth'
),

-- the per-项 budgets summed on each basis; a sum is known only where every item states its
-- budget on that basis (else NULL: 无法核对, never a sum of what happens to be stated)
item_budgets as (
    select fiscal_year, unit_name, 'initial_budget' as budget_basis, stated_initial_budget as budget_amount from general_budget_items
    union all
    select fiscal_year, unit_name, 'full_year_budget', stated_full_year_budget from general_budget_items
    union all
    select fiscal_year, unit_name, 'budget', stated_budget from general_budget_items
),

initial_budget_sums as (
    select fiscal_year, unit_name, budget_basis,
        case when count(budget_amount) = count(*) then sum(budget_amount) end as initial_budget_sum,
        count(*) as item_count
    from item_budgets
    group by fiscal_year, unit_name, budget_basis
),

-- rule N-INITIAL-SUM: a stated 一般公共预算 budget (年初预算, 全年预算 or 预算数) against the sum of
-- the per-项 budgets of the same basis
n_initial_sum as (
    select figures.fiscal_year, figures.unit_name, 'N-INITIAL-SUM' as rule_id,
        'narrative/' || figures.figure_no as subject_key,
        '一般公共预算财政拨款支出' || basis_labels.basis_label || '（' || figures.section || '）' as subject,
        '情况说明“' || figures.quoted_phrase || '”' as left_label, figures.stated_value as left_value,
        '逐项' || basis_labels.basis_label || '之和' as right_label, initial_budget_sums.initial_budget_sum as right_value,
        initial_budget_sums.item_count + 1 as rounded_figures,
        figures.printed_at
    from figures
    inner join basis_labels
        on basis_labels.budget_basis = figures.metric
    left join initial_budget_sums
        on figures.fiscal_year = initial_budget_sums.fiscal_year and figures.unit_name = initial_budget_sums.unit_name
        and initial_budget_sums.budget_basis = figures.metric
    where figures.topic = 'general_budget' and figures.subject_key = 'general_budget'
      and figures.metric in ('initial_budget', 'full_year_budget', 'budget')
),

items as (
    select
        function_budget.*,
        gk05.amount as table_final_amount,
        gk05.name_as_printed as table_name,
        -- the budget each statement names: the completion rate's and the comparison word's basis
        case function_budget.completion_rate_basis
            when 'full_year_budget' then function_budget.stated_full_year_budget
            when 'budget' then function_budget.stated_budget
            else function_budget.stated_initial_budget
        end as rate_budget,
        case function_budget.wording_basis
            when 'full_year_budget' then function_budget.stated_full_year_budget
            when 'budget' then function_budget.stated_budget
            else function_budget.stated_initial_budget
        end as wording_budget
    from function_budget
    left join amounts as gk05
        on gk05.fiscal_year = function_budget.fiscal_year
        and gk05.unit_name = function_budget.unit_name
        and gk05.table_code = function_budget.item_table
        and gk05.measure = function_budget.item_measure
        and gk05.row_key = function_budget.function_code
),

-- rule N-ITEM-FINAL
n_item_final as (
    select fiscal_year, unit_name, 'N-ITEM-FINAL' as rule_id,
        'narrative-item/' || item_ref as subject_key,
        item_ref || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）' as subject,
        '情况说明支出决算' as left_label, stated_final_amount as left_value,
        item_table || ' 小计' as right_label, table_final_amount as right_value,
        2 as rounded_figures,
        -- the table the item belongs to (a missing or partly read table is judged by its own read)
        item_table as right_table_type, function_code as right_row_key, item_measure as right_measure,
        printed_at
    from items
    where function_code is not null
),

-- rule N-ITEM-RATE: a rate is stated against the budget of the basis it names ("完成年初预算的",
-- "完成全年预算数的"; "完成预算的" the budget last stated in the paragraph). A budget of that
-- basis stated as 0 cannot carry a rate: the document names the wrong basis (a finding); a
-- budget of that basis not stated leaves the rate unjudged (NULL)
n_item_rate as (
    select items.fiscal_year, items.unit_name, 'N-ITEM-RATE' as rule_id,
        'narrative-item/' || item_ref as subject_key,
        item_ref || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）' as subject,
        '情况说明完成率' as left_label, stated_completion_rate_pct as left_value,
        item_table || ' 决算 ÷ 情况说明' || coalesce(basis_labels.basis_label, '年初预算') as right_label,
        {{ rate_pct('table_final_amount', 'rate_budget') }} as right_value,
        'rate' as comparison, stated_completion_rate_decimals as printed_decimals,
        {{ rate_tolerance('table_final_amount', 'rate_budget', 'stated_completion_rate_decimals') }} as explicit_tolerance,
        null as detail,
        -- a budget of the rate's basis not stated or not read leaves the rate unjudged
        case when rate_budget is null then '所需数字未读出' end as not_evaluable_reason
    from items
    left join basis_labels on basis_labels.budget_basis = items.completion_rate_basis
    where (rate_budget <> 0 or rate_budget is null) and stated_completion_rate_pct is not null and function_code is not null
    union all
    select items.fiscal_year, items.unit_name, 'N-ITEM-RATE',
        'narrative-item/' || item_ref,
        item_ref || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）',
        '情况说明完成率', stated_completion_rate_pct,
        coalesce(basis_labels.basis_label, '年初预算') || '为0，不应陈述完成率', null,
        'text', null, null,
        case when stated_full_year_budget <> 0 and items.completion_rate_basis <> 'full_year_budget'
             then '文件所述口径有误；同段所述全年预算 ' || {{ fmt('stated_full_year_budget') }} || ' 万元' end,
        null as not_evaluable_reason
    from items
    left join basis_labels on basis_labels.budget_basis = items.completion_rate_basis
    where rate_budget = 0 and stated_completion_rate_pct is not null
),

n_item_rate_text as (
    select n_item_rate.*,
        case when comparison = 'text' then case when left_value is null then '未陈述' else '陈述了 ' || cast(left_value as varchar) || '%' end end as left_text,
        case when comparison = 'text' then '未陈述' end as right_text
    from n_item_rate
),

table_items as (
    select fiscal_year, unit_name, row_key as function_code, name_as_printed, printed_at
    from amounts
    where table_code = 'general_budget_expenditure' and measure = 'subtotal' and code_level = '项'
),

-- rule N-ITEM-COVERAGE: every 项 of general_budget_expenditure is explained, and nothing else is
n_item_coverage as (
    select
        coalesce(table_items.fiscal_year, function_budget.fiscal_year) as fiscal_year,
        coalesce(table_items.unit_name, function_budget.unit_name) as unit_name,
        'N-ITEM-COVERAGE' as rule_id,
        'narrative-coverage/' || coalesce(table_items.function_code, function_budget.function_code, function_budget.xiang_name) as subject_key,
        coalesce(table_items.function_code, function_budget.function_code, '?') || ' ' || coalesce(table_items.name_as_printed, function_budget.xiang_name) || '（项）' as subject,
        '情况说明' as left_label,
        case when function_budget.item_no is not null then '逐项说明有此项' else '逐项说明无此项' end as left_text,
        'general_budget_expenditure' as right_label,
        case when table_items.function_code is not null then '逐项说明有此项' else '逐项说明无此项' end as right_text,
        'text' as comparison,
        case when table_items.function_code is null then 'general_budget_expenditure 未印此项' end as detail,
        coalesce(function_budget.printed_at, table_items.printed_at) as printed_at
    from table_items
    full outer join general_budget_items as function_budget
        on table_items.fiscal_year = function_budget.fiscal_year
        and table_items.unit_name = function_budget.unit_name
        and table_items.function_code = function_budget.function_code
),

-- rule N-ITEM-NAME: an item found in the table only by its 项 name or its amount names its
-- 款/项 otherwise than the table prints them
n_item_name as (
    select fiscal_year, unit_name, 'N-ITEM-NAME' as rule_id,
        'narrative-item/' || item_ref as subject_key,
        item_ref || '. ' || function_code || ' ' || coalesce(table_xiang_name, xiang_name) || '（项）' as subject,
        '情况说明所印款/项' as left_label, kuan_name || '（款）' || xiang_name || '（项）' as left_text,
        item_table || ' 所印款/项' as right_label,
        item_table as right_table_type, function_code as right_row_key,
        coalesce(table_kuan_name, '?') || '（款）' || coalesce(table_xiang_name, '?') || '（项）' as right_text,
        'text' as comparison,
        case code_resolved_by
            when 'printed_xiang_name' then '按项名在本类内唯一对应到 ' || function_code
            when 'printed_amount' then '按决算数在本款内唯一对应到 ' || function_code || '（未被其他逐项说明指称）'
        end as detail,
        printed_at
    from items
    where names_differ
),

three_public as (
    select
        wording.*,
        max(amounts.amount) filter (where amounts.measure = 'budget') as budget_amount,
        max(amounts.amount) filter (where amounts.measure = 'final') as final_amount,
        -- the category's row did not land, or a figure of it is blank on a table whose read lost
        -- rows or cells: 无法核对 (the read problem, else 所需数字未印); on a table read in full a
        -- blank cell is a nil, 0
        case
            when max(incomplete_tables.not_evaluable_reason) is not null
                 and (max(amounts.amount) filter (where amounts.measure = 'budget') is null
                      or max(amounts.amount) filter (where amounts.measure = 'final') is null)
                then max(incomplete_tables.not_evaluable_reason)
            when count(amounts.row_key) = 0 then '所需数字未印'
        end as absent_reason
    from wording
    left join incomplete_tables
        on incomplete_tables.fiscal_year = wording.fiscal_year
        and incomplete_tables.unit_name = wording.unit_name
        and incomplete_tables.table_type = 'three_public_expenditure'
    left join amounts
        on amounts.fiscal_year = wording.fiscal_year
        and amounts.unit_name = wording.unit_name
        and amounts.table_code = 'three_public_expenditure'
        and amounts.row_key = wording.subject_key
    where wording.topic = 'three_public' and wording.compared_with = 'budget'
      and not exists (
        select 1 from missing_tables
        where missing_tables.fiscal_year = wording.fiscal_year and missing_tables.unit_name = wording.unit_name
          and missing_tables.table_type = 'three_public_expenditure'
      )
    group by all
),

general_budget_total as (
    select fiscal_year, unit_name, amount as final_amount
    from amounts
    where table_code = 'general_budget_expenditure' and row_key = '合计' and measure = 'subtotal'
),

-- the 一般公共预算 budget the text states on each basis
stated_initial_total as (
    select fiscal_year, unit_name, metric as budget_basis, max(stated_value) as initial_budget
    from figures
    where topic = 'general_budget' and subject_key = 'general_budget' and metric in ('initial_budget', 'full_year_budget', 'budget')
    group by all
),

-- every comparison of 决算 with 预算 / 年初预算 the text words: per 项 (stated 年初预算
-- against the printed 决算), the overall 一般公共预算 total, and each "三公" category
-- (printed 预算数 against 决算数); a blank cell is 0
budget_comparisons as (
    select items.fiscal_year, items.unit_name, 'narrative-item/' || item_ref as subject_key,
        item_ref || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）' as subject,
        stated_wording, stated_reason, wording_budget as budget_amount,
        coalesce(table_final_amount, 0) as final_amount,
        coalesce(basis_labels.basis_label, '年初预算') as budget_label, printed_at,
        case when table_final_amount is null then incomplete_tables.not_evaluable_reason end as absent_reason
    from items
    left join basis_labels on basis_labels.budget_basis = coalesce(items.wording_basis, 'initial_budget')
    left join incomplete_tables
        on incomplete_tables.fiscal_year = items.fiscal_year
        and incomplete_tables.unit_name = items.unit_name
        and incomplete_tables.table_type = items.item_table
    -- an item whose 项 cannot be found in the table is reported once, by N-ITEM-COVERAGE
    where function_code is not null
    union all
    select wording.fiscal_year, wording.unit_name, 'narrative-wording/' || wording.printed_row_no,
        '一般公共预算财政拨款支出（总体）', wording.stated_wording, wording.stated_reason,
        stated_initial_total.initial_budget, coalesce(general_budget_total.final_amount, 0),
        coalesce(basis_labels.basis_label, '年初预算'), wording.printed_at, cast(null as varchar)
    from wording
    left join basis_labels
        on basis_labels.budget_basis = coalesce(wording.budget_basis, 'initial_budget')
    left join stated_initial_total
        on wording.fiscal_year = stated_initial_total.fiscal_year and wording.unit_name = stated_initial_total.unit_name
        and stated_initial_total.budget_basis = coalesce(wording.budget_basis, 'initial_budget')
    left join general_budget_total
        on wording.fiscal_year = general_budget_total.fiscal_year and wording.unit_name = general_budget_total.unit_name
    where wording.topic = 'general_budget' and wording.compared_with = 'initial_budget'
    union all
    select fiscal_year, unit_name, 'narrative-three-public/' || subject_key,
        coalesce(nullif(subject, ''), subject_key) || '（“三公”经费）', stated_wording, stated_reason,
        case when absent_reason is null then coalesce(budget_amount, 0) end,
        case when absent_reason is null then coalesce(final_amount, 0) end, '预算', printed_at, absent_reason
    from three_public
),

-- the word the figures call for, and whether the stated word agrees with them. 基本持平
-- ("about the same") is accepted within 1 % of the budget: a completion rate that prints
-- as 99.00 %–101.00 %, the band the documents themselves describe as 基本持平 (the
-- Shanghai finance bureau uses it for 10.00 of 10.00, 0.94 of 0.94, 258.50 of 258.50);
-- a larger gap is 大于/小于 and calls for a reason
worded_comparisons as (
    select
        budget_comparisons.*,
        {{ comparison_word('final_amount', 'budget_amount') }} as computed_wording,
        -- the sense of the stated word is data (vocab_comparison_words); an unknown word agrees with nothing
        case
            when budget_amount is null or stated_wording is null then null
            when comparison_words.sense = 'equal' and comparison_words.band = 'one_percent'
                then abs(final_amount - budget_amount) <= 0.01 * abs(budget_amount)
            when comparison_words.sense = 'equal' then final_amount = budget_amount
            when comparison_words.sense = 'greater' then final_amount > budget_amount
            when comparison_words.sense = 'less' then final_amount < budget_amount
            when comparison_words.sense = 'differs' then final_amount <> budget_amount
            else false
        end as wording_agrees,
        comparison_words.sense = 'equal' and comparison_words.band = 'one_percent' as within_band_word
    from budget_comparisons
    left join comparison_words
        on comparison_words.word = budget_comparisons.stated_wording
),

-- rule N-REASON: a reason wherever 决算 differs from 年初预算 (项, total) or 预算 ("三公")
n_reason as (
    select fiscal_year, unit_name, 'N-REASON' as rule_id, subject_key, subject,
        '情况说明' as left_label,
        case when stated_reason is not null then '说明了原因' else '未说明原因' end as left_text,
        budget_label || ' ' || {{ fmt('budget_amount') }} || ' / 决算 ' || {{ fmt('final_amount') }} as right_label,
        case
            -- "基本持平" within its band needs no reason
            when within_band_word and wording_agrees then
                case when stated_reason is not null then '说明了原因' else '未说明原因' end
            -- differ, or only one of the two is stated (is distinct from, in words sqlfluff parses)
            when coalesce(budget_amount <> final_amount, (budget_amount is null) <> (final_amount is null)) then '说明了原因'
            when stated_reason is not null then '说明了原因'
            else '未说明原因'
        end as right_text,
        'text' as comparison, printed_at,
        -- a budget the statement does not give (or that was not read) leaves the need for a reason open
        case when stated_reason is null then coalesce(absent_reason, case when budget_amount is null then '所需数字未读出' end) end
            as not_evaluable_reason
    from worded_comparisons
),

-- rule N-WORDING: the comparison word agrees with the figures it compares
n_wording as (
    select fiscal_year, unit_name, 'N-WORDING' as rule_id, subject_key, subject,
        '情况说明措辞' as left_label, stated_wording as left_text,
        budget_label || ' ' || {{ fmt('budget_amount') }} || ' / 决算 ' || {{ fmt('final_amount') }} as right_label,
        case
            when budget_amount is null then '无法判断（' || budget_label || '未陈述或未印）'
            when wording_agrees then stated_wording
            else computed_wording
        end as right_text,
        'text' as comparison,
        '差额 ' || {{ fmt('final_amount - budget_amount') }} || ' 万元；“基本持平”的界限为预算的1%' as detail,
        printed_at,
        coalesce(absent_reason, case when budget_amount is null then '所需数字未读出' end) as not_evaluable_reason
    from worded_comparisons
    where stated_wording is not null
),

changes as (
    select fiscal_year, unit_name, topic, subject_key, metric, stated_word, stated_value, figure_no, subject, section,
        printed_at, quoted_phrase
    from figures
    where metric in ('change_amount', 'change_rate') and subject_key not in ('in_reason', 'unclassified')
),

-- rule N-CHANGE-WORDING: the words of a change on last year are single, known words and
-- agree with each other (增加 … 增长, 减少 … 下降); "下降（增长）" leaves the direction open
n_change_wording as (
    select amount_change.fiscal_year, amount_change.unit_name, 'N-CHANGE-WORDING' as rule_id,
        'narrative/' || coalesce(rate_change.figure_no, amount_change.figure_no) as subject_key,
        amount_change.subject || '（' || amount_change.section || '）' as subject,
        '变动额“' || amount_change.stated_word || '”' as left_label,
        case amount_word.direction when 'up' then '增加' when 'down' then '减少'
             else '方向不明：' || amount_change.stated_word end as left_text,
        '变动率“' || coalesce(rate_change.stated_word, '未印') || '”' as right_label,
        case when rate_change.stated_word is null then null
             when rate_word.direction = 'up' then '增加'
             when rate_word.direction = 'down' then '减少'
             else '方向不明：' || rate_change.stated_word end as right_text,
        'text' as comparison,
        coalesce(rate_change.printed_at, amount_change.printed_at) as printed_at
    from changes as amount_change
    inner join changes as rate_change
        on amount_change.fiscal_year = rate_change.fiscal_year
        and amount_change.unit_name = rate_change.unit_name
        and amount_change.topic = rate_change.topic
        and amount_change.subject_key = rate_change.subject_key
        and amount_change.quoted_phrase = rate_change.quoted_phrase
        and rate_change.metric = 'change_rate'
        and rate_change.figure_no > amount_change.figure_no
    -- the direction of each word is data (vocab_change_words); a word printed as two ("下降（增长）") is none of them
    left join change_words as amount_word
        on amount_word.word = amount_change.stated_word and amount_word.names_amount = 'true'
    left join change_words as rate_word
        on rate_word.word = rate_change.stated_word and rate_word.names_rate = 'true'
    where amount_change.metric = 'change_amount'
),

n_change_wording_text as (
    select * exclude (right_text), coalesce(right_text, left_text) as right_text
    from n_change_wording
),

-- rule N-PARTS-SUM: a total the narrative states with its parts (政府采购 = 货物 + 工程 +
-- 服务; 车辆 = each kind of 用车) equals their sum
part_sums as (
    select fiscal_year, unit_name, topic,
        case when topic = 'procurement' then 'procurement_total' else 'vehicles' end as total_key,
        sum(stated_value) as parts_sum, count(*) as parts
    from figures
    where (topic = 'procurement' and subject_key in ('goods', 'works', 'services') and metric = 'amount')
       or (topic = 'assets' and subject_key = 'vehicle_category' and metric = 'count')
    group by all
),

n_parts_sum as (
    select figures.fiscal_year, figures.unit_name, 'N-PARTS-SUM' as rule_id,
        'narrative/' || figures.figure_no as subject_key,
        figures.subject || '（' || figures.section || '）' as subject,
        '情况说明所述总数' as left_label, figures.stated_value as left_value,
        case when figures.topic = 'procurement' then '所述货物、工程、服务之和' else '所述各类用车之和' end as right_label,
        part_sums.parts_sum as right_value,
        case when figures.topic = 'procurement' then part_sums.parts + 1 end as rounded_figures,
        case when figures.topic = 'assets' then 0 end as explicit_tolerance,
        figures.printed_at
    from figures
    inner join part_sums
        on figures.fiscal_year = part_sums.fiscal_year and figures.unit_name = part_sums.unit_name
        and figures.topic = part_sums.topic and figures.subject_key = part_sums.total_key
    where figures.metric in ('amount', 'count')
),

-- rule N-PREVIOUS-YEAR: where the previous year's disclosure of the same unit is in the
-- warehouse, a stated change on last year ("增加X万元", "减少X万元", "持平") equals this
-- year's printed figure minus last year's
current_year_refs as (
    select topic, subject_key, numerator_ref
    from counterparts
    where numerator_source = 'table'
      and metric = case when topic = 'three_public' then 'final_amount' else 'amount' end
      and subject_key <> 'class'
),

stated_changes as (
    select fiscal_year, unit_name, topic, subject_key, figure_no as statement_no, subject, section,
        stated_value * change_sign as stated_change, stated_word as stated_wording, printed_at
    from figures
    where metric = 'change_amount' and subject_key not in ('in_reason', 'unclassified')
    union all
    select fiscal_year, unit_name, topic, subject_key, printed_row_no, coalesce(nullif(subject, ''), subject_key), topic as section,
        0, stated_wording, printed_at
    from wording
    where compared_with = 'previous_year' and stated_wording = '持平'
),

previous_year_changes as (
    select
        stated_changes.*,
        coalesce(this_year.value, 0) as this_year_value,
        coalesce(last_year.value, 0) as last_year_value
    from stated_changes
    inner join current_year_refs
        on stated_changes.topic = current_year_refs.topic and stated_changes.subject_key = current_year_refs.subject_key
    left join table_values as this_year
        on this_year.fiscal_year = stated_changes.fiscal_year and this_year.unit_name = stated_changes.unit_name
        and this_year.ref = current_year_refs.numerator_ref
    left join table_values as last_year
        on last_year.fiscal_year = stated_changes.fiscal_year - 1 and last_year.unit_name = stated_changes.unit_name
        and last_year.ref = current_year_refs.numerator_ref
    where not exists (
        select 1 from missing_tables
        where missing_tables.fiscal_year in (stated_changes.fiscal_year, stated_changes.fiscal_year - 1)
          and missing_tables.unit_name = stated_changes.unit_name
          and missing_tables.table_type = split_part(current_year_refs.numerator_ref, '|', 1)
    )
    and exists (
        select 1 from table_values as previous_disclosure
        where previous_disclosure.fiscal_year = stated_changes.fiscal_year - 1
          and previous_disclosure.unit_name = stated_changes.unit_name
    )
),

n_previous_year as (
    select fiscal_year, unit_name, 'N-PREVIOUS-YEAR' as rule_id,
        'narrative-previous-year/' || topic || '/' || subject_key || '/' || statement_no as subject_key,
        subject || '（' || section || '）' as subject,
        '情况说明所述变动（“' || stated_wording || '”，带符号）' as left_label, stated_change as left_value,
        '本年表中数 − 上年披露表中数' as right_label, this_year_value - last_year_value as right_value,
        3 as rounded_figures,
        '本年 ' || {{ fmt('this_year_value') }} || '，上年 ' || {{ fmt('last_year_value') }} || ' 万元' as detail,
        printed_at
    from previous_year_changes
),

-- rule N-COVERAGE: each statement kind a narrative carries was found
n_coverage as (
    select fiscal_year, unit_name, 'N-COVERAGE' as rule_id,
        'narrative-coverage/' || statement_kind as subject_key,
        description as subject,
        '情况说明' as left_label,
        case when coverage_status = 'found' then '有此陈述' else '未找到此陈述' end as left_text,
        '应有的陈述' as right_label, '有此陈述' as right_text,
        'text' as comparison,
        first_printed_at as printed_at
    from {{ ref('int_narrative_coverage') }}
),

-- rule N-PROJECT-RATE
n_project_rate as (
    select fiscal_year, unit_name, 'N-PROJECT-RATE' as rule_id,
        'project/' || project_no as subject_key,
        '项目' || project_no || ' ' || coalesce(project_name_as_stated, project_name) as subject,
        '情况说明预算执行率' as left_label, stated_execution_rate_pct as left_value,
        '附件全年执行数 ÷ 全年预算数' as right_label,
        {{ rate_pct('executed_amount', 'annual_budget') }} as right_value,
        'rate' as comparison, stated_execution_rate_decimals as printed_decimals,
        {{ rate_tolerance('executed_amount', 'annual_budget', 'stated_execution_rate_decimals') }} as explicit_tolerance,
        '附件 ' || {{ fmt('executed_amount') }} || ' ÷ ' || {{ fmt('annual_budget') }} || '；附件所印执行率 ' || {{ fmt('printed_execution_rate_pct') }} || '%' as detail,
        case when annual_budget = 0 and executed_amount <> 0 then '比较基数为0' end as not_evaluable_reason
    from projects
),

-- rule N-PROJECT-SCORE
n_project_score as (
    select fiscal_year, unit_name, 'N-PROJECT-SCORE' as rule_id,
        'project/' || project_no as subject_key,
        '项目' || project_no || ' ' || coalesce(project_name_as_stated, project_name) as subject,
        '情况说明总得分' as left_label, stated_total_score as left_value,
        '附件所印总分' as right_label, printed_total_score as right_value,
        2 as rounded_figures
    from projects
),

-- rule N-PROJECT-NAME: compared without the unit-name prefix, the year and blanks
n_project_name as (
    select fiscal_year, unit_name, 'N-PROJECT-NAME' as rule_id,
        'project/' || project_no as subject_key,
        '项目' || project_no as subject,
        '情况说明名称' as left_label, project_name_as_stated as left_text,
        '附件名称' as right_label, project_name as right_text,
        'text' as comparison,
        {{ project_name_key('project_name_as_stated', 'unit_name') }} as left_key,
        {{ project_name_key('project_name', 'unit_name') }} as right_key,
        -- a project the narrative does not name (or whose name was not read) cannot be compared
        case when project_name_as_stated is null then '情况说明未述及此项目'
             when lost.project_no is not null then '文本导出丢失单元格' end as not_evaluable_reason
    from projects
    left join lost_project_names as lost using (fiscal_year, unit_name, project_no)
),

n_project_name_compared as (
    select * exclude (left_key, right_key, left_text, right_text),
        left_key as left_text, right_key as right_text,
        '所印：“' || coalesce(left_text, '未印') || '” / “' || coalesce(right_text, '未印') || '”' as detail
    from n_project_name
),

-- rule N-ITEM-PURPOSE (advisory): the purpose a per-项 paragraph states (“主要用于…”) names
-- the 项's own subject (seeds/vocab_item_subject_words.csv: words of the 项's code or of a
-- code prefix of it). A purpose naming another 项's subject words and none of its own is
-- a finding (a paragraph copied from another item); a purpose naming no known subject
-- cannot be judged (无法核对). Items whose code has no subject words are not judged.
item_subject_words as (
    select code, subject_word from {{ ref('vocab_item_subject_words') }}
),

item_purposes as (
    select fiscal_year, unit_name, item_ref, function_code, xiang_name, printed_at,
        nullif(trim(regexp_extract(quoted_phrase, '主要用于(以下方面)?[：:]?\s*([^。]*)', 2)), '') as purpose
    from function_budget
    where function_code is not null and quoted_phrase is not null
),

purpose_words as (
    select
        item_purposes.fiscal_year, item_purposes.unit_name, item_purposes.item_ref,
        count(*) filter (where starts_with(item_purposes.function_code, words.code)) as own_word_count,
        list_sort(list_distinct(coalesce(list(words.subject_word)
            filter (where starts_with(item_purposes.function_code, words.code) and contains(item_purposes.purpose, words.subject_word)), cast([] as varchar[])))) as own_named,
        list_sort(list_distinct(coalesce(list(words.subject_word)
            filter (where not starts_with(item_purposes.function_code, words.code) and contains(item_purposes.purpose, words.subject_word)), cast([] as varchar[])))) as other_named,
        list_sort(list_distinct(coalesce(list(words.subject_word) filter (where starts_with(item_purposes.function_code, words.code)), cast([] as varchar[])))) as own_words
    from item_purposes
    cross join item_subject_words as words
    where item_purposes.purpose is not null
    group by all
),

n_item_purpose as (
    select item_purposes.fiscal_year, item_purposes.unit_name, 'N-ITEM-PURPOSE' as rule_id,
        'narrative-item/' || item_purposes.item_ref || '/purpose' as subject_key,
        item_purposes.item_ref || '. ' || item_purposes.function_code || ' ' || item_purposes.xiang_name || '（项）用途' as subject,
        '情况说明所述用途“' || item_purposes.purpose || '”提及' as left_label,
        case
            when len(purpose_words.own_named) > 0 then '本项科目'
            when len(list_filter(purpose_words.other_named, word -> not list_contains(purpose_words.own_words, word))) > 0
                then '其他项科目：' || array_to_string(list_filter(purpose_words.other_named, word -> not list_contains(purpose_words.own_words, word)), '、')
            else '未提及已知科目'
        end as left_text,
        '应提及' as right_label, '本项科目' as right_text,
        'text' as comparison,
        '本项科目词：' || array_to_string(purpose_words.own_words, '、') as detail,
        case when len(purpose_words.own_named) = 0
                  and len(list_filter(purpose_words.other_named, word -> not list_contains(purpose_words.own_words, word))) = 0
             then '用途未提及可判断的科目' end as not_evaluable_reason,
        item_purposes.printed_at
    from item_purposes
    inner join purpose_words
        on item_purposes.fiscal_year = purpose_words.fiscal_year
        and item_purposes.unit_name = purpose_words.unit_name
        and item_purposes.item_ref = purpose_words.item_ref
    where purpose_words.own_word_count > 0
),

-- rule N-RESTATED: a quantity the narrative states twice must agree. Two kinds:
--   * a per-项 决算 stated again in its own paragraph (its heading and its sentence, or two
--     sentences: stg_narrative_function_budget.stated_final_restated);
--   * two statements of the same quantity anywhere in the narrative (a total in two sections):
--     the same table figure restated (their counterparts name one table cell; a 类 by its
--     code), or the same budget of the same subject; a nil stated in words states 0.
-- Each later statement is compared with the first. Where one of the two was not read as a
-- number the rule cannot judge (无法核对), never 不符. Tolerance: half a unit of the last printed
-- decimal of each statement (0.005 × 2 for two figures printed to 0.01).
restated_items as (
    select fiscal_year, unit_name, 'N-RESTATED' as rule_id,
        'narrative-restated/item/' || item_ref as subject_key,
        item_ref || '. ' || coalesce(function_code, '?') || ' ' || xiang_name || '（项）支出决算（逐项说明内两处）' as subject,
        '情况说明所述支出决算' as left_label, stated_final_amount as left_value,
        '同段再次所述支出决算“' || restated_final_text || '”' as right_label, stated_final_restated as right_value,
        2 as rounded_figures,
        case when stated_final_amount is null or stated_final_restated is null then '所述数字未能读出' end
            as not_evaluable_reason,
        printed_at
    from function_budget
    where restated_final_text is not null
),

stated_quantities as (
    select
        mapped.fiscal_year, mapped.unit_name, mapped.figure_no, mapped.section, mapped.subject,
        mapped.quoted_phrase, mapped.printed_at, mapped.value_text,
        case when mapped.metric = 'nil' then 0 else mapped.stated_value * coalesce(mapped.change_sign, 1) end as stated_value,
        case when mapped.metric = 'nil' then 2 else coalesce(mapped.stated_decimals, 2) end as stated_decimals,
        mapped.metric = 'nil' or mapped.stated_value is not null as is_read,
        'table|' || mapped.numerator_ref as quantity
    from mapped
    where mapped.check_kind = 'amount' and mapped.numerator_source = 'table'
    union all
    select
        figures.fiscal_year, figures.unit_name, figures.figure_no, figures.section, figures.subject,
        coalesce(figures.quoted_phrase, figures.subject), figures.printed_at, figures.value_text,
        figures.stated_value, coalesce(figures.stated_decimals, 2), figures.stated_value is not null,
        'budget|' || figures.topic || '|' || figures.subject_key || '|' || figures.metric
    from figures
    inner join counterparts
        on figures.topic = counterparts.topic
        and figures.subject_key = counterparts.subject_key
        and figures.metric = counterparts.metric
    -- a budget of any basis (年初预算, 全年预算, 预算数) of one subject
    inner join basis_labels
        on basis_labels.budget_basis = figures.metric
    where counterparts.check_kind = 'none'
      and figures.subject_key not in ('class', 'unclassified', 'in_reason')
),

first_statements as (
    select fiscal_year, unit_name, quantity, min(figure_no) as first_figure_no
    from stated_quantities
    group by all
),

restated_figures as (
    select
        later.fiscal_year, later.unit_name, 'N-RESTATED' as rule_id,
        'narrative-restated/' || first.figure_no || '/' || later.figure_no as subject_key,
        first.subject || '（' || first.section || '；' || later.section || '）' as subject,
        '情况说明“' || first.quoted_phrase || '”' as left_label, first.stated_value as left_value,
        '情况说明再次所述“' || later.quoted_phrase || '”' as right_label, later.stated_value as right_value,
        cast(0.5 * pow(10, -first.stated_decimals) + 0.5 * pow(10, -later.stated_decimals) as decimal(18, 4))
            as explicit_tolerance,
        case when not first.is_read or not later.is_read then '所述数字未能读出' end as not_evaluable_reason,
        later.printed_at
    from stated_quantities as later
    inner join first_statements
        on first_statements.fiscal_year = later.fiscal_year and first_statements.unit_name = later.unit_name
        and first_statements.quantity = later.quantity
    inner join stated_quantities as first
        on first.fiscal_year = later.fiscal_year and first.unit_name = later.unit_name
        and first.quantity = later.quantity and first.figure_no = first_statements.first_figure_no
    where later.figure_no <> first_statements.first_figure_no
),

n_restated as (
    select * from restated_items
    union all by name
    select * from restated_figures
),

{{ check_output(['n_amount', 'n_rate', 'n_rate_basis', 'n_growth', 'n_initial_sum', 'n_item_final', 'n_item_rate_text',
                 'n_item_coverage', 'n_item_name', 'n_reason', 'n_wording', 'n_change_wording_text', 'n_parts_sum',
                 'n_previous_year', 'n_coverage', 'n_project_rate', 'n_project_score',
                 'n_project_name_compared', 'n_item_purpose', 'n_restated']) }}
