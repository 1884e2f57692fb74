-- "三公"经费 by category (合计, 因公出国（境）费, 公务用车购置及运行维护费 and its two
-- parts, 公务接待费): 预算数 and 决算数 from three_public_expenditure, execution rate, share of the total,
-- what the narrative states, and the worst status of every check about the category.
with three_public as (
    select * from {{ ref('stg_gk09_three_public_expenditure') }}
),

narrative_figures as (
    select * from {{ ref('stg_narrative_figures') }}
),

counterparts as (
    select * from {{ ref('stg_ref_narrative_counterparts') }}
),

checks as (
    select * from {{ ref('int_reconciliation_checks') }}
),

-- the word the narrative uses to compare each category's 决算 with its 预算, and with last year
stated_words as (
    select fiscal_year, unit_name, subject_key as expense_item,
        string_agg(stated_wording, '；') filter (where compared_with = 'budget') as stated_wording_vs_budget,
        string_agg(stated_wording, '；') filter (where compared_with = 'previous_year') as stated_wording_vs_previous_year
    from {{ ref('stg_narrative_comparison_wording') }}
    where topic = 'three_public'
    group by all
),

categories as (
    select
        fiscal_year, unit_name, expense_item, any_value(expense_item_name) as expense_item_name,
        max(amount) filter (where amount_kind = 'budget') as budget_amount,
        max(amount) filter (where amount_kind = 'final') as final_amount
    from three_public
    group by fiscal_year, unit_name, expense_item
),

totals as (
    select fiscal_year, unit_name, final_amount as total_final_amount
    from categories
    where expense_item = 'total'
),

-- narrative figures whose counterpart is this category's three_public_expenditure 决算数 (amount, rate, share)
stated as (
    select
        narrative_figures.fiscal_year, narrative_figures.unit_name,
        split_part(counterparts.numerator_ref, '|', 2) as expense_item,
        narrative_figures.metric, narrative_figures.stated_value, narrative_figures.figure_no
    from narrative_figures
    inner join counterparts
        on narrative_figures.topic = counterparts.topic
        and narrative_figures.subject_key = counterparts.subject_key
        and narrative_figures.metric = counterparts.metric
    where counterparts.numerator_ref like 'three_public_expenditure|%'
),

stated_by_category as (
    select fiscal_year, unit_name, expense_item,
        max(stated_value) filter (where metric = 'budget') as stated_budget_amount,
        max(stated_value) filter (where metric = 'final_amount') as stated_final_amount,
        max(stated_value) filter (where metric = 'completion_rate') as stated_execution_rate_pct,
        max(stated_value) filter (where metric = 'share') as stated_share_pct,
        list('narrative/' || figure_no) as narrative_subject_keys
    from stated
    group by all
),

-- every check about a category, keyed by the category it names, so the join is on keys
-- (a table row, the 三公 ↔ 公开06 tie, the narrative's wording, its previous-year change, or
-- a narrative figure restating the category)
narrative_figure_items as (
    select distinct fiscal_year, unit_name, expense_item, unnest(narrative_subject_keys) as subject_key
    from stated_by_category
),

keyed_checks as (
    select
        checks.*,
        coalesce(
            case
                when starts_with(checks.subject_key, 'three_public_expenditure/')
                  or starts_with(checks.subject_key, 'basic_expenditure_by_economic-three_public_expenditure/')
                  or starts_with(checks.subject_key, 'narrative-three-public/')
                    then split_part(checks.subject_key, '/', 2)
                when starts_with(checks.subject_key, 'narrative-previous-year/three_public/')
                    then split_part(checks.subject_key, '/', 3)
            end,
            narrative_figure_items.expense_item) as expense_item
    from checks
    left join narrative_figure_items
        on checks.fiscal_year = narrative_figure_items.fiscal_year and checks.unit_name = narrative_figure_items.unit_name
        and checks.subject_key = narrative_figure_items.subject_key
),

category_checks as (
    select categories.fiscal_year, categories.unit_name, categories.expense_item,
        {{ check_summary('checks') }}
    from categories
    left join keyed_checks as checks
        on checks.fiscal_year = categories.fiscal_year and checks.unit_name = categories.unit_name
        and checks.expense_item = categories.expense_item
    group by all
),

final as (
    select
        categories.fiscal_year,
        categories.unit_name,
        categories.expense_item,
        categories.expense_item_name,
        case
            when categories.expense_item in ('vehicle_purchase', 'vehicle_operation') then 'vehicle_subtotal'
            when categories.expense_item <> 'total' then 'total'
        end as parent_item,
        categories.budget_amount,
        categories.final_amount,
        categories.final_amount - categories.budget_amount as variance,
        cast({{ rate_pct('categories.final_amount', 'categories.budget_amount') }} as decimal(18, 4)) as execution_rate_pct,
        cast({{ rate_pct('categories.final_amount', 'totals.total_final_amount') }} as decimal(18, 4)) as share_of_total_pct,
        stated_by_category.stated_budget_amount,
        stated_by_category.stated_final_amount,
        stated_by_category.stated_execution_rate_pct,
        stated_by_category.stated_share_pct,
        stated_words.stated_wording_vs_budget,
        -- a blank cell is 0
        {{ comparison_word('coalesce(categories.final_amount, 0)', 'coalesce(categories.budget_amount, 0)') }}
            as computed_wording_vs_budget,
        stated_words.stated_wording_vs_previous_year,
        category_checks.checks_evaluated,
        category_checks.check_status,
        category_checks.non_pass_rules
    from categories
    left join totals
        on categories.fiscal_year = totals.fiscal_year and categories.unit_name = totals.unit_name
    left join stated_by_category
        on categories.fiscal_year = stated_by_category.fiscal_year and categories.unit_name = stated_by_category.unit_name
        and categories.expense_item = stated_by_category.expense_item
    left join stated_words
        on categories.fiscal_year = stated_words.fiscal_year and categories.unit_name = stated_words.unit_name
        and categories.expense_item = stated_words.expense_item
    left join category_checks
        on categories.fiscal_year = category_checks.fiscal_year and categories.unit_name = category_checks.unit_name
        and categories.expense_item = category_checks.expense_item
)

select * from final
