-- Budget execution of 一般公共预算财政拨款支出 against 年初预算: one row per 项 of general_budget_expenditure
-- (or stated in the narrative), with 款, 类 and total rollups. 年初预算 is only in the
-- narrative (情况说明 五); 决算 is the printed general_budget_expenditure 小计. Each budget basis the
-- document states is shown: 年初预算 (initial_budget), 全年预算/调整预算 (full_year_budget), and the
-- basis (and budget) the stated completion rate and comparison word name.
-- the 一般公共预算 per-项 accounts (政府性基金 and 国有资本经营 items are checked against their own
-- tables by int_checks_narrative); an account not named is 一般公共预算
with items as (
    select * from {{ ref('int_narrative_items') }}
    where coalesce(budget_topic, 'general_budget') = 'general_budget'
),

amounts as (
    select * from {{ ref('int_printed_amounts') }}
),

narrative_figures as (
    select * from {{ ref('stg_narrative_figures') }}
),

checks as (
    select * from {{ ref('int_reconciliation_checks') }}
),

functional as (
    select * from {{ ref('stg_ref_functional_classification') }}
),

table_lines as (
    select fiscal_year, unit_name, row_key as function_code, code_level, parent_code, name_as_printed, amount as final_amount
    from amounts
    where table_code = 'general_budget_expenditure' and measure = 'subtotal'
),

item_lines as (
    select
        coalesce(table_lines.fiscal_year, items.fiscal_year) as fiscal_year,
        coalesce(table_lines.unit_name, items.unit_name) as unit_name,
        '项' as line_level,
        coalesce(table_lines.function_code, items.function_code) as function_code,
        coalesce(table_lines.name_as_printed, items.xiang_name) as line_name,
        items.stated_initial_budget as initial_budget,
        items.stated_full_year_budget as full_year_budget,
        items.completion_rate_basis as rate_basis,
        case items.completion_rate_basis
            when 'full_year_budget' then items.stated_full_year_budget
            when 'budget' then items.stated_budget
            when 'initial_budget' then items.stated_initial_budget
        end as rate_budget,
        items.wording_basis,
        table_lines.final_amount,
        items.stated_final_amount,
        items.stated_completion_rate_pct as stated_rate_pct,
        items.stated_wording,
        items.stated_reason,
        'narrative-item/' || items.item_no as check_subject_key,
        coalesce(table_lines.function_code, items.function_code, 'narrative-item/' || items.item_no) as line_key
    from table_lines
    full outer join items
        on table_lines.fiscal_year = items.fiscal_year
        and table_lines.unit_name = items.unit_name
        and table_lines.function_code = items.function_code
    where table_lines.code_level = '项' or table_lines.function_code is null
),

kuan_initial as (
    select fiscal_year, unit_name, left(function_code, 5) as function_code, sum(initial_budget) as initial_budget,
        sum(full_year_budget) as full_year_budget
    from item_lines
    group by all
),

class_initial as (
    select fiscal_year, unit_name, left(function_code, 3) as function_code, sum(initial_budget) as initial_budget,
        sum(full_year_budget) as full_year_budget
    from item_lines
    group by all
),

total_initial as (
    select fiscal_year, unit_name, sum(initial_budget) as initial_budget, sum(full_year_budget) as full_year_budget
    from item_lines
    group by all
),

stated_total as (
    select fiscal_year, unit_name,
        max(stated_value) filter (where metric = 'completion_rate') as stated_rate_pct,
        max(budget_basis) filter (where metric = 'completion_rate') as rate_basis,
        max(stated_value) filter (where metric = 'final_amount') as stated_final_amount,
        'narrative/' || max(figure_no) filter (where metric = 'completion_rate') as check_subject_key
    from narrative_figures
    where topic = 'general_budget' and subject_key = 'general_budget' and metric in ('completion_rate', 'final_amount')
    group by all
),

-- the 一般公共预算 budget the text states on each basis
stated_total_budgets as (
    select fiscal_year, unit_name, metric as budget_basis, max(stated_value) as stated_budget
    from narrative_figures
    where topic = 'general_budget' and subject_key = 'general_budget' and metric in ('initial_budget', 'full_year_budget', 'budget')
    group by all
),

stated_total_wording as (
    select fiscal_year, unit_name, string_agg(stated_wording, '；') as stated_wording, string_agg(stated_reason, '；') as stated_reason,
        string_agg(distinct budget_basis, '；' order by budget_basis) as wording_basis
    from {{ ref('stg_narrative_comparison_wording') }}
    where topic = 'general_budget' and compared_with = 'initial_budget'
    group by all
),

implied_rollups as (
    select kuan_initial.fiscal_year, kuan_initial.unit_name, '款' as line_level, kuan_initial.function_code,
        kuan_initial.initial_budget, kuan_initial.full_year_budget
    from kuan_initial
    anti join table_lines
        on kuan_initial.fiscal_year = table_lines.fiscal_year and kuan_initial.unit_name = table_lines.unit_name
        and kuan_initial.function_code = table_lines.function_code
    where length(kuan_initial.function_code) = 5
    union all
    select class_initial.fiscal_year, class_initial.unit_name, '类' as line_level, class_initial.function_code,
        class_initial.initial_budget, class_initial.full_year_budget
    from class_initial
    anti join table_lines
        on class_initial.fiscal_year = table_lines.fiscal_year and class_initial.unit_name = table_lines.unit_name
        and class_initial.function_code = table_lines.function_code
    where length(class_initial.function_code) = 3
),

rollup_lines as (
    select table_lines.fiscal_year, table_lines.unit_name, table_lines.code_level as line_level,
        table_lines.function_code, table_lines.name_as_printed as line_name,
        coalesce(kuan_initial.initial_budget, class_initial.initial_budget) as initial_budget,
        coalesce(kuan_initial.full_year_budget, class_initial.full_year_budget) as full_year_budget,
        null::varchar as rate_basis, null::decimal(18, 2) as rate_budget, null::varchar as wording_basis,
        table_lines.final_amount,
        null::decimal(18, 2) as stated_final_amount, null::decimal(18, 2) as stated_rate_pct,
        null::varchar as stated_wording, null::varchar as stated_reason, null::varchar as check_subject_key,
        table_lines.function_code as line_key
    from table_lines
    left join kuan_initial
        on table_lines.code_level = '款'
        and table_lines.fiscal_year = kuan_initial.fiscal_year and table_lines.unit_name = kuan_initial.unit_name
        and table_lines.function_code = kuan_initial.function_code
    left join class_initial
        on table_lines.code_level = '类'
        and table_lines.fiscal_year = class_initial.fiscal_year and table_lines.unit_name = class_initial.unit_name
        and table_lines.function_code = class_initial.function_code
    where table_lines.code_level in ('类', '款')
    union all
    -- a 款 or 类 the narrative's 项 imply but the table does not print (a row left out, or its code
    -- misread): a line of its own holding their 年初预算, so each level still sums to the next
    select implied_rollups.fiscal_year, implied_rollups.unit_name, implied_rollups.line_level,
        implied_rollups.function_code, null::varchar as line_name,
        implied_rollups.initial_budget, implied_rollups.full_year_budget,
        null::varchar as rate_basis, null::decimal(18, 2) as rate_budget, null::varchar as wording_basis,
        null::decimal(18, 2) as final_amount,
        null::decimal(18, 2) as stated_final_amount, null::decimal(18, 2) as stated_rate_pct,
        null::varchar as stated_wording, null::varchar as stated_reason, null::varchar as check_subject_key,
        implied_rollups.function_code as line_key
    from implied_rollups
    union all
    select table_lines.fiscal_year, table_lines.unit_name, '合计', '合计', '一般公共预算财政拨款支出合计',
        total_initial.initial_budget, total_initial.full_year_budget,
        stated_total.rate_basis, stated_total_budgets.stated_budget, stated_total_wording.wording_basis,
        table_lines.final_amount,
        stated_total.stated_final_amount, stated_total.stated_rate_pct,
        stated_total_wording.stated_wording, stated_total_wording.stated_reason, stated_total.check_subject_key,
        '合计' as line_key
    from table_lines
    left join total_initial
        on table_lines.fiscal_year = total_initial.fiscal_year and table_lines.unit_name = total_initial.unit_name
    left join stated_total
        on table_lines.fiscal_year = stated_total.fiscal_year and table_lines.unit_name = stated_total.unit_name
    left join stated_total_budgets
        on table_lines.fiscal_year = stated_total_budgets.fiscal_year and table_lines.unit_name = stated_total_budgets.unit_name
        and stated_total_budgets.budget_basis = stated_total.rate_basis
    left join stated_total_wording
        on table_lines.fiscal_year = stated_total_wording.fiscal_year and table_lines.unit_name = stated_total_wording.unit_name
    where table_lines.function_code = '合计'
),

all_lines as (
    select * from item_lines
    union all by name
    select * from rollup_lines
),

rate_checks as (
    select fiscal_year, unit_name, subject_key, status
    from checks
    where rule_id in ('N-ITEM-RATE', 'N-RATE')
),

wording_checks as (
    select fiscal_year, unit_name, subject_key, status
    from checks
    where rule_id = 'N-WORDING'
),

final_checks as (
    select fiscal_year, unit_name, subject_key, status
    from checks
    where rule_id = 'N-ITEM-FINAL'
),

measured as (
    select
        all_lines.fiscal_year,
        all_lines.unit_name,
        all_lines.line_level,
        all_lines.line_key,
        all_lines.function_code,
        all_lines.line_name,
        coalesce(functional.parent_code, {{ code_parent('all_lines.function_code') }}) as parent_code,
        all_lines.initial_budget,
        all_lines.full_year_budget,
        all_lines.final_amount,
        all_lines.stated_final_amount,
        all_lines.final_amount - all_lines.initial_budget as variance,
        case when all_lines.initial_budget <> 0
            then (all_lines.final_amount / all_lines.initial_budget * 100)::decimal(18, 4) end as computed_rate_pct,
        all_lines.stated_rate_pct,
        all_lines.rate_basis,
        all_lines.rate_budget,
        rate_checks.status as rate_status,
        final_checks.status as final_amount_status,
        case {{ comparison_word('all_lines.final_amount', 'all_lines.initial_budget') }}
            when '大于' then '超预算'
            when '小于' then '未完成'
            when '持平' then '持平'
        end as direction,
        all_lines.stated_wording,
        all_lines.wording_basis,
        {{ comparison_word('all_lines.final_amount', 'all_lines.initial_budget') }} as computed_wording,
        wording_checks.status as wording_status,
        all_lines.stated_reason
    from all_lines
    left join functional
        on all_lines.function_code = functional.function_code
    left join rate_checks
        on all_lines.fiscal_year = rate_checks.fiscal_year and all_lines.unit_name = rate_checks.unit_name
        and all_lines.check_subject_key = rate_checks.subject_key
    left join wording_checks
        on all_lines.fiscal_year = wording_checks.fiscal_year and all_lines.unit_name = wording_checks.unit_name
        and all_lines.check_subject_key = wording_checks.subject_key
    left join final_checks
        on all_lines.fiscal_year = final_checks.fiscal_year and all_lines.unit_name = final_checks.unit_name
        and all_lines.check_subject_key = final_checks.subject_key
)

select * from measured
